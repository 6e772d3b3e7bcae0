import { type PortalClient, type TestApp, TestMailbox, startTestApp, problemFields } from '@mijn-account/api-testing';

/**
 * One language at a time (issue 16 §3): the newsletters a page shows are named, described and
 * worded in the page's language (the web app sends it as Accept-Language), and the consent ledger
 * keeps the words that page showed; the confirmation mail still speaks the subscriber's own
 * language. The admin's subscriber export names its columns and sign-up ways in the language asked.
 */
describe('newsletters in the page’s language', () => {
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
    listId = created.json().id;
  });
  afterAll(() => t.close());

  it('names the lists and words the consent in the page’s language, records those words, and mails in the subscriber’s', async () => {
    const member = t.client(t.alpha);
    await member.signIn(t.alpha.accounts[0].member.email);
    const english = { 'accept-language': 'en' };
    const lists = (await member.request('GET', '/api/me/newsletters', { headers: english })).json();
    expect(lists).toEqual([
      expect.objectContaining({
        name: 'Bakery news',
        description: 'Monthly',
        consentText: expect.stringMatching(/^Yes, send me the newsletter “Bakery news”/),
      }),
    ]);
    // Without a page language (an API client), the subscriber's own (here the tenant's Dutch).
    expect((await member.request('GET', '/api/me/newsletters')).json()[0].name).toBe('Bakkersnieuws');
    // A browser's own header is ranked by quality, like any Accept-Language.
    expect(
      (
        await member.request('GET', '/api/me/newsletters', {
          headers: { 'accept-language': 'fr;q=1, nl;q=0.8, en;q=0.5' },
        })
      ).json()[0].name,
    ).toBe('Bakkersnieuws');

    const on = await member.request('PUT', `/api/me/newsletters/${listId}`, {
      body: { subscribed: true },
      headers: english,
    });
    expect(on.json()).toMatchObject({ name: 'Bakery news', status: 'pending' });
    const [record] = await t.sql<{ wording: string }>(t.alpha, `SELECT wording FROM consent_record ORDER BY id`);
    expect(record.wording).toBe(lists[0].consentText);

    const mail = await t.mail.waitFor(t.alpha.accounts[0].member.email, (m) => m.subject.startsWith('Bevestig'));
    expect(mail.text).toContain('Bakkersnieuws');
    const token = TestMailbox.link(mail, '/newsletters/confirm').searchParams.get('token');
    const anonymous = t.client(t.alpha);
    await anonymous.request('GET', '/api/tenant');
    const confirmed = await anonymous.request('POST', '/api/newsletters/confirm', {
      body: { token },
      headers: english,
    });
    expect(confirmed.json()).toMatchObject({ name: 'Bakery news', status: 'confirmed' });
  });

  it('exports subscribers with column names and sign-up ways in the language asked, code names without', async () => {
    const url = `/api/admin/newsletters/${listId}/subscribers.csv`;
    const dutch = (await admin.request('GET', `${url}?language=nl`)).body.trim().split('\n');
    expect(dutch[0]).toBe(
      'e-mailadres,naam,aangemeld op,aangemeld vanaf IP-adres,bevestigd op,bevestigd vanaf IP-adres,hoe aangemeld,versie privacyverklaring,tekst van de toestemming',
    );
    expect(dutch[1]).toContain(',in Mijn account,');
    const english = (await admin.request('GET', `${url}?language=en`)).body.trim().split('\n');
    expect(english[0]).toMatch(/^e-mail address,name,signed up at,/);
    expect(english[1]).toContain(',in Mijn account,');
    const codes = (await admin.request('GET', url)).body.trim().split('\n');
    expect(codes[0]).toBe(
      'email,display_name,opted_in_at,opted_in_ip,confirmed_at,confirmed_ip,method,privacy_version,wording',
    );
    expect(codes[1]).toContain(',portal,');

    const bad = await admin.request('GET', `${url}?language=fr`);
    expect(bad.statusCode).toBe(422);
    expect(problemFields(bad)).toEqual(['language']);
  });
});
