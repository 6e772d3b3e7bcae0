import { generate } from 'otplib';
import { OIDC_TEST_CLIENT_SECRET, OidcTestProvider, type PortalClient } from '@mijn-account/api-testing';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { type TestApp, startTestApp } from '../app/test-app.testing';

/** Google and Microsoft 365 sign-in against a real OpenID provider running locally (oidc-provider). */
describe('social sign-in (real OpenID provider)', () => {
  let t: TestApp;
  let op: OidcTestProvider;
  let adminSecret: string;

  /** Start → provider login → callback, as a browser would; returns the portal's final redirect. */
  async function socialSignIn(client: PortalClient, provider: 'google' | 'microsoft', login: string, mode = ''): Promise<string> {
    const start = await client.request('GET', `/api/auth/${provider}/start${mode}`);
    expect(start.statusCode).toBe(303);
    const callback = await op.signInAt(String(start.headers['location']), login);
    expect(callback.host).toBe(client.host);
    const done = await client.request('GET', `${callback.pathname}${callback.search}`);
    expect(done.statusCode).toBe(303);
    return String(done.headers['location']);
  }

  beforeAll(async () => {
    t = await startTestApp({ OIDC_ALLOW_HTTP: 'true' });
    op = await OidcTestProvider.start(['google', 'microsoft'].map((p) => `http://alpha.localhost/api/auth/${p}/callback`));
    const admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    adminSecret = (await admin.enrolTwoFactor()).secret;
    for (const provider of ['google', 'microsoft'] as const) {
      const saved = await admin.request('PUT', `/api/admin/sign-in-settings/providers/${provider}`, {
        body: { enabled: true, issuer: op.issuers[provider], clientId: `portal-${provider}`, clientSecret: OIDC_TEST_CLIENT_SECRET },
      });
      expect(saved.statusCode).toBe(204);
    }
  });
  afterAll(async () => {
    await op.stop();
    await t.close();
  });

  it('shows the tenant admin the redirect URLs and never the secret', async () => {
    const admin = t.client(t.alpha);
    // A new session: the password step answers a challenge, the code completes it (a code of the next
    // 30-second step, since the current step's code was used when enrolling and cannot be replayed).
    const first = await admin.signIn(t.alpha.staff['tenant-admin'].email);
    expect(first.json()).toMatchObject({ status: 'second-factor' });
    const code = await generate({ secret: adminSecret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const second = await admin.request('POST', '/api/session/second-factor', { body: { challenge: first.json().challenge, code } });
    expect(second.json()).toEqual({ status: 'signed-in' });
    const list = await admin.request('GET', '/api/admin/sign-in-settings/providers');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ provider: 'google', enabled: true, hasClientSecret: true, redirectUri: 'http://alpha.localhost/api/auth/google/callback' }),
      ]),
    );
    expect(list.body).not.toContain(OIDC_TEST_CLIENT_SECRET);
    const stored = await t.sql<{ client_secret_enc: string }>(t.alpha, `SELECT client_secret_enc FROM tenant_identity_provider`);
    expect(stored.map((r) => r.client_secret_enc).join()).not.toContain(OIDC_TEST_CLIENT_SECRET);
  });

  it('offers the enabled providers on the sign-in page', async () => {
    const options = await t.client(t.alpha).request('GET', '/api/session/options');
    expect(options.json()).toEqual({ selfSignUp: false, providers: ['google', 'microsoft'] });
    expect((await t.client(t.beta).request('GET', '/api/session/options')).json()).toEqual({ selfSignUp: false, providers: [] });
  });

  it('does not sign in a Google identity on its e-mail alone: the account password links it once', async () => {
    const member = t.alpha.accounts[0].member;
    const browser = t.client(t.alpha);
    const location = await socialSignIn(browser, 'google', member.email);
    expect(location).toMatch(/^\/sign-in\/link\?provider=google&token=/);
    expect((await browser.request('GET', '/api/me')).statusCode).toBe(401);

    const token = new URL(location, 'http://x').searchParams.get('token');
    const wrong = await browser.request('POST', '/api/auth/link', { body: { token, password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    const right = await browser.request('POST', '/api/auth/link', { body: { token, password: 'correct horse battery staple' } });
    expect(right.json()).toEqual({ status: 'signed-in' });
    const overview = await browser.request('GET', '/api/me/security');
    expect(overview.json().identities).toEqual([expect.objectContaining({ provider: 'google', email: member.email })]);

    // From now on the identity itself signs in, no password asked.
    const again = t.client(t.alpha);
    expect(await socialSignIn(again, 'google', member.email)).toBe('/');
    expect((await again.request('GET', '/api/me')).json().user.email).toBe(member.email);
    const sessions = await again.request('GET', '/api/me/security/sessions');
    expect(sessions.json().find((s: { current: boolean }) => s.current).method).toBe('google');
  });

  it('links Microsoft identities by directory and object id', async () => {
    const owner = t.alpha.accounts[1].owner;
    const browser = t.client(t.alpha);
    await browser.signIn(owner.email);
    expect(await socialSignIn(browser, 'microsoft', 'someone.else@contoso.example', '?mode=link')).toBe('/security?linked=microsoft');
    const rows = await t.sql<{ subject: string }>(t.alpha, `SELECT subject FROM user_identity WHERE provider = 'microsoft' AND user_id = $1`, [owner.id]);
    expect(rows[0].subject).toMatch(/^9188040d-6c67-4c5b-b112-36a304b66dad:[0-9a-f-]{36}$/);

    const later = t.client(t.alpha);
    expect(await socialSignIn(later, 'microsoft', 'someone.else@contoso.example')).toBe('/');
    expect((await later.request('GET', '/api/me')).json().user.email).toBe(owner.email);
  });

  it('refuses an unknown person where sign-up is by invitation, and a callback from another browser', async () => {
    expect(await socialSignIn(t.client(t.alpha), 'google', 'stranger@example.com')).toBe('/sign-in?error=no-account');

    const victim = t.client(t.alpha);
    const start = await victim.request('GET', '/api/auth/google/start');
    const callback = await op.signInAt(String(start.headers['location']), 'stranger@example.com');
    const attacker = t.client(t.alpha);
    const forged = await attacker.request('GET', `${callback.pathname}${callback.search}`);
    expect(forged.headers['location']).toBe('/sign-in?error=state');
    // The victim's own browser can still finish once; a replay of the same callback cannot.
    expect((await victim.request('GET', `${callback.pathname}${callback.search}`)).headers['location']).toBe('/sign-in?error=no-account');
    expect((await victim.request('GET', `${callback.pathname}${callback.search}`)).headers['location']).toBe('/sign-in?error=state');
  });

  it('creates an account from a verified identity where self sign-up is on, and keeps its last way to sign in', async () => {
    await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET self_sign_up = true`);
    const browser = t.client(t.alpha);
    expect(await socialSignIn(browser, 'google', 'fresh@example.com')).toBe('/');
    const me = (await browser.request('GET', '/api/me')).json();
    expect(me).toMatchObject({ user: { email: 'fresh@example.com' }, account: { role: 'owner' } });
    const unlink = await browser.request('DELETE', '/api/me/security/identities/google');
    expect(unlink.statusCode).toBe(409);
    expect(unlink.json().type).toBe(PROBLEM_TYPES.lastSignInMethod);
    await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET self_sign_up = false`);
  });
});
