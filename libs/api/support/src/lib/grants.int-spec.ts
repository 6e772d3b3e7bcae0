import { DataSource } from 'typeorm';
import { AuditJobs, AuditReaderService } from '@mijn-account/api-audit';
import { withTenant } from '@mijn-account/api-database';
import {
  type FixtureTenant,
  type PortalClient,
  type TestApp,
  listRoutes,
  startTestApp,
} from '@mijn-account/api-testing';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';

describe('helpdesk access: grants, the support view, and its log', () => {
  let t: TestApp;
  let agent: PortalClient;
  let owner: PortalClient;
  const account = () => t.alpha.accounts[0];

  /** Staff sessions need a second factor; here the session is marked as having proved one. */
  async function staff(tenant: FixtureTenant, email: string): Promise<PortalClient> {
    const client = t.client(tenant);
    await client.signIn(email);
    await t.sql(tenant, `UPDATE user_session SET second_factor_at = now() WHERE second_factor_at IS NULL`);
    return client;
  }
  const events = (accountId: string) =>
    t.sql<{ action: string; outcome: string; resource: string; grant_id: string | null }>(
      t.alpha,
      `SELECT action, outcome, resource, grant_id FROM audit_event WHERE account_id = $1 ORDER BY entry_no`,
      [accountId],
    );
  const request = (client: PortalClient, body: Record<string, unknown> = {}) =>
    client.request('POST', '/api/support/requests', {
      body: {
        accountId: account().id,
        reason: 'service',
        ticket: 'T-100',
        justification: 'Customer asked about an invoice address',
        scopes: ['billing:read'],
        minutes: 60,
        ...body,
      },
    });

  beforeAll(async () => {
    t = await startTestApp();
    agent = await staff(t.alpha, t.alpha.staff['helpdesk-agent'].email);
    owner = t.client(t.alpha);
    await owner.signIn(account().owner.email);
  });
  afterAll(() => t.close());

  it('refuses staff without a grant on every subscriber-data route, and logs each refusal', async () => {
    const dataRoutes = listRoutes(t.app).filter((r) => r.access?.level === 'staff' && r.access.grant);
    expect(dataRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/support/accounts/:accountId/billing',
      'GET /api/support/accounts/:accountId/invoices',
      'GET /api/support/accounts/:accountId/invoices/:invoiceId/pdf',
      'GET /api/support/accounts/:accountId/newsletters',
      'GET /api/support/accounts/:accountId/profiles',
      'PUT /api/support/accounts/:accountId/billing',
    ]);
    const before = (await events(account().id)).length;
    for (const route of dataRoutes) {
      const res = await agent.request(route.method as 'GET', route.path.replace(':accountId', account().id), {
        body:
          route.method === 'GET'
            ? undefined
            : { companyName: 'X', cocNumber: null, vatId: null, billingEmail: null, address: null },
        headers: { 'if-match': '"v1"' },
      });
      expect({ route: route.handler, status: res.statusCode, type: res.json().type }).toEqual({
        route: route.handler,
        status: 403,
        type: PROBLEM_TYPES.noGrant,
      });
    }
    const after = await events(account().id);
    expect(after.slice(before).map((e) => e.outcome)).toEqual(dataRoutes.map(() => 'refused'));
    // Staff never reach the subscriber's own endpoints, whatever the URL.
    for (const route of listRoutes(t.app).filter((r) => r.access?.level === 'account')) {
      const res = await agent.request(route.method as 'GET', route.path.replace(/:(\w+)/g, account().id), {
        body: route.method === 'GET' ? undefined : {},
      });
      expect({ route: route.handler, status: res.statusCode }).toEqual({ route: route.handler, status: 403 });
    }
  });

  it('lets the owner approve a shorter grant; the agent reads billing once per access, logged; revoke stops the next request', async () => {
    const requested = await request(agent, { scopes: ['billing:read', 'billing:write'] });
    expect(requested.statusCode).toBe(201);
    const id = requested.json().id;
    await t.mail.waitFor(account().owner.email, (m) => m.subject === 'De helpdesk vraagt toegang tot je account');
    expect((await agent.request('GET', `/api/support/accounts/${account().id}/billing`)).statusCode).toBe(403);

    const approved = await owner.request('POST', `/api/account/access-requests/${id}/approve`, {
      body: { minutes: 15, scopes: ['billing:read'] },
    });
    expect(approved.json()).toMatchObject({ status: 'active', minutes: 15, scopes: ['billing:read'] });

    const before = (await events(account().id)).length;
    const read = await agent.request('GET', `/api/support/accounts/${account().id}/billing`);
    expect(read.statusCode).toBe(200);
    expect(read.headers['etag']).toBeDefined();
    const write = await agent.request('PUT', `/api/support/accounts/${account().id}/billing`, {
      body: { companyName: 'X', cocNumber: null, vatId: null, billingEmail: null, address: null },
      headers: { 'if-match': String(read.headers['etag']) },
    });
    expect(write.statusCode).toBe(403);
    const logged = (await events(account().id)).slice(before);
    expect(logged).toEqual([
      { action: 'read', outcome: 'allowed', resource: 'billing', grant_id: id },
      { action: 'write', outcome: 'refused', resource: 'billing', grant_id: null },
    ]);

    const log = (await owner.request('GET', '/api/account/access-log')).json();
    expect(log.verification.intact).toBe(true);
    expect(log.events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['request-created', 'request-approved', 'read']),
    );

    expect((await owner.request('POST', `/api/account/access-requests/${id}/revoke`)).json().status).toBe('revoked');
    expect((await agent.request('GET', `/api/support/accounts/${account().id}/billing`)).statusCode).toBe(403);
  });

  it('serves each granted scope, and only that scope, under the tenant admin’s limits', async () => {
    const admin = await staff(t.alpha, t.alpha.staff['tenant-admin'].email);
    const bad = await admin.request('PUT', '/api/admin/access-settings', {
      body: { maxMinutes: 30, defaultMinutes: 60, requestTimeoutHours: 24, allowedScopes: ['profile:read'] },
    });
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'defaultMinutes' })]);
    const settings = {
      maxMinutes: 30,
      defaultMinutes: 20,
      requestTimeoutHours: 24,
      allowedScopes: ['profile:read', 'billing:read', 'newsletters:read'],
    };
    expect((await admin.request('PUT', '/api/admin/access-settings', { body: settings })).statusCode).toBe(204);
    expect((await admin.request('GET', '/api/admin/access-settings')).json()).toEqual(settings);

    const tooLong = await request(agent, { scopes: ['profile:read'], minutes: 60 });
    expect(tooLong.json().errors).toEqual([expect.objectContaining({ field: 'minutes' })]);
    const notAllowed = await request(agent, { scopes: ['billing:write'], minutes: 10 });
    expect(notAllowed.json().errors).toEqual([expect.objectContaining({ field: 'scopes' })]);

    const id = (await request(agent, { scopes: ['profile:read'], minutes: undefined })).json().id;
    expect(
      (await owner.request('POST', `/api/account/access-requests/${id}/approve`, { body: {} })).json(),
    ).toMatchObject({ status: 'active', minutes: 20 });
    const people = await agent.request('GET', `/api/support/accounts/${account().id}/profiles`);
    expect(
      people
        .json()
        .map((p: { email: string }) => p.email)
        .sort(),
    ).toEqual([account().member.email, account().owner.email].sort());
    expect((await agent.request('GET', `/api/support/accounts/${account().id}/newsletters`)).statusCode).toBe(403);
    expect((await events(account().id)).slice(-2).map((e) => `${e.resource}:${e.outcome}`)).toEqual([
      'profiles:allowed',
      'newsletters:refused',
    ]);
    await owner.request('POST', `/api/account/access-requests/${id}/revoke`);
    await admin.request('PUT', '/api/admin/access-settings', {
      body: {
        maxMinutes: 480,
        defaultMinutes: 60,
        requestTimeoutHours: 72,
        allowedScopes: ['profile:read', 'billing:read', 'billing:write', 'newsletters:read'],
      },
    });
  });

  it('refuses a grant one second past its expiry, and logs the refusal', async () => {
    const id = (await request(agent)).json().id;
    await owner.request('POST', `/api/account/access-requests/${id}/approve`, { body: {} });
    expect((await agent.request('GET', `/api/support/accounts/${account().id}/billing`)).statusCode).toBe(200);
    await t.sql(t.alpha, `UPDATE access_grant SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    const late = await agent.request('GET', `/api/support/accounts/${account().id}/billing`);
    expect(late.statusCode).toBe(403);
    const tail = (await events(account().id)).slice(-2);
    expect(tail).toEqual([
      expect.objectContaining({ action: 'grant-expired', grant_id: id }),
      expect.objectContaining({ action: 'read', outcome: 'refused' }),
    ]);
  });

  it('needs a second person for a technical request, and tells the subscriber', async () => {
    const both = t.alpha.staff['helpdesk-supervisor'];
    await t.sql(
      t.alpha,
      `UPDATE app_user SET staff_roles = ARRAY['helpdesk-agent', 'helpdesk-supervisor'] WHERE id = $1`,
      [both.id],
    );
    const dual = await staff(t.alpha, both.email);
    const own = (await request(dual, { reason: 'security', scopes: ['profile:read'] })).json();
    const self = await dual.request('POST', `/api/support/queue/${own.id}/approve`);
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toContain('Another supervisor');
    // The owner cannot decide technical requests either.
    expect(
      (await owner.request('POST', `/api/account/access-requests/${own.id}/approve`, { body: {} })).statusCode,
    ).toBe(403);

    const technical = (await request(agent, { reason: 'availability' })).json();
    expect((await dual.request('GET', '/api/support/queue')).json().map((g: { id: string }) => g.id)).toEqual(
      expect.arrayContaining([technical.id]),
    );
    expect((await dual.request('POST', `/api/support/queue/${technical.id}/approve`)).json().status).toBe('active');
    await t.mail.waitFor(account().owner.email, (m) => m.subject === 'Interne toegang tot je account');
    const noNote = await agent.request('POST', `/api/support/requests/${technical.id}/close`, { body: {} });
    expect(noNote.statusCode).toBe(422);
    const closed = await agent.request('POST', `/api/support/requests/${technical.id}/close`, {
      body: { note: 'Restarted the invoice run' },
    });
    expect(closed.json()).toMatchObject({ status: 'closed', closeNote: 'Restarted the invoice run' });
    const list = (await owner.request('GET', '/api/account/access-requests')).json();
    expect(list.find((g: { id: string }) => g.id === technical.id).closeNote).toBe('Restarted the invoice run');
  });

  it('lets a supervisor see the whole request, narrow it but never widen it, and deny with a reason the agent and the log carry (issue 16 §6)', async () => {
    const supervisor = await staff(t.alpha, t.alpha.staff['helpdesk-supervisor'].email);
    const asked = (
      await request(agent, {
        reason: 'security',
        ticket: 'INC-9',
        scopes: ['billing:read', 'profile:read'],
        minutes: 60,
      })
    ).json();
    const queued = (await supervisor.request('GET', '/api/support/queue'))
      .json()
      .find((g: { id: string }) => g.id === asked.id);
    expect(queued).toMatchObject({
      ticket: 'INC-9',
      minutes: 60,
      scopes: ['billing:read', 'profile:read'],
      justification: 'Customer asked about an invoice address',
      customerNumber: account().customerNumber,
      requestedBy: expect.any(String),
    });
    // More than asked is refused, naming each field, and leaves the request as it was.
    const wider = await supervisor.request('POST', `/api/support/queue/${asked.id}/approve`, {
      body: { minutes: 90, scopes: ['billing:read', 'newsletters:read'] },
    });
    expect(wider.statusCode).toBe(422);
    expect(wider.json().errors).toEqual([
      expect.objectContaining({ field: 'minutes', code: 'max' }),
      expect.objectContaining({ field: 'scopes', code: 'notRequested' }),
    ]);
    const none = await supervisor.request('POST', `/api/support/queue/${asked.id}/approve`, { body: { scopes: [] } });
    expect(none.json().errors).toEqual([expect.objectContaining({ field: 'scopes', code: 'empty' })]);
    const [still] = await t.sql<{ status: string }>(t.alpha, `SELECT status FROM access_grant WHERE id = $1`, [
      asked.id,
    ]);
    expect(still.status).toBe('pending');
    const narrowed = await supervisor.request('POST', `/api/support/queue/${asked.id}/approve`, {
      body: { minutes: 20, scopes: ['profile:read'] },
    });
    expect(narrowed.json()).toMatchObject({ status: 'active', minutes: 20, scopes: ['profile:read'] });
    expect((await agent.request('GET', `/api/support/accounts/${account().id}/billing`)).statusCode).toBe(403);

    // A denial needs its reason; the agent reads it, and the log's step carries it.
    const second = (await request(agent, { reason: 'availability', ticket: 'INC-10' })).json();
    const bare = await supervisor.request('POST', `/api/support/queue/${second.id}/deny`, { body: {} });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().errors).toEqual([expect.objectContaining({ field: 'reason', code: 'required' })]);
    const denied = await supervisor.request('POST', `/api/support/queue/${second.id}/deny`, {
      body: { reason: 'No outage on record for this ticket' },
    });
    expect(denied.json()).toMatchObject({ status: 'denied', denyReason: 'No outage on record for this ticket' });
    const mine = (await agent.request('GET', '/api/support/requests')).json();
    expect(mine.find((g: { id: string }) => g.id === second.id)).toMatchObject({
      status: 'denied',
      denyReason: 'No outage on record for this ticket',
    });
    const [step] = await t.sql<{ reason: string }>(
      t.alpha,
      `SELECT reason FROM audit_event WHERE grant_id = $1 AND action = 'request-denied'`,
      [second.id],
    );
    expect(step.reason).toBe('availability: No outage on record for this ticket');

    // The supervisors' history: decided technical requests, newest first; not for agents.
    const decided = (await supervisor.request('GET', '/api/support/queue/decided')).json();
    expect(decided.slice(0, 2).map((g: { id: string; status: string }) => `${g.id} ${g.status}`)).toEqual([
      `${second.id} denied`,
      `${asked.id} active`,
    ]);
    expect(decided[0].decidedBy).toEqual(expect.any(String));
    expect((await agent.request('GET', '/api/support/queue/decided')).statusCode).toBe(403);
    await agent.request('POST', `/api/support/requests/${asked.id}/close`, { body: { note: 'Looked at the people' } });

    // Owner-only rules stand: the owner decides service requests only, and narrows, never widens.
    const service = (await request(agent)).json();
    expect(
      (await supervisor.request('POST', `/api/support/queue/${service.id}/deny`, { body: { reason: 'No' } }))
        .statusCode,
    ).toBe(403);
    const longer = await owner.request('POST', `/api/account/access-requests/${service.id}/approve`, {
      body: { minutes: 61 },
    });
    expect(longer.statusCode).toBe(422);
    expect(longer.json().errors).toEqual([expect.objectContaining({ field: 'minutes', code: 'max' })]);
    const ownerDenied = await owner.request('POST', `/api/account/access-requests/${service.id}/deny`, {
      body: { reason: 'We solved it by phone' },
    });
    expect(ownerDenied.json()).toMatchObject({ status: 'denied', denyReason: 'We solved it by phone' });
  });

  it('keeps another tenant’s agent out, even with a valid grant id', async () => {
    const id = (await request(agent)).json().id;
    await owner.request('POST', `/api/account/access-requests/${id}/approve`, { body: {} });
    const betaAgent = await staff(t.beta, t.beta.staff['helpdesk-agent'].email);
    // Another tenant's account id is unknown here: 404, like every id route (issue 14 §4).
    expect((await betaAgent.request('GET', `/api/support/accounts/${account().id}/billing`)).statusCode).toBe(404);
    expect(
      (await betaAgent.request('POST', `/api/support/requests/${id}/close`, { body: { note: 'x' } })).statusCode,
    ).toBe(404);
    expect((await betaAgent.request('GET', '/api/support/accounts?q=ALPHA')).json()).toEqual([]);
  });

  it('logs a write with the fields it sends, and every failed or refused attempt after the grant was found; names a bad account id', async () => {
    const id = (await request(agent, { scopes: ['billing:read', 'billing:write'] })).json().id;
    await owner.request('POST', `/api/account/access-requests/${id}/approve`, { body: {} });
    const url = `/api/support/accounts/${account().id}/billing`;
    const logged = () =>
      t.sql<{ action: string; outcome: string; fields: string[]; grant_id: string | null }>(
        t.alpha,
        `SELECT action, outcome, fields, grant_id FROM audit_event WHERE account_id = $1 ORDER BY entry_no`,
        [account().id],
      );
    const before = (await logged()).length;
    const etag = String((await agent.request('GET', url)).headers['etag']);
    const bad = await agent.request('PUT', url, { body: { companyName: '' }, headers: { 'if-match': etag } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'companyName' })]);
    const write = await agent.request('PUT', url, {
      body: { companyName: 'Helpdesk Test BV', billingEmail: null },
      headers: { 'if-match': etag },
    });
    expect(write.statusCode).toBe(200);
    expect(write.json().companyName).toBe('Helpdesk Test BV');
    // Refused after the grant was found (here by the CSRF check): the attempt is on record.
    const forged = await agent.request('PUT', url, {
      body: { companyName: 'Forged BV' },
      headers: { 'if-match': String(write.headers['etag']) },
      csrf: false,
    });
    expect(forged.statusCode).toBe(403);
    // A stale version under a grant that may read: the current record comes back, and that is on record too.
    const stale = await agent.request('PUT', url, { body: {}, headers: { 'if-match': '"v0"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current.companyName).toBe('Helpdesk Test BV');
    const notAnId = await agent.request('GET', '/api/support/accounts/not-an-id/billing');
    expect(notAnId.statusCode).toBe(422);
    expect(notAnId.json().errors).toEqual([expect.objectContaining({ field: 'accountId' })]);
    expect((await logged()).slice(before)).toEqual([
      { action: 'read', outcome: 'allowed', fields: [], grant_id: id },
      { action: 'write', outcome: 'failed', fields: ['companyName'], grant_id: id },
      { action: 'write', outcome: 'allowed', fields: ['companyName', 'billingEmail'], grant_id: id },
      { action: 'write', outcome: 'refused', fields: ['companyName'], grant_id: id },
      { action: 'write', outcome: 'failed', fields: [], grant_id: id },
    ]);
    await owner.request('POST', `/api/account/access-requests/${id}/revoke`);
  });

  it('shows nothing through a write scope alone: no record after a write, none in a 412, and the 412 is logged', async () => {
    const id = (await request(agent, { scopes: ['billing:write'] })).json().id;
    await owner.request('POST', `/api/account/access-requests/${id}/approve`, { body: {} });
    const url = `/api/support/accounts/${account().id}/billing`;
    const before = (await events(account().id)).length;
    // The side door of issue 14: a stale If-Match and an empty body.
    const stale = await agent.request('PUT', url, { body: {}, headers: { 'if-match': '"v0"' } });
    expect(stale.statusCode).toBe(412);
    const { etag } = stale.json().current;
    expect(stale.json().current).toEqual({ etag: expect.stringMatching(/^"v\d+"$/) });
    expect(stale.body).not.toMatch(/companyName|street|vatId|billingEmail/);
    const write = await agent.request('PUT', url, {
      body: { companyName: 'Blind BV' },
      headers: { 'if-match': etag },
    });
    expect(write.statusCode).toBe(204);
    expect(write.body).toBe('');
    expect(write.headers['etag']).toMatch(/^"v\d+"$/);
    const logged = (await events(account().id)).slice(before);
    expect(logged.map((e) => `${e.action} ${e.outcome} ${e.grant_id === id}`)).toEqual([
      'write failed true',
      'write allowed true',
    ]);
    await owner.request('POST', `/api/account/access-requests/${id}/revoke`);
  });

  it('records the steps of a grant without an outcome of their own, so a denial never reads as allowed', async () => {
    const id = (await request(agent)).json().id;
    await owner.request('POST', `/api/account/access-requests/${id}/deny`);
    const steps = await t.sql<{ action: string; outcome: string | null }>(
      t.alpha,
      `SELECT action, outcome FROM audit_event WHERE grant_id = $1 ORDER BY entry_no`,
      [id],
    );
    expect(steps).toEqual([
      { action: 'request-created', outcome: null },
      { action: 'request-denied', outcome: null },
    ]);
    const log = (await owner.request('GET', '/api/account/access-log')).json();
    const denied = log.events.find((e: { action: string; grantId: string }) => e.action === 'request-denied');
    expect(denied.outcome).toBeNull();
  });

  it('names staff as their tenant admin did: a staff user cannot rename themselves, a subscriber can', async () => {
    const profile = await agent.request('GET', '/api/me/profile');
    const rename = await agent.request('PUT', '/api/me/profile', {
      body: { displayName: 'The Boss', phone: null, preferredLanguage: null, timeZone: null },
      headers: { 'if-match': String(profile.headers['etag']) },
    });
    expect(rename.statusCode).toBe(422);
    expect(rename.json().errors).toEqual([expect.objectContaining({ field: 'displayName', code: 'setByAdmin' })]);
    const [agentRow] = await t.sql<{ display_name: string }>(
      t.alpha,
      `SELECT display_name FROM app_user WHERE id = $1`,
      [t.alpha.staff['helpdesk-agent'].id],
    );
    expect(agentRow.display_name).not.toBe('The Boss');
    // Other fields of their own profile stay theirs to change.
    const phone = await agent.request('PUT', '/api/me/profile', {
      body: { displayName: agentRow.display_name, phone: '+31 6 12345678', preferredLanguage: null, timeZone: null },
      headers: { 'if-match': String(profile.headers['etag']) },
    });
    expect(phone.statusCode).toBe(200);
    const own = await owner.request('GET', '/api/me/profile');
    const renamed = await owner.request('PUT', '/api/me/profile', {
      body: { displayName: 'Eva Renamed', phone: null, preferredLanguage: null, timeZone: null },
      headers: { 'if-match': String(own.headers['etag']) },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().displayName).toBe('Eva Renamed');
  });

  it('fails the access when its log write fails', async () => {
    await t.sql(t.alpha, `REVOKE INSERT ON audit_event FROM portal_runtime`);
    try {
      const res = await agent.request('GET', `/api/support/accounts/${account().id}/billing`);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('companyName');
    } finally {
      await t.sql(t.alpha, `GRANT INSERT ON audit_event TO portal_runtime`);
    }
  });

  it('leaves a valid chain after 16 concurrent accesses, one event each', async () => {
    const before = (await events(account().id)).length;
    const results = await Promise.all(
      Array.from({ length: 16 }, () => agent.request('GET', `/api/support/accounts/${account().id}/billing`)),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(16).fill(200));
    const after = await events(account().id);
    expect(after.length - before).toBe(16);
    await t.app.get(AuditJobs).seal();
    const verification = await withTenant(t.app.get(DataSource), t.alpha.id, (db) =>
      t.app.get(AuditReaderService).verify(db, t.alpha.id, account().id),
    );
    expect(verification).toMatchObject({ intact: true, events: after.length, unsealed: 0 });
  });
});
