import { type FixtureTenant, type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * Restriction (Art. 18) and objection (Art. 21) by their real effect (issue 18 §4): an issue sent
 * while a subscriber is restricted, or objects to direct marketing, reaches nobody of them over real
 * SMTP; a helpdesk access request for a restricted account is refused with a reason; lifting the
 * restriction or withdrawing the objection restores both.
 */
describe('restriction and objection, by their effect', () => {
  let t: TestApp;
  let admin: PortalClient;
  let agent: PortalClient;
  let restricted: PortalClient;
  let objector: PortalClient;
  let listId: string;
  const person = () => t.alpha.accounts[0].member;
  const other = () => t.alpha.accounts[1].member;

  async function staff(tenant: FixtureTenant, email: string): Promise<PortalClient> {
    const client = t.client(tenant);
    await client.signIn(email);
    await t.sql(tenant, `UPDATE user_session SET second_factor_at = now() WHERE second_factor_at IS NULL`);
    return client;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staff(t.alpha, t.alpha.staff['tenant-admin'].email);
    agent = await staff(t.alpha, t.alpha.staff['helpdesk-agent'].email);
    restricted = t.client(t.alpha);
    await restricted.signIn(person().email);
    objector = t.client(t.alpha);
    await objector.signIn(other().email);
    const created = await admin.request('POST', '/api/admin/newsletters', {
      body: {
        nameNl: 'Nieuws',
        nameEn: 'News',
        descriptionNl: 'Af en toe',
        descriptionEn: 'Now and then',
        visible: true,
      },
    });
    listId = created.json().id;
    // Both members are confirmed subscribers (the double opt-in itself is the newsletters' test).
    for (const user of [person(), other()])
      await t.sql(
        t.alpha,
        `INSERT INTO newsletter_subscription (tenant_id, list_id, user_id, status) VALUES ($1, $2, $3, 'confirmed')`,
        [t.alpha.id, listId, user.id],
      );
  });
  afterAll(() => t.close());

  const send = async (subject: string) =>
    (
      await admin.request('POST', `/api/admin/newsletters/${listId}/issues`, { body: { subject, body: 'Tekst' } })
    ).json();
  const outbox = (subject: string) =>
    t.sql<{ recipient: string }>(t.alpha, `SELECT recipient FROM mail_message WHERE subject = $1 ORDER BY recipient`, [
      subject,
    ]);
  const helpdesk = (accountId: string) =>
    agent.request('POST', '/api/support/requests', {
      body: {
        accountId,
        reason: 'service',
        ticket: 'T-1',
        justification: 'Invoice question',
        scopes: ['billing:read'],
        minutes: 30,
      },
    });
  const restriction = (userId: string) => admin.request('GET', `/api/admin/privacy/restrictions/${userId}`);

  it('takes the person’s request for a restriction as a privacy request with a deadline, one open at a time', async () => {
    const asked = await restricted.request('POST', '/api/me/privacy/restriction/requests', {
      body: { details: 'Mijn adres klopt niet' },
    });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ restricted: false, openRequest: { dueOn: expect.any(String) } });
    expect(
      (await restricted.request('POST', '/api/me/privacy/restriction/requests', { body: { details: 'Nog eens' } }))
        .statusCode,
    ).toBe(409);
    const register = (await admin.request('GET', '/api/admin/privacy/requests?status=open')).json();
    expect(register).toEqual([
      expect.objectContaining({ type: 'restriction', channel: 'portal', userId: person().id, personRestricted: false }),
    ]);
  });

  it('stops newsletters and helpdesk access while restricted, and lifting restores both', async () => {
    const before = await restriction(person().id);
    // No reason: refused field by field, nothing written.
    const noReason = await admin.request('PUT', `/api/admin/privacy/restrictions/${person().id}`, {
      headers: { 'if-match': before.headers.etag as string },
      body: { restricted: true, reason: null },
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const set = await admin.request('PUT', `/api/admin/privacy/restrictions/${person().id}`, {
      headers: { 'if-match': before.headers.etag as string },
      body: { restricted: true, reason: 'Betwist de juistheid van het adres (art. 18 lid 1 a)' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ restrictedAt: expect.any(String), restrictedBy: expect.any(String) });
    expect((await restricted.request('GET', '/api/me/privacy/restriction')).json()).toMatchObject({
      restricted: true,
      reason: 'Betwist de juistheid van het adres (art. 18 lid 1 a)',
    });
    expect((await admin.request('GET', '/api/admin/privacy/restrictions')).json()).toEqual([
      expect.objectContaining({ userId: person().id, restrictedAt: expect.any(String) }),
    ]);
    // The change is in the person's account's access log.
    expect(
      await t.sql(
        t.alpha,
        `SELECT action, resource FROM audit_event WHERE account_id = $1 AND resource = 'restriction' AND action = 'write'`,
        [t.alpha.accounts[0].id],
      ),
    ).toEqual([{ action: 'write', resource: 'restriction' }]);

    // An issue now reaches only the other subscriber, over SMTP; the restricted one gets nothing.
    expect(await send('Tijdens beperking')).toEqual({ recipients: 1 });
    await t.mail.waitFor(other().email, (m) => m.subject === 'Tijdens beperking');
    expect(await outbox('Tijdens beperking')).toEqual([{ recipient: other().email }]);
    expect(t.mail.to(person().email).some((m) => m.subject === 'Tijdens beperking')).toBe(false);

    // A helpdesk request for the restricted person's account is refused with the reason; another account's is not.
    const refused = await helpdesk(t.alpha.accounts[0].id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({
        field: 'accountId',
        code: 'processingRestricted',
        message: expect.stringContaining('Art. 18'),
      }),
    ]);
    expect(await t.sql(t.alpha, `SELECT 1 FROM access_grant WHERE account_id = $1`, [t.alpha.accounts[0].id])).toEqual(
      [],
    );
    expect((await helpdesk(t.alpha.accounts[1].id)).statusCode).toBe(201);

    // A stale edit is refused; lifting with the current version restores newsletters and helpdesk access.
    const stale = await admin.request('PUT', `/api/admin/privacy/restrictions/${person().id}`, {
      headers: { 'if-match': before.headers.etag as string },
      body: { restricted: false, reason: null },
    });
    expect(stale.statusCode).toBe(412);
    const lifted = await admin.request('PUT', `/api/admin/privacy/restrictions/${person().id}`, {
      headers: { 'if-match': set.headers.etag as string },
      body: { restricted: false, reason: null },
    });
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json()).toMatchObject({ restrictedAt: null, reason: null });
    expect(await send('Na opheffing')).toEqual({ recipients: 2 });
    await t.mail.waitFor(person().email, (m) => m.subject === 'Na opheffing');
    expect((await helpdesk(t.alpha.accounts[0].id)).statusCode).toBe(201);
  });

  it('ends the account’s helpdesk access at once when restricted: active grants revoked, pending requests denied, no approval', async () => {
    const account = t.alpha.accounts[0];
    const owner = t.client(t.alpha);
    expect((await owner.signIn(account.owner.email)).statusCode).toBe(200);
    const pendingIds = async () =>
      (
        await t.sql<{ id: string }>(
          t.alpha,
          `SELECT id FROM access_grant WHERE account_id = $1 AND status = 'pending'`,
          [account.id],
        )
      ).map((r) => r.id);
    // The request left by the previous test is approved: an active grant. A second one stays pending.
    const [activeId] = await pendingIds();
    expect(
      (await owner.request('POST', `/api/account/access-requests/${activeId}/approve`, { body: {} })).statusCode,
    ).toBe(200);
    expect((await helpdesk(account.id)).statusCode).toBe(201);
    const [pendingId] = await pendingIds();

    const current = await restriction(person().id);
    const set = await admin.request('PUT', `/api/admin/privacy/restrictions/${person().id}`, {
      headers: { 'if-match': current.headers.etag as string },
      body: { restricted: true, reason: 'Maakt bezwaar (art. 18 lid 1 d)' },
    });
    expect(set.statusCode).toBe(200);
    const grants = await t.sql<{ id: string; status: string; note: string | null }>(
      t.alpha,
      `SELECT id, status, coalesce(close_note, deny_reason) AS note FROM access_grant WHERE id = ANY ($1) ORDER BY status`,
      [[activeId, pendingId]],
    );
    expect(grants).toEqual([
      { id: pendingId, status: 'denied', note: expect.stringContaining('Art. 18') },
      { id: activeId, status: 'revoked', note: expect.stringContaining('Art. 18') },
    ]);
    // Logged in the account's access log, and the person sees it on their access page.
    const events = await t.sql<{ action: string }>(
      t.alpha,
      `SELECT action FROM audit_event WHERE account_id = $1 AND grant_id = ANY ($2) AND action IN ('grant-revoked', 'request-denied') ORDER BY action`,
      [account.id, [activeId, pendingId]],
    );
    expect(events).toEqual([{ action: 'grant-revoked' }, { action: 'request-denied' }]);
    const seen = (await restricted.request('GET', '/api/account/access-requests')).json() as {
      id: string;
      status: string;
    }[];
    expect(seen.find((g) => g.id === activeId)).toMatchObject({ status: 'revoked' });

    // A request made before a restriction cannot be approved while it holds (409, saying why).
    const clear = `UPDATE app_user SET restricted_at = NULL, restriction_reason = NULL WHERE id = $1`;
    await t.sql(t.alpha, clear, [person().id]);
    expect((await helpdesk(account.id)).statusCode).toBe(201);
    const [late] = await pendingIds();
    await t.sql(t.alpha, `UPDATE app_user SET restricted_at = now(), restriction_reason = 'Test' WHERE id = $1`, [
      person().id,
    ]);
    const refused = await owner.request('POST', `/api/account/access-requests/${late}/approve`, { body: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('Art. 18');
    expect(await t.sql(t.alpha, `SELECT status FROM access_grant WHERE id = $1`, [late])).toEqual([
      { status: 'pending' },
    ]);
    await t.sql(t.alpha, clear, [person().id]);
  });

  it('writes the admin’s reading of restricted people to each person’s account’s access log', async () => {
    const reads = () =>
      t.sql(
        t.alpha,
        `SELECT 1 FROM audit_event WHERE account_id = $1 AND resource = 'restriction' AND action = 'read' AND actor_kind = 'staff'`,
        [t.alpha.accounts[0].id],
      );
    const before = (await reads()).length;
    await t.sql(t.alpha, `UPDATE app_user SET restricted_at = now(), restriction_reason = 'Test' WHERE id = $1`, [
      person().id,
    ]);
    const list = await admin.request('GET', '/api/admin/privacy/restrictions');
    expect(list.json()).toEqual(expect.arrayContaining([expect.objectContaining({ userId: person().id })]));
    expect((await reads()).length).toBe(before + 1);
    expect((await restriction(person().id)).statusCode).toBe(200);
    expect((await reads()).length).toBe(before + 2);
    // Another account's log gets nothing from it.
    expect(
      await t.sql(t.alpha, `SELECT 1 FROM audit_event WHERE account_id = $1 AND resource = 'restriction'`, [
        t.alpha.accounts[1].id,
      ]),
    ).toEqual([]);
    await t.sql(t.alpha, `UPDATE app_user SET restricted_at = NULL, restriction_reason = NULL WHERE id = $1`, [
      person().id,
    ]);
  });

  it('stops newsletters at once on an objection to direct marketing, recorded in the ledger, and undoes it', async () => {
    // The tenant's statement in force is what the ledger names (as for newsletter opt-ins), not the configured default.
    const [{ version }] = await t.sql<{ version: string }>(
      t.alpha,
      `INSERT INTO privacy_statement (tenant_id, version, effective_on, summary_nl, summary_en, body_nl, body_en, published_at)
       SELECT app_current_tenant(), COALESCE(max(version), 0) + 7, current_date, 'Nieuw', 'New', 'Tekst', 'Text', now()
         FROM privacy_statement RETURNING version::text`,
    );
    const objected = await objector.request('PUT', '/api/me/privacy/objections/direct-marketing', {
      body: { objected: true },
    });
    expect(objected.statusCode).toBe(200);
    expect(objected.json().objections['direct-marketing']).toEqual(expect.any(String));
    // Again: nothing new in the ledger.
    await objector.request('PUT', '/api/me/privacy/objections/direct-marketing', { body: { objected: true } });
    expect(await send('Reclame')).toEqual({ recipients: 1 });
    await t.mail.waitFor(person().email, (m) => m.subject === 'Reclame');
    expect(await outbox('Reclame')).toEqual([{ recipient: person().email }]);

    await objector.request('PUT', '/api/me/privacy/objections/statistics', { body: { objected: true } });
    const undone = await objector.request('PUT', '/api/me/privacy/objections/direct-marketing', {
      body: { objected: false },
    });
    expect(undone.json().objections).toEqual({ 'direct-marketing': null, statistics: expect.any(String) });
    expect(
      await t.sql(
        t.alpha,
        `SELECT purpose, action, method, list_id, privacy_version FROM consent_record WHERE user_id = $1 ORDER BY id`,
        [other().id],
      ),
    ).toEqual([
      { purpose: 'direct-marketing', action: 'objected', method: 'portal', list_id: null, privacy_version: version },
      { purpose: 'statistics', action: 'objected', method: 'portal', list_id: null, privacy_version: version },
      { purpose: 'direct-marketing', action: 'withdrawn', method: 'portal', list_id: null, privacy_version: version },
    ]);
    expect(
      await t.sql(
        t.alpha,
        `SELECT marketing_objected_at IS NULL AS m, statistics_objected_at IS NULL AS s FROM app_user WHERE id = $1`,
        [other().id],
      ),
    ).toEqual([{ m: true, s: false }]);
    // Each objection is a privacy request, done when made.
    expect((await objector.request('GET', '/api/me/privacy/requests')).json()).toEqual([
      expect.objectContaining({ type: 'objection', status: 'done' }),
      expect.objectContaining({ type: 'objection', status: 'done' }),
    ]);
    expect(await send('Weer reclame')).toEqual({ recipients: 2 });
    await t.mail.waitFor(other().email, (m) => m.subject === 'Weer reclame');
  });

  it('keeps it to the tenant admin and the tenant: other roles, other tenants and unknown purposes are refused', async () => {
    expect((await restricted.request('GET', '/api/admin/privacy/restrictions')).statusCode).toBe(403);
    expect((await agent.request('GET', '/api/admin/privacy/restrictions')).statusCode).toBe(403);
    const betaAdmin = await staff(t.beta, t.beta.staff['tenant-admin'].email);
    expect((await betaAdmin.request('GET', `/api/admin/privacy/restrictions/${person().id}`)).statusCode).toBe(404);
    expect((await betaAdmin.request('GET', '/api/admin/privacy/restrictions')).json()).toEqual([]);
    expect((await t.client(t.alpha).request('GET', '/api/me/privacy/restriction')).statusCode).toBe(401);
    expect(
      (await objector.request('PUT', '/api/me/privacy/objections/profiling', { body: { objected: true } })).statusCode,
    ).toBe(404);
  });
});
