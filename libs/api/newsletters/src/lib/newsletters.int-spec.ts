import { type PortalClient, type TestApp, TestMailbox, startTestApp } from '@mijn-account/api-testing';

describe('newsletters: double opt-in, consent ledger, one-click unsubscribe (real SMTP)', () => {
  let t: TestApp;
  let admin: PortalClient;
  let listId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    const created = await admin.request('POST', '/api/admin/newsletters', {
      body: {
        nameNl: 'Bakkersnieuws',
        nameEn: 'Bakery news',
        descriptionNl: 'Maandelijks',
        descriptionEn: 'Monthly',
        visible: true,
      },
    });
    expect(created.statusCode).toBe(201);
    listId = created.json().id;
  });
  afterAll(() => t.close());

  async function subscriber(n = 0): Promise<PortalClient> {
    const client = t.client(t.alpha);
    await client.signIn(t.alpha.accounts[n].member.email);
    return client;
  }
  const ledger = () =>
    t.sql<{ action: string; method: string; ip: string; wording: string; privacy_version: string }>(
      t.alpha,
      `SELECT action, method, host(ip) AS ip, wording, privacy_version FROM consent_record ORDER BY id`,
    );

  it('counts a subscription only after the mailed confirmation, recording every step', async () => {
    const member = await subscriber();
    const email = t.alpha.accounts[0].member.email;
    const lists = (await member.request('GET', '/api/me/newsletters')).json();
    expect(lists).toEqual([
      expect.objectContaining({
        id: listId,
        name: 'Bakkersnieuws',
        status: 'none',
        consentText: expect.stringContaining('Bakkersnieuws'),
      }),
    ]);

    const on = await member.request('PUT', `/api/me/newsletters/${listId}`, { body: { subscribed: true } });
    expect(on.json().status).toBe('pending');
    expect((await admin.request('GET', '/api/admin/newsletters')).json()[0].confirmedSubscribers).toBe(0);
    // An issue now reaches nobody: pending does not count.
    expect(
      (
        await admin.request('POST', `/api/admin/newsletters/${listId}/issues`, {
          body: { subject: 'Early', body: 'x' },
        })
      ).json(),
    ).toEqual({ recipients: 0 });

    const mail = await t.mail.waitFor(email, (m) => m.subject.startsWith('Bevestig je aanmelding'));
    const token = TestMailbox.link(mail, '/newsletters/confirm').searchParams.get('token');
    const anonymous = t.client(t.alpha);
    await anonymous.request('GET', '/api/tenant');
    expect((await anonymous.request('POST', '/api/newsletters/confirm', { body: { token } })).json().status).toBe(
      'confirmed',
    );
    expect((await admin.request('GET', '/api/admin/newsletters')).json()[0].confirmedSubscribers).toBe(1);
    expect(await ledger()).toEqual([
      expect.objectContaining({
        action: 'opted-in',
        method: 'portal',
        ip: '127.0.0.1',
        privacy_version: '2026-11',
        wording: lists[0].consentText,
      }),
      expect.objectContaining({ action: 'confirmed', method: 'mail-link', ip: '127.0.0.1' }),
    ]);
  });

  it('sends an issue only to confirmed subscribers, with List-Unsubscribe headers whose POST works with no cookie', async () => {
    const other = await subscriber(1);
    await other.request('PUT', `/api/me/newsletters/${listId}`, { body: { subscribed: true } });
    const sent = await admin.request('POST', `/api/admin/newsletters/${listId}/issues`, {
      body: { subject: 'Nieuw brood', body: 'Alinea een.\n\nAlinea twee.' },
    });
    expect(sent.json()).toEqual({ recipients: 1 });
    const email = t.alpha.accounts[0].member.email;
    const issue = await t.mail.waitFor(email, (m) => m.subject === 'Nieuw brood');
    expect(issue.text).toContain('Alinea twee.');
    expect(t.mail.to(t.alpha.accounts[1].member.email).some((m) => m.subject === 'Nieuw brood')).toBe(false);
    expect(issue.rawHeaders['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const url = new URL(/^<([^>]+)>$/.exec(issue.rawHeaders['list-unsubscribe'])?.[1] ?? 'missing:');
    expect(url.pathname).toBe('/api/newsletters/unsubscribe');

    // A forged or altered token is refused.
    const token = url.searchParams.get('token') ?? '';
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const oneClick = (tok: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/newsletters/unsubscribe?token=${encodeURIComponent(tok)}`,
        headers: { host: 'alpha.localhost', 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
    expect((await oneClick(forged)).statusCode).toBe(400);
    const onBeta = await t.app.inject({
      method: 'POST',
      url: `/api/newsletters/unsubscribe?token=${encodeURIComponent(token)}`,
      headers: { host: 'beta.localhost', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(onBeta.statusCode).toBe(400);

    const done = await oneClick(token);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ unsubscribed: true });
    expect((await admin.request('GET', '/api/admin/newsletters')).json()[0].confirmedSubscribers).toBe(0);
    expect((await ledger()).at(-1)).toMatchObject({ action: 'opted-out', method: 'one-click' });
  });

  it('manages subscriptions from the mailed link without signing in', async () => {
    const member = await subscriber();
    await member.request('PUT', `/api/me/newsletters/${listId}`, { body: { subscribed: true } });
    const email = t.alpha.accounts[0].member.email;
    const confirm = await t.mail.waitFor(
      email,
      (m) => m.subject.startsWith('Bevestig je aanmelding') && t.mail.to(email).indexOf(m) > 0,
    );
    const anonymous = t.client(t.alpha);
    await anonymous.request('GET', '/api/tenant');
    await anonymous.request('POST', '/api/newsletters/confirm', {
      body: { token: TestMailbox.link(confirm, '/newsletters/confirm').searchParams.get('token') },
    });
    await admin.request('POST', `/api/admin/newsletters/${listId}/issues`, {
      body: { subject: 'Tweede', body: 'Tekst' },
    });
    const issue = await t.mail.waitFor(email, (m) => m.subject === 'Tweede');
    const manage = TestMailbox.link(issue, '/newsletters/manage').searchParams.get('token') ?? '';
    const view = await anonymous.request('GET', `/api/newsletters/manage?token=${encodeURIComponent(manage)}`);
    expect(view.json()).toMatchObject({ email, lists: [expect.objectContaining({ status: 'confirmed' })] });
    const off = await anonymous.request(
      'PUT',
      `/api/newsletters/manage/${listId}?token=${encodeURIComponent(manage)}`,
      { body: { subscribed: false } },
    );
    expect(off.json().status).toBe('unsubscribed');
    // The manage token is not a confirmation or unsubscribe token.
    expect((await anonymous.request('POST', '/api/newsletters/confirm', { body: { token: manage } })).statusCode).toBe(
      400,
    );
  });

  it('exports consented addresses with their consent dates as CSV', async () => {
    const member = await subscriber(1);
    const email = t.alpha.accounts[1].member.email;
    const confirm = await t.mail.waitFor(email, (m) => m.subject.startsWith('Bevestig je aanmelding'));
    const anonymous = t.client(t.alpha);
    await anonymous.request('GET', '/api/tenant');
    await anonymous.request('POST', '/api/newsletters/confirm', {
      body: { token: TestMailbox.link(confirm, '/newsletters/confirm').searchParams.get('token') },
    });
    const csv = await admin.request('GET', `/api/admin/newsletters/${listId}/subscribers.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'email,display_name,opted_in_at,opted_in_ip,confirmed_at,confirmed_ip,method,privacy_version,wording',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^${email},member2,\\d{4}-\\d\\d-\\d\\dT[^,]+,127\\.0\\.0\\.1,\\d{4}-`));
    expect(member).toBeDefined();
  });

  it('keeps the consent ledger append-only for the runtime role', async () => {
    await expect(t.appSql(t.alpha, `UPDATE consent_record SET action = 'confirmed'`)).rejects.toThrow(
      /permission denied|append-only/,
    );
    await expect(t.appSql(t.alpha, `DELETE FROM consent_record`)).rejects.toThrow(/permission denied|append-only/);
    await expect(t.sql(t.alpha, `DELETE FROM consent_record`)).rejects.toThrow(/append-only/);
  });

  it('answers 404 for another tenant’s list', async () => {
    const beta = t.client(t.beta);
    await beta.signIn(t.beta.accounts[0].member.email);
    expect(
      (await beta.request('PUT', `/api/me/newsletters/${listId}`, { body: { subscribed: true } })).statusCode,
    ).toBe(404);
    expect((await beta.request('GET', '/api/me/newsletters')).json()).toEqual([]);
  });
});
