import {
  type PortalClient,
  type ReceivedMail,
  type TestApp,
  TestMailbox,
  startTestApp,
} from '@mijn-account/api-testing';

/**
 * Issue 14 §3: the way out of a newsletter always works — the visible link opens a page (a GET
 * never unsubscribes), a hidden list can still be left, and every issue says why its reader gets it.
 */
describe('newsletters: the way out always works (real SMTP)', () => {
  let t: TestApp;
  let admin: PortalClient;
  let anonymous: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    anonymous = t.client(t.alpha);
    await anonymous.request('GET', '/api/tenant');
  });
  afterAll(() => t.close());

  async function createList(nameNl: string, nameEn: string): Promise<string> {
    const created = await admin.request('POST', '/api/admin/newsletters', {
      body: { nameNl, nameEn, descriptionNl: '', descriptionEn: '', visible: true },
    });
    expect(created.statusCode).toBe(201);
    return created.json().id;
  }

  /** Signs a member in, subscribes them in the portal and confirms with the mailed link. */
  async function subscribeAndConfirm(email: string, listId: string, listName: string): Promise<PortalClient> {
    const member = t.client(t.alpha);
    await member.signIn(email);
    expect(
      (await member.request('PUT', `/api/me/newsletters/${listId}`, { body: { subscribed: true } })).json().status,
    ).toBe('pending');
    const mail = await t.mail.waitFor(email, (m) => m.subject.includes(listName));
    const token = TestMailbox.link(mail, '/newsletters/confirm').searchParams.get('token');
    expect((await anonymous.request('POST', '/api/newsletters/confirm', { body: { token } })).json().status).toBe(
      'confirmed',
    );
    return member;
  }

  async function sendIssue(listId: string, subject: string, recipients: number): Promise<void> {
    const sent = await admin.request('POST', `/api/admin/newsletters/${listId}/issues`, {
      body: { subject, body: 'Nieuws.' },
    });
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ recipients });
  }

  const status = (email: string, listId: string) =>
    t.sql<{ status: string }>(
      t.alpha,
      `SELECT s.status FROM newsletter_subscription s JOIN app_user u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
        WHERE u.email = $1 AND s.list_id = $2`,
      [email, listId],
    );
  const optOuts = (listId: string) =>
    t.sql<{ method: string }>(
      t.alpha,
      `SELECT method FROM consent_record WHERE list_id = $1 AND action = 'opted-out' ORDER BY id`,
      [listId],
    );
  const htmlLinks = (mail: ReceivedMail) =>
    [...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&')));
  const oneClickPost = (url: URL, host = 'alpha.localhost') =>
    t.app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });

  it('the visible link opens the web page; a GET never unsubscribes; the page’s click and the RFC 8058 POST do', async () => {
    const listId = await createList('Bakkersnieuws', 'Bakery news');
    const email = t.alpha.accounts[0].member.email;
    await subscribeAndConfirm(email, listId, 'Bakkersnieuws');
    await sendIssue(listId, 'Nieuw brood', 1);
    const issue = await t.mail.waitFor(email, (m) => m.subject === 'Nieuw brood');

    // The visible link (text and HTML) is the web app's page, not the POST-only API route.
    const visible = TestMailbox.link(issue, '/newsletters/unsubscribe');
    expect(visible.host).toBe('alpha.localhost');
    expect(issue.text).toContain(`Afmelden: ${visible.href}`);
    expect(htmlLinks(issue).map((u) => u.pathname)).toContain('/newsletters/unsubscribe');
    expect(issue.text).not.toMatch(/Afmelden: \S+\/api\//);
    const token = visible.searchParams.get('token') ?? '';

    // The header keeps the API route for mail programs' one-click POST.
    expect(issue.rawHeaders['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const header = new URL(/^<([^>]+)>$/.exec(issue.rawHeaders['list-unsubscribe'])?.[1] ?? 'missing:');
    expect(header.pathname).toBe('/api/newsletters/unsubscribe');

    // A scanner (or a person) opening either link with GET changes nothing.
    const opened = await t.app.inject({
      method: 'GET',
      url: `${header.pathname}${header.search}`,
      headers: { host: 'alpha.localhost' },
    });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers['location']).toBe(`/newsletters/unsubscribe?token=${encodeURIComponent(token)}`);
    const preview = await anonymous.request(
      'GET',
      `/api/newsletters/unsubscribe/status?token=${encodeURIComponent(token)}`,
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({
      email,
      language: 'nl',
      list: expect.objectContaining({ id: listId, name: 'Bakkersnieuws', status: 'confirmed', offered: true }),
    });
    expect(await status(email, listId)).toEqual([{ status: 'confirmed' }]);
    expect(await optOuts(listId)).toEqual([]);

    // The page's button: a POST with the token and no session.
    const clicked = await anonymous.request('POST', `/api/newsletters/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(clicked.statusCode).toBe(200);
    expect(await status(email, listId)).toEqual([{ status: 'unsubscribed' }]);
    expect(
      (await anonymous.request('GET', `/api/newsletters/unsubscribe/status?token=${encodeURIComponent(token)}`)).json()
        .list.status,
    ).toBe('unsubscribed');

    // The header's RFC 8058 POST (no cookie, no CSRF token) still works, also when already done; a foreign tenant's host does not.
    expect((await oneClickPost(header, 'beta.localhost')).statusCode).toBe(400);
    const again = await oneClickPost(header);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ unsubscribed: true });
    expect(await optOuts(listId)).toEqual([{ method: 'one-click' }]);

    // A bad or missing token is a problem for the page to show, not a 500.
    const bad = await anonymous.request('GET', '/api/newsletters/unsubscribe/status?token=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await anonymous.request('GET', '/api/newsletters/unsubscribe/status')).statusCode).toBe(400);
  });

  it('a hidden list takes no new sign-ups, but its subscribers still get issues, see it and can always leave', async () => {
    const listId = await createList('Oude acties', 'Old offers');
    const leaver = t.alpha.accounts[1].member.email;
    const stayer = t.alpha.accounts[1].owner.email;
    const member = await subscribeAndConfirm(leaver, listId, 'Oude acties');
    await subscribeAndConfirm(stayer, listId, 'Oude acties');
    const hidden = await admin.request('PUT', `/api/admin/newsletters/${listId}`, {
      body: { nameNl: 'Oude acties', nameEn: 'Old offers', descriptionNl: '', descriptionEn: '', visible: false },
    });
    expect(hidden.statusCode).toBe(204);

    // Decision (README, newsletters): hiding closes a list to new sign-ups only; issues still go out.
    await sendIssue(listId, 'Laatste actie', 2);
    const issue = await t.mail.waitFor(leaver, (m) => m.subject === 'Laatste actie');

    // Its subscribers still see it in the portal (marked as no longer offered) and on the manage page.
    const mine = (await member.request('GET', '/api/me/newsletters')).json();
    expect(mine).toContainEqual(expect.objectContaining({ id: listId, status: 'confirmed', offered: false }));
    const manage = TestMailbox.link(issue, '/newsletters/manage').searchParams.get('token') ?? '';
    const managed = (
      await anonymous.request('GET', `/api/newsletters/manage?token=${encodeURIComponent(manage)}`)
    ).json();
    expect(managed.lists).toContainEqual(expect.objectContaining({ id: listId, status: 'confirmed' }));

    // Others do not see it, and cannot sign up to it.
    const outsider = t.client(t.alpha);
    await outsider.signIn(t.alpha.accounts[0].owner.email);
    expect(
      (await outsider.request('GET', '/api/me/newsletters')).json().map((l: { id: string }) => l.id),
    ).not.toContain(listId);
    expect(
      (await outsider.request('PUT', `/api/me/newsletters/${listId}`, { body: { subscribed: true } })).statusCode,
    ).toBe(404);

    // The one-click link of the mail works on the hidden list.
    const token = TestMailbox.link(issue, '/newsletters/unsubscribe').searchParams.get('token') ?? '';
    expect(
      (await anonymous.request('GET', `/api/newsletters/unsubscribe/status?token=${encodeURIComponent(token)}`)).json()
        .list,
    ).toMatchObject({ status: 'confirmed', offered: false });
    const header = new URL(/^<([^>]+)>$/.exec(issue.rawHeaders['list-unsubscribe'])?.[1] ?? 'missing:');
    expect((await oneClickPost(header)).statusCode).toBe(200);
    expect(await status(leaver, listId)).toEqual([{ status: 'unsubscribed' }]);

    // And so does the portal's switch, for the other subscriber; turning it back on is a new sign-up: refused.
    const stayerClient = t.client(t.alpha);
    await stayerClient.signIn(stayer);
    const off = await stayerClient.request('PUT', `/api/me/newsletters/${listId}`, { body: { subscribed: false } });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ status: 'unsubscribed', offered: false });
    expect(
      (await stayerClient.request('PUT', `/api/me/newsletters/${listId}`, { body: { subscribed: true } })).statusCode,
    ).toBe(404);
    expect(await optOuts(listId)).toEqual([{ method: 'one-click' }, { method: 'portal' }]);
    await sendIssue(listId, 'Niemand meer', 0);
  });

  it('every issue says why its reader gets it: list, tenant, how and when they signed up — in their language', async () => {
    const listId = await createList('Productnieuws', 'Product news');
    const dutch = t.alpha.accounts[0].owner.email;
    const english = t.alpha.accounts[0].member.email;
    const englishClient = t.client(t.alpha);
    await englishClient.signIn(english);
    const profile = await englishClient.request('GET', '/api/me/profile');
    const saved = await englishClient.request('PUT', '/api/me/profile', {
      headers: { 'if-match': String(profile.headers['etag']) },
      body: {
        displayName: profile.json().displayName,
        phone: null,
        preferredLanguage: 'en',
        timeZone: 'America/Toronto',
      },
    });
    expect(saved.statusCode).toBe(200);
    await subscribeAndConfirm(dutch, listId, 'Productnieuws');
    await subscribeAndConfirm(english, listId, 'Product news');
    await sendIssue(listId, 'Wat is er nieuw', 2);

    const confirmedAt = async (email: string) =>
      (
        await t.sql<{ at: Date }>(
          t.alpha,
          `SELECT r.at FROM consent_record r WHERE r.list_id = $1 AND r.email = $2 AND r.action = 'confirmed' ORDER BY r.id DESC LIMIT 1`,
          [listId, email],
        )
      )[0].at;
    const day = (at: Date, locale: string, timeZone: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(at);

    const nl = await t.mail.waitFor(dutch, (m) => m.subject === 'Wat is er nieuw');
    const nlWhy = `Je ontvangt deze e-mail omdat je je in Mijn account op ${day(await confirmedAt(dutch), 'nl-NL', 'UTC')} hebt aangemeld voor “Productnieuws” van ALPHA, en je dat per e-mail hebt bevestigd.`;
    expect(nl.text).toContain(nlWhy);
    expect(nl.html).toContain(nlWhy);
    expect(nl.from).toContain('ALPHA');

    const en = await t.mail.waitFor(english, (m) => m.subject === 'Wat is er nieuw');
    const enWhy = `You receive this e-mail because you subscribed to “Product news” of ALPHA on ${day(await confirmedAt(english), 'en-GB', 'America/Toronto')} in Mijn account, and confirmed it by e-mail.`;
    expect(en.text).toContain(enWhy);
    expect(en.html).toContain(enWhy);
    expect(en.text).toContain('Unsubscribe: ');
  });
});
