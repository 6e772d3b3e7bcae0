import { type PortalClient, type TestApp, TestMailbox, startTestApp } from '@mijn-account/api-testing';

/**
 * Every CSV the portal writes is opened in spreadsheets: a value that starts with `=`, `+`, `-`, `@`,
 * tab or carriage return would run there as a formula (CSV injection), so it is written as text.
 */
describe('CSV exports are safe in spreadsheets', () => {
  let t: TestApp;
  let admin: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
  });
  afterAll(() => t.close());

  it('escapes formulas in a newsletter’s subscriber export', async () => {
    const list = await admin.request('POST', '/api/admin/newsletters', {
      body: { nameNl: 'Nieuws', nameEn: 'News', descriptionNl: 'Maandelijks', descriptionEn: 'Monthly', visible: true },
    });
    const listId = (list.json() as { id: string }).id;
    const member = t.client(t.alpha);
    await member.signIn(t.alpha.accounts[0].member.email);
    await t.sql(
      t.alpha,
      `UPDATE app_user SET display_name = '=HYPERLINK("https://evil.example","click")' WHERE id = $1`,
      [t.alpha.accounts[0].member.id],
    );
    await member.request('PUT', `/api/me/newsletters/${listId}`, { body: { subscribed: true } });
    const mail = await t.mail.waitFor(t.alpha.accounts[0].member.email, (m) =>
      m.subject.startsWith('Bevestig je aanmelding'),
    );
    const token = TestMailbox.link(mail, '/newsletters/confirm').searchParams.get('token');
    const anonymous = t.client(t.alpha);
    await anonymous.request('GET', '/api/tenant');
    expect((await anonymous.request('POST', '/api/newsletters/confirm', { body: { token } })).statusCode).toBe(200);

    const csv = await admin.request('GET', `/api/admin/newsletters/${listId}/subscribers.csv`);
    expect(csv.statusCode).toBe(200);
    const row = csv.body.split('\n')[1];
    expect(row).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(row).not.toMatch(/(^|,)"?=/);
  });

  it('escapes formulas in an account’s access-log export', async () => {
    const agent = t.client(t.alpha);
    await agent.signIn(t.alpha.staff['helpdesk-agent'].email);
    await agent.enrolTwoFactor();
    const asked = await agent.request('POST', '/api/support/requests', {
      body: {
        accountId: t.alpha.accounts[1].id,
        reason: 'service',
        ticket: '=1+2',
        justification: 'Customer asked about an invoice address',
        scopes: ['billing:read'],
        minutes: 60,
      },
    });
    expect(asked.statusCode).toBe(201);
    const owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[1].owner.email);
    const csv = await owner.request('GET', '/api/account/access-log/export.csv');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).join('\n')).toContain(`'=1+2`);
    expect(lines.slice(1).some((line) => /(^|,)"?=/.test(line))).toBe(false);
  });

  it('writes the access-log export in the requester’s language: Dutch column names and words, no codes', async () => {
    const owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[1].owner.email);
    const csv = await owner.request('GET', '/api/account/access-log/export.csv');
    const [header, ...rows] = csv.body.trim().split('\n');
    expect(header).toBe('nr,tijdstip,wie,soort,handeling,gegevens,velden,uitkomst,reden,ticket,IP-adres,hash');
    expect(rows.join('\n')).toContain(',helpdesk,verzoek ingediend,helpdesktoegang,');
    for (const code of ['staff', 'request-created', 'access-grant', 'allowed'])
      expect(rows.join('\n')).not.toMatch(new RegExp(`,${code},`));
  });
});
