import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { AuditJobs } from '@mijn-account/api-audit';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { type TestApp, freePort, startTestApp } from '@mijn-account/api-testing';

/** One sample's value in Prometheus' text format (0 when the series is not there yet). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return 0;
}

describe('seen from outside: metrics and log lines (issue 19 §3)', () => {
  let t: TestApp;
  let port: number;
  const lines: Record<string, unknown>[] = [];
  let raw = '';

  beforeAll(async () => {
    port = await freePort();
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        raw += chunk.toString('utf8');
        for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    });
    t = await startTestApp({ METRICS_PORT: String(port), LOG_LEVEL: 'debug' }, { logStream });
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  };

  it('serves metrics on their own loopback listener, not on a tenant host', async () => {
    expect(await scrape()).toContain('# TYPE portal_http_requests_total counter');
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    const onTenant = await t.client(t.alpha).request('GET', '/metrics');
    expect(onTenant.body).not.toContain('portal_http_requests_total');
  });

  it('counts requests and their time by route pattern and status, never by raw URL', async () => {
    const client = t.client(t.alpha);
    const route = { method: 'GET', route: '/api/me', status: '401' };
    const before = await scrape();
    await client.request('GET', '/api/me');
    await client.request('GET', '/api/me');
    const id = randomUUID();
    expect((await client.signIn(t.alpha.accounts[0].member.email)).statusCode).toBe(200);
    expect((await client.request('DELETE', `/api/me/security/sessions/${id}`)).statusCode).toBe(404);
    const after = await scrape();
    expect(
      sample(after, 'portal_http_requests_total', route) - sample(before, 'portal_http_requests_total', route),
    ).toBe(2);
    const byPattern = { method: 'DELETE', route: '/api/me/security/sessions/:id' };
    expect(sample(after, 'portal_http_requests_total', { ...byPattern, status: '404' })).toBe(1);
    expect(sample(after, 'portal_http_request_duration_seconds_count', byPattern)).toBe(1);
    expect(after).not.toContain(id);
    // A path no route knows is one series, whatever the path (a GET is the web app's `/*`).
    await client.request('POST', `/api/no-such-thing/${id}`);
    await client.request('GET', `/api/no-such-thing/${id}`);
    const unknown = await scrape();
    expect(sample(unknown, 'portal_http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThan(0);
    expect(sample(unknown, 'portal_http_requests_total', { route: '/*', status: '404' })).toBeGreaterThan(0);
    expect(unknown).not.toContain('no-such-thing');
  });

  it('counts failed sign-ins and mails sent', async () => {
    const before = await scrape();
    const client = t.client(t.alpha);
    expect((await client.signIn(t.alpha.accounts[1].member.email, 'not the password')).statusCode).toBe(401);
    const email = t.alpha.accounts[1].owner.email;
    await client.request('POST', '/api/password-reset', { body: { email } });
    await t.mail.waitFor(email);
    let after = await scrape();
    for (let i = 0; i < 50 && sample(after, 'portal_mails_total', { outcome: 'sent' }) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await scrape();
    }
    const failures = (text: string) => sample(text, 'portal_sign_in_failures_total', { outcome: 'failed' });
    expect(failures(after) - failures(before)).toBe(1);
    // Refused before any check (429, the address locked): counted as throttled.
    const locked = t.alpha.accounts[1].member.email;
    await t.sql(t.alpha, `UPDATE sign_in_throttle SET locked_until = now() + interval '5 minutes' WHERE key = $1`, [
      `email:${locked}`,
    ]);
    expect((await client.signIn(locked)).statusCode).toBe(429);
    const throttled = (text: string) => sample(text, 'portal_sign_in_failures_total', { outcome: 'throttled' });
    expect(throttled(await scrape()) - throttled(after)).toBe(1);
    await t.sql(t.alpha, `DELETE FROM sign_in_throttle WHERE key = $1`, [`email:${locked}`]);
    const sent = (text: string) => sample(text, 'portal_mails_total', { outcome: 'sent' });
    expect(sent(after) - sent(before)).toBeGreaterThanOrEqual(1);
  });

  it('shows the database pool, and each queue’s waiting jobs and the oldest one’s age', async () => {
    const text = await scrape();
    expect(sample(text, 'portal_db_pool_max')).toBe(10);
    expect(text).toMatch(/^portal_db_pool_connections\{state="in_use"\} \d+$/m);
    expect(text).toMatch(/^portal_db_pool_connections\{state="waiting"\} 0$/m);
    expect(text).toMatch(/^portal_queue_jobs\{queue="mail",state="waiting"\} \d+$/m);
    // A queue no process works, with a job due two minutes ago.
    await t.sql(t.alpha, `SELECT pgboss.create_queue('ops-probe', '{}'::json)`);
    await t.sql(
      t.alpha,
      `INSERT INTO pgboss.job (name, data, start_after, created_on) VALUES ('ops-probe', '{}', now() - interval '2 minutes', now() - interval '2 minutes')`,
    );
    const moved = await scrape();
    expect(sample(moved, 'portal_queue_jobs', { queue: 'ops-probe', state: 'waiting' })).toBe(1);
    expect(sample(moved, 'portal_queue_oldest_waiting_seconds', { queue: 'ops-probe' })).toBeGreaterThanOrEqual(120);
  });

  it('measures how long access-log events wait to be sealed', async () => {
    const [account] = t.beta.accounts;
    await t.sql(
      t.beta,
      `INSERT INTO audit_event (tenant_id, account_id, at, actor_name, actor_kind, action, resource, outcome)
       VALUES ($1, $2, now() - interval '40 seconds', 'Agent', 'staff', 'read', 'billing', 'allowed')`,
      [t.beta.id, account.id],
    );
    const before = await scrape();
    // Waiting, seen across tenants before any sealer speaks (a stopped sealer must show here).
    expect(sample(before, 'portal_audit_oldest_unsealed_seconds')).toBeGreaterThanOrEqual(40);
    await t.app.get(AuditJobs).seal();
    const after = await scrape();
    const count = (text: string, le: string) => sample(text, 'portal_audit_seal_lag_seconds_bucket', { le });
    expect(count(after, '60') - count(before, '60')).toBe(1);
    expect(count(after, '30') - count(before, '30')).toBe(0);
    expect(sample(after, 'portal_audit_oldest_unsealed_seconds')).toBeLessThan(40);
  });

  it('puts the request id, tenant slug and user id on every line of a request and of the jobs it queues, never an e-mail address', async () => {
    const member = t.alpha.accounts[0].member;
    const client = t.client(t.alpha);
    const signIn = await client.signIn(member.email);
    expect(signIn.statusCode).toBe(200);
    // The sign-in's own line names the user it signed in.
    expect(lines.filter((line) => line['reqId'] === String(signIn.headers['x-request-id']))).toContainEqual(
      expect.objectContaining({ msg: 'request completed', route: '/api/session', userId: member.id }),
    );
    const me = await client.request('GET', '/api/me');
    expect(me.statusCode).toBe(200);
    const reqId = String(me.headers['x-request-id']);
    const ofMe = lines.filter((line) => line['reqId'] === reqId);
    expect(ofMe).toContainEqual(
      expect.objectContaining({ msg: 'request completed', route: '/api/me', res: { statusCode: 200 } }),
    );
    for (const line of ofMe) expect(line).toMatchObject({ tenant: t.alpha.slug, userId: member.id });

    // A request that queues a mail: the worker's lines carry the request's id, tenant and user.
    const email = t.alpha.accounts[1].owner.email;
    const anonymous = t.client(t.alpha);
    await anonymous.request('GET', '/api/tenant');
    const reset = await anonymous.request('POST', '/api/password-reset', { body: { email } });
    expect(reset.statusCode).toBe(202);
    const resetId = String(reset.headers['x-request-id']);
    await t.mail.waitFor(email, (m) => m.subject === 'Nieuw wachtwoord instellen');
    let ofJob: Record<string, unknown>[] = [];
    for (let i = 0; i < 50 && ofJob.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ofJob = lines.filter((line) => line['reqId'] === resetId && line['job'] === 'mail');
    }
    expect(ofJob.length).toBeGreaterThanOrEqual(1);
    for (const line of ofJob) expect(line).toMatchObject({ tenant: t.alpha.slug, jobId: expect.any(String) });

    // Whatever was logged in this whole suite names no person: no address, no display name.
    for (const user of [member, t.alpha.accounts[1].owner, t.alpha.accounts[1].member]) {
      expect(raw).not.toContain(user.email);
      expect(raw).not.toContain(`"${user.email.split('@')[0]}"`);
    }
  });

  it('answers an error it does not know with 500 problem details naming the request, and logs the error under that id', async () => {
    const client = t.client(t.alpha);
    expect((await client.signIn(t.alpha.accounts[0].owner.email)).statusCode).toBe(200);
    // Not a fault of the database being away, nor the caller's: the runtime role lost a privilege.
    await t.owner.query(`REVOKE SELECT ON subscriber_account FROM portal_runtime`);
    try {
      const res = await client.request('GET', '/api/account/billing');
      const reqId = String(res.headers['x-request-id']);
      expect({ status: res.statusCode, type: res.json().type, requestId: res.json().requestId }).toEqual({
        status: 500,
        type: PROBLEM_TYPES.internal,
        requestId: reqId,
      });
      expect(res.headers['retry-after']).toBeUndefined();
      // The database's words stay in the log, under the request's id: not in the answer.
      expect(res.body).not.toContain('permission denied');
      expect(lines.filter((line) => line['reqId'] === reqId)).toContainEqual(
        expect.objectContaining({
          level: 50,
          msg: 'unexpected error',
          err: expect.objectContaining({ message: expect.stringContaining('permission denied') }),
        }),
      );
    } finally {
      await t.owner.query(`GRANT SELECT ON subscriber_account TO portal_runtime`);
    }
  });
});
