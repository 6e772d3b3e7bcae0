import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import { COOKIE_CONSENT_WORDING, PROBLEM_TYPES } from '@mijn-account/shared-contracts';

/**
 * The optional cookie and its consent (issue 18 §7): off until a tenant admin turns it on; the answer
 * kept per browser in the strictly necessary choice cookie and, signed in, in the consent ledger;
 * a refusal removes the optional cookie. Real PostgreSQL, the whole API.
 */
describe('optional cookie consent', () => {
  let t: TestApp;
  let admin: PortalClient;
  let betaAdmin: PortalClient;

  const ledger = (userId: string) =>
    t.sql<{ action: string; method: string; wording: string }>(
      t.alpha,
      `SELECT action, method, wording FROM consent_record WHERE purpose = 'cookies' AND user_id = $1 ORDER BY id`,
      [userId],
    );

  async function setOptionalCookie(client: PortalClient, on: boolean): Promise<void> {
    const current = await client.request('GET', '/api/admin/privacy/cookies');
    expect(current.statusCode).toBe(200);
    const saved = await client.request('PUT', '/api/admin/privacy/cookies', {
      headers: { 'if-match': String(current.headers['etag']) },
      body: { optionalCookie: on },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ optionalCookie: on });
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    betaAdmin = t.client(t.beta);
    await betaAdmin.signIn(t.beta.staff['tenant-admin'].email);
    await betaAdmin.enrolTwoFactor();
  });
  afterAll(() => t.close());

  it('asks nothing and refuses consent while the tenant offers no optional cookie', async () => {
    const visitor = t.client(t.alpha);
    await visitor.request('GET', '/api/tenant');
    expect((await visitor.request('GET', '/api/cookie-consent')).json()).toEqual({ enabled: false, choice: null });
    const accept = await visitor.request('PUT', '/api/cookie-consent', { body: { choice: 'accepted' } });
    expect(accept.statusCode).toBe(422);
    expect(accept.json().errors).toEqual([expect.objectContaining({ field: 'choice', code: 'cookieNotOffered' })]);
    expect(visitor.cookies.has('ma_cookie_choice')).toBe(false);
  });

  it('lets only the tenant admin turn it on, for their own tenant, with If-Match', async () => {
    const owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    expect((await owner.request('GET', '/api/admin/privacy/cookies')).statusCode).toBe(403);
    const anonymous = t.client(t.alpha);
    expect((await anonymous.request('GET', '/api/admin/privacy/cookies')).statusCode).toBe(401);
    const noIfMatch = await admin.request('PUT', '/api/admin/privacy/cookies', { body: { optionalCookie: true } });
    expect(noIfMatch.statusCode).toBe(428);
    const current = await admin.request('GET', '/api/admin/privacy/cookies');
    const bad = await admin.request('PUT', '/api/admin/privacy/cookies', {
      headers: { 'if-match': String(current.headers['etag']) },
      body: { optionalCookie: 'yes' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'optionalCookie' })]);

    await setOptionalCookie(admin, true);
    const stale = await admin.request('PUT', '/api/admin/privacy/cookies', {
      headers: { 'if-match': String(current.headers['etag']) },
      body: { optionalCookie: false },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().type).toBe(PROBLEM_TYPES.preconditionFailed);
    // The other tenant is untouched (application and row-level security both keep them apart).
    expect((await betaAdmin.request('GET', '/api/admin/privacy/cookies')).json()).toEqual({ optionalCookie: false });
    expect((await t.client(t.beta).request('GET', '/api/cookie-consent')).json()).toEqual({
      enabled: false,
      choice: null,
    });
  });

  it('keeps an anonymous answer in the choice cookie, and a refusal removes the optional cookie', async () => {
    const visitor = t.client(t.alpha);
    await visitor.request('GET', '/api/tenant');
    expect((await visitor.request('GET', '/api/cookie-consent')).json()).toEqual({ enabled: true, choice: null });
    const bad = await visitor.request('PUT', '/api/cookie-consent', { body: { choice: 'maybe' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'choice', code: 'isIn' })]);

    const accepted = await visitor.request('PUT', '/api/cookie-consent', { body: { choice: 'accepted' } });
    expect(accepted.json()).toEqual({ enabled: true, choice: 'accepted' });
    expect(visitor.cookies.get('ma_cookie_choice')).toBe('accepted');
    expect((await visitor.request('GET', '/api/cookie-consent')).json().choice).toBe('accepted');

    visitor.cookies.set('ma_last_sign_in', 'password'); // as the sign-in page's script sets it
    const refused = await visitor.request('PUT', '/api/cookie-consent', { body: { choice: 'refused' } });
    expect(refused.json()).toEqual({ enabled: true, choice: 'refused' });
    expect(visitor.cookies.get('ma_cookie_choice')).toBe('refused');
    expect(visitor.cookies.has('ma_last_sign_in')).toBe(false);
    // Anonymous: nothing in the ledger (no person to record it for).
    expect(await t.sql(t.alpha, `SELECT id FROM consent_record WHERE purpose = 'cookies' AND ip IS NULL`)).toEqual([]);
  });

  it('records a signed-in person’s answers in the consent ledger with the question shown, and finds them on a new browser', async () => {
    const user = t.alpha.accounts[0].owner;
    const browser = t.client(t.alpha);
    await browser.signIn(user.email);
    expect((await browser.request('GET', '/api/cookie-consent')).json()).toEqual({ enabled: true, choice: null });
    await browser.request('PUT', '/api/cookie-consent', {
      headers: { 'accept-language': 'en' },
      body: { choice: 'accepted' },
    });
    await browser.request('PUT', '/api/cookie-consent', {
      headers: { 'accept-language': 'nl' },
      body: { choice: 'refused' },
    });
    expect(await ledger(user.id)).toEqual([
      { action: 'given', method: 'banner', wording: COOKIE_CONSENT_WORDING.en },
      { action: 'withdrawn', method: 'banner', wording: COOKIE_CONSENT_WORDING.nl },
    ]);
    // Another browser without a choice cookie: the person's last answer is not asked again.
    const laptop = t.client(t.alpha);
    await laptop.signIn(user.email);
    expect((await laptop.request('GET', '/api/cookie-consent')).json()).toEqual({ enabled: true, choice: 'refused' });
  });

  it('turned off again, asks nothing', async () => {
    await setOptionalCookie(admin, false);
    const visitor = t.client(t.alpha);
    expect((await visitor.request('GET', '/api/cookie-consent')).json()).toEqual({ enabled: false, choice: null });
  });
});
