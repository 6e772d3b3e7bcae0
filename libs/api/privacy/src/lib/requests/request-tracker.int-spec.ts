import {
  type FixtureTenant,
  type PortalClient,
  type TestApp,
  startTestApp,
  problemFieldCodes,
  problemFields,
} from '@mijn-account/api-testing';
import { DeadlineNotices } from './deadline-notices.job';
import { addMonths } from './deadline';

/**
 * Privacy requests tracked to the legal deadline (issue 18 §5): the tenant admin registers one that
 * came by phone, extends it (the reason mailed to the person over SMTP), closes it; the person sees
 * it; deadlines across month ends come from the API as the law counts them; the daily job mails the
 * privacy contact once per day, however many workers run it.
 */
describe('privacy requests to their legal deadline', () => {
  let t: TestApp;
  let admin: PortalClient;
  let member: PortalClient;
  const person = () => t.alpha.accounts[0].member;
  const url = '/api/admin/privacy/requests';

  async function staff(tenant: FixtureTenant, email: string): Promise<PortalClient> {
    const client = t.client(tenant);
    await client.signIn(email);
    await t.sql(tenant, `UPDATE user_session SET second_factor_at = now() WHERE second_factor_at IS NULL`);
    return client;
  }
  const today = () => new Date().toISOString().slice(0, 10);
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  const count = async () =>
    (await t.sql<{ n: number }>(t.alpha, `SELECT count(*)::int AS n FROM privacy_request`))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staff(t.alpha, t.alpha.staff['tenant-admin'].email);
    member = t.client(t.alpha);
    await member.signIn(person().email);
  });
  afterAll(() => t.close());

  it('computes the deadline one calendar month on, ending on a shorter month’s last day', async () => {
    for (const [receivedOn, deadline, latest] of [
      ['2026-01-31', '2026-02-28', '2026-04-28'],
      ['2024-01-31', '2024-02-29', '2024-04-29'],
      ['2025-08-31', '2025-09-30', '2025-11-30'],
      ['2025-12-15', '2026-01-15', '2026-03-15'],
    ]) {
      const made = await admin.request('POST', url, {
        body: { type: 'access', channel: 'letter', receivedOn, email: null, details: `Letter of ${receivedOn}` },
      });
      expect(made.statusCode).toBe(201);
      expect(made.json()).toMatchObject({ receivedOn, deadline, latestExtension: latest, deadlineState: 'overdue' });
    }
  });

  it('refuses a bad registration field by field, writing nothing', async () => {
    const before = await count();
    const future = await admin.request('POST', url, {
      body: {
        type: 'access',
        channel: 'phone',
        receivedOn: addMonths(today(), 1),
        email: 'nobody@nowhere.example',
        details: null,
      },
    });
    expect(future.statusCode).toBe(422);
    expect(problemFieldCodes(future).sort()).toEqual(['email:unknownPerson', 'receivedOn:notInFuture']);
    const nobody = await admin.request('POST', url, {
      body: { type: 'access', channel: 'phone', receivedOn: today(), email: null, details: '  ' },
    });
    expect(nobody.json().errors).toEqual([expect.objectContaining({ field: 'details', code: 'required' })]);
    const portal = await admin.request('POST', url, {
      body: { type: 'sale', channel: 'portal', receivedOn: today(), email: null, details: 'x' },
    });
    expect(problemFields(portal).sort()).toEqual(['channel', 'type']);
    // A date that does not exist is the field's error, not the database's (no 500).
    const impossible = await admin.request('POST', url, {
      body: { type: 'access', channel: 'phone', receivedOn: '2026-02-31', email: null, details: 'Per telefoon' },
    });
    expect(impossible.statusCode).toBe(422);
    expect(impossible.json().errors).toEqual([expect.objectContaining({ field: 'receivedOn', code: 'isDate' })]);
    expect(await count()).toBe(before);
  });

  it('registers a phone request, extends it with the reason mailed to the person, closes it; the person sees it', async () => {
    const made = await admin.request('POST', url, {
      body: {
        type: 'erasure',
        channel: 'phone',
        receivedOn: daysAgo(25),
        email: person().email.toUpperCase(),
        details: 'Belde op maandag',
      },
    });
    expect(made.statusCode).toBe(201);
    const request = made.json();
    expect(request).toMatchObject({
      userId: person().id,
      personEmail: person().email,
      channel: 'phone',
      status: 'open',
      deadlineState: 'due-soon',
      registeredBy: expect.any(String),
      deadline: addMonths(daysAgo(25), 1),
    });
    const etag = `"v${request.version}"`;

    const tooLate = await admin.request('POST', `${url}/${request.id}/extension`, {
      headers: { 'if-match': etag },
      body: { until: addMonths(request.deadline, 3), reason: 'Veel systemen' },
    });
    expect(tooLate.statusCode).toBe(422);
    expect(tooLate.json().errors).toEqual([
      expect.objectContaining({
        field: 'until',
        code: 'atMostTwoMonthsLater',
        params: { date: request.latestExtension },
      }),
    ]);
    const extended = await admin.request('POST', `${url}/${request.id}/extension`, {
      headers: { 'if-match': etag },
      body: { until: request.latestExtension, reason: 'Je gegevens staan in drie systemen' },
    });
    expect(extended.statusCode).toBe(200);
    expect(extended.json()).toMatchObject({
      extendedUntil: request.latestExtension,
      dueOn: request.latestExtension,
      deadlineState: 'on-time',
    });
    const mail = await t.mail.waitFor(
      person().email,
      (m) => m.subject === 'We hebben meer tijd nodig voor je privacyverzoek',
    );
    expect(mail.text).toContain('Je gegevens staan in drie systemen');
    expect(mail.text).toContain('verwijdering');

    // The first version is stale now.
    const stale = await admin.request('POST', `${url}/${request.id}/closing`, {
      headers: { 'if-match': etag },
      body: { status: 'done', outcome: 'Gewist' },
    });
    expect(stale.statusCode).toBe(412);
    const closed = await admin.request('POST', `${url}/${request.id}/closing`, {
      headers: { 'if-match': extended.headers.etag as string },
      body: { status: 'done', outcome: 'Account gewist op verzoek' },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'done', deadlineState: 'closed', closedAt: expect.any(String) });
    const again = await admin.request('POST', `${url}/${request.id}/closing`, {
      headers: { 'if-match': closed.headers.etag as string },
      body: { status: 'refused', outcome: 'Toch niet' },
    });
    expect(again.statusCode).toBe(409);

    expect((await member.request('GET', '/api/me/privacy/requests')).json()).toEqual([
      expect.objectContaining({
        id: request.id,
        type: 'erasure',
        status: 'done',
        outcome: 'Account gewist op verzoek',
        extensionReason: 'Je gegevens staan in drie systemen',
      }),
    ]);
    expect((await admin.request('GET', `${url}?status=done`)).json().map((r: { id: string }) => r.id)).toEqual([
      request.id,
    ]);
    expect((await admin.request('GET', `${url}?status=closed`)).statusCode).toBe(422);
  });

  it('answers only the tenant admin of this tenant', async () => {
    const [any] = (await admin.request('GET', url)).json();
    expect((await member.request('GET', url)).statusCode).toBe(403);
    const finance = await staff(t.alpha, t.alpha.staff.finance.email);
    expect((await finance.request('GET', url)).statusCode).toBe(403);
    expect((await t.client(t.alpha).request('GET', url)).statusCode).toBe(401);
    const betaAdmin = await staff(t.beta, t.beta.staff['tenant-admin'].email);
    expect((await betaAdmin.request('GET', `${url}/${any.id}`)).statusCode).toBe(404);
    expect((await betaAdmin.request('GET', url)).json()).toEqual([]);
    // Row-level security: the beta tenant's runtime transaction sees none of alpha's requests.
    expect(await t.appSql(t.beta, `SELECT id FROM privacy_request`)).toEqual([]);
  });

  it('mails the privacy contact once a day about open requests due within 7 days, also with three workers at once', async () => {
    const notices = t.app.get(DeadlineNotices);
    // No contact: no mail.
    expect(await notices.runFor(t.alpha.id)).toBe(0);
    await t.sql(
      t.alpha,
      `INSERT INTO privacy_settings (tenant_id, contact_email) VALUES ($1, 'privacy@alpha.example')`,
      [t.alpha.id],
    );
    await admin.request('POST', url, {
      body: { type: 'question', channel: 'email', receivedOn: daysAgo(27), email: null, details: 'Vraag per mail' },
    });
    const open = (await admin.request('GET', `${url}?status=open`)).json() as { deadlineState: string }[];
    const named = open.filter((r) => r.deadlineState === 'overdue' || r.deadlineState === 'due-soon').length;
    const runs = await Promise.all([1, 2, 3].map(() => notices.runFor(t.alpha.id)));
    expect(runs.filter((n) => n > 0)).toEqual([named]);
    expect(await notices.runFor(t.alpha.id)).toBe(0);
    const mail = await t.mail.waitFor('privacy@alpha.example', (m) => m.subject.includes('privacyverzoek'));
    expect(mail.text).toContain('Vraag, ontvangen');
    expect(mail.text).toContain('(te laat)');
    expect(t.mail.to('privacy@alpha.example')).toHaveLength(1);
    expect(await t.sql(t.alpha, `SELECT requests FROM privacy_deadline_notice`)).toEqual([{ requests: named }]);
  });
});
