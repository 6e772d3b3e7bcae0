import { Client } from 'pg';
import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * The grant gate's measured property (ADR 0007): on a staff read under a grant, finding the
 * session, checking the grant and writing the access event are ONE statement — the session lookup
 * with the gate's step folded in through the typed contract of api-core's session-step.ts.
 */
describe('helpdesk access: the grant check is folded into the session lookup', () => {
  let t: TestApp;
  let agent: PortalClient;
  let statements: string[] | null = null;
  const account = () => t.alpha.accounts[0];

  beforeAll(async () => {
    // Every statement any pooled connection sends, while a test listens (prepared ones included).
    const query = Client.prototype.query as (...args: unknown[]) => unknown;
    jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
      if (statements && text) statements.push(text);
      return query.apply(this, args);
    } as never);
    t = await startTestApp({ AUDIT_SEAL_SECONDS: '0', AUDIT_CHECKPOINT_MINUTES: '0' });
    agent = t.client(t.alpha);
    await agent.signIn(t.alpha.staff['helpdesk-agent'].email);
    await t.sql(t.alpha, `UPDATE user_session SET second_factor_at = now(), last_seen_at = now()`);
    await t.sql(
      t.alpha,
      `INSERT INTO access_grant (tenant_id, account_id, requested_by, requested_by_name, reason, ticket, justification,
                                 scopes, minutes, status, request_expires_at, starts_at, expires_at)
       VALUES ($1, $2, $3, 'Agent', 'service', 'T-1', 'Test', '{billing:read}', 60, 'active', now() + interval '1 hour',
               now(), now() + interval '1 hour')`,
      [t.alpha.id, account().id, t.alpha.staff['helpdesk-agent'].id],
    );
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('reads billing under a grant with one statement for session, grant and event', async () => {
    statements = [];
    const response = await agent.request('GET', `/api/support/accounts/${account().id}/billing`);
    const sent = statements;
    statements = null;
    expect(response.statusCode).toBe(200);
    const gateWork = sent.filter((s) => /user_session|access_grant|audit_event/.test(s));
    expect(gateWork).toHaveLength(1);
    expect(gateWork[0]).toMatch(/FROM user_session/);
    expect(gateWork[0]).toMatch(/FROM access_grant/);
    expect(gateWork[0]).toMatch(/INSERT INTO audit_event/);
    const logged = await t.sql<{ outcome: string; actor_name: string }>(
      t.alpha,
      `SELECT outcome, actor_name FROM audit_event WHERE account_id = $1 AND resource = 'billing'`,
      [account().id],
    );
    expect(logged).toEqual([{ outcome: 'allowed', actor_name: expect.any(String) }]);
  });
});
