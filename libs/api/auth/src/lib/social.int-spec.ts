import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from 'otplib';
import {
  FIXTURE_PASSWORD,
  OIDC_TEST_CLIENT_SECRET,
  OidcTestProvider,
  type PortalClient,
  type TestApp,
  TestMailbox,
  SIGNED_IN_HINT_SET,
  signedInHintOf,
  startTestApp,
} from '@mijn-account/api-testing';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';

/** Google and Microsoft 365 sign-in against a real OpenID provider running locally (oidc-provider). */
describe('social sign-in (real OpenID provider)', () => {
  let t: TestApp;
  let op: OidcTestProvider;
  let adminSecret: string;
  /** The tenant admin's session of `beforeAll`, with two-factor on and a fresh step-up. */
  let admin: PortalClient;

  /** Start → provider login → callback, as a browser would; returns the portal's final redirect. */
  async function socialSignIn(
    client: PortalClient,
    provider: 'google' | 'microsoft',
    login: string,
    at = op,
  ): Promise<string> {
    const start = await client.request('GET', `/api/auth/${provider}/start`);
    expect(start.statusCode).toBe(303);
    return finishAtProvider(client, String(start.headers['location']), login, at);
  }

  async function finishAtProvider(
    client: PortalClient,
    authorizationUrl: string,
    login: string,
    at = op,
  ): Promise<string> {
    const callback = await at.signInAt(authorizationUrl, login);
    expect(callback.host).toBe(client.host);
    const done = await client.request('GET', `${callback.pathname}${callback.search}`);
    expect(done.statusCode).toBe(303);
    return String(done.headers['location']);
  }

  /** Linking from the security page (a step-up route answering the provider's URL), as the web app does. */
  async function socialLink(client: PortalClient, provider: 'google' | 'microsoft', login: string): Promise<string> {
    const start = await client.request('POST', `/api/me/security/identities/${provider}`);
    expect(start.statusCode).toBe(200);
    return finishAtProvider(client, start.json().url, login);
  }

  const identitiesOf = (userId: string) =>
    t.sql<{ provider: string; issuer: string; email: string }>(
      t.alpha,
      `SELECT provider, issuer, email FROM user_identity WHERE user_id = $1 ORDER BY provider`,
      [userId],
    );

  beforeAll(async () => {
    t = await startTestApp({ OIDC_ALLOW_HTTP: 'true' });
    op = await OidcTestProvider.start(
      ['google', 'microsoft'].map((p) => `http://alpha.localhost/api/auth/${p}/callback`),
    );
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    adminSecret = (await admin.enrolTwoFactor()).secret;
    await op.enableIn(admin);
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
    const second = await admin.request('POST', '/api/session/second-factor', {
      body: { challenge: first.json().challenge, code },
    });
    expect(second.json()).toEqual({ status: 'signed-in' });
    const list = await admin.request('GET', '/api/admin/sign-in-settings/providers');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          provider: 'google',
          enabled: true,
          hasClientSecret: true,
          redirectUri: 'http://alpha.localhost/api/auth/google/callback',
        }),
      ]),
    );
    expect(list.body).not.toContain(OIDC_TEST_CLIENT_SECRET);
    const stored = await t.sql<{ client_secret_enc: string }>(
      t.alpha,
      `SELECT client_secret_enc FROM tenant_identity_provider`,
    );
    expect(stored.map((r) => r.client_secret_enc).join()).not.toContain(OIDC_TEST_CLIENT_SECRET);
  });

  it('offers the enabled providers on the sign-in page', async () => {
    const options = await t.client(t.alpha).request('GET', '/api/session/options');
    // No sign-up, so no age to confirm (issue 18 §1).
    expect(options.json()).toEqual({ selfSignUp: false, providers: ['google', 'microsoft'], ageRequirement: null });
    expect((await t.client(t.beta).request('GET', '/api/session/options')).json()).toEqual({
      selfSignUp: false,
      providers: [],
      ageRequirement: null,
    });
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
    const right = await browser.request('POST', '/api/auth/link', {
      body: { token, password: 'correct horse battery staple' },
    });
    expect(right.json()).toEqual({ status: 'signed-in' });
    expect(signedInHintOf(right)).toEqual(SIGNED_IN_HINT_SET);
    await t.mail.waitFor(member.email, (m) => m.subject === 'Inloggen met Google is toegevoegd aan je account');
    const overview = await browser.request('GET', '/api/me/security');
    expect(overview.json().identities).toEqual([expect.objectContaining({ provider: 'google', email: member.email })]);

    // From now on the identity itself signs in, no password asked.
    const again = t.client(t.alpha);
    expect(await socialSignIn(again, 'google', member.email)).toBe('/');
    expect(again.cookies.get('ma_signed_in')).toBe('1'); // set by the provider's callback, with the session
    expect((await again.request('GET', '/api/me')).json().user.email).toBe(member.email);
    const sessions = await again.request('GET', '/api/me/security/sessions');
    expect(sessions.json().find((s: { current: boolean }) => s.current).method).toBe('google');
  });

  it('counts the link step’s password like any sign-in: a right password before the second factor clears no failure', async () => {
    const email = t.alpha.staff['tenant-admin'].email;
    const failures = async () =>
      (
        await t.sql<{ failures: number }>(t.alpha, `SELECT failures FROM sign_in_throttle WHERE key = $1`, [
          `email:${email}`,
        ])
      )[0]?.failures ?? 0;
    const browser = t.client(t.alpha);
    const location = await socialSignIn(browser, 'microsoft', email);
    const token = new URL(location, 'http://x').searchParams.get('token');
    const wrong = await browser.request('POST', '/api/auth/link', { body: { token, password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(await failures()).toBe(1);
    // The admin has two-factor on: the right password only leads to the code step.
    const right = await browser.request('POST', '/api/auth/link', { body: { token, password: FIXTURE_PASSWORD } });
    expect(right.json()).toMatchObject({ status: 'second-factor' });
    expect(await failures()).toBe(1);
    // (Only a whole sign-in clears the count: sign-in-guessing.int-spec.ts.)
    await t.sql(t.alpha, `DELETE FROM sign_in_throttle WHERE key = $1`, [`email:${email}`]);
    await t.sql(t.alpha, `DELETE FROM user_identity WHERE user_id = $1`, [t.alpha.staff['tenant-admin'].id]);
  });

  it('links Microsoft identities by directory and object id', async () => {
    const owner = t.alpha.accounts[1].owner;
    const browser = t.client(t.alpha);
    await browser.signIn(owner.email);
    expect(await socialLink(browser, 'microsoft', 'someone.else@contoso.example')).toBe('/security?linked=microsoft');
    const rows = await t.sql<{ subject: string; issuer: string }>(
      t.alpha,
      `SELECT subject, issuer FROM user_identity WHERE provider = 'microsoft' AND user_id = $1`,
      [owner.id],
    );
    expect(rows[0].subject).toMatch(/^9188040d-6c67-4c5b-b112-36a304b66dad:[0-9a-f-]{36}$/);
    expect(rows[0].issuer).toBe(op.issuers.microsoft);
    // The owner hears of it, with the way to remove it.
    const notice = await t.mail.waitFor(
      owner.email,
      (m) => m.subject === 'Inloggen met Microsoft 365 is toegevoegd aan je account',
    );
    expect(notice.text).toContain('someone.else@contoso.example');
    expect(TestMailbox.link(notice, '/security').origin).toBe('http://alpha.localhost');

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
    expect((await victim.request('GET', `${callback.pathname}${callback.search}`)).headers['location']).toBe(
      '/sign-in?error=no-account',
    );
    expect((await victim.request('GET', `${callback.pathname}${callback.search}`)).headers['location']).toBe(
      '/sign-in?error=state',
    );
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

  describe('linking a sign-in (issue 14)', () => {
    it('is a step-up action: a stale session must give its password first, and the sign-in start links nothing', async () => {
      const user = t.alpha.accounts[0].owner;
      const browser = t.client(t.alpha);
      await browser.signIn(user.email);
      await t.sql(
        t.alpha,
        `UPDATE user_session SET reauthenticated_at = now() - interval '10 minutes' WHERE user_id = $1`,
        [user.id],
      );
      const refused = await browser.request('POST', '/api/me/security/identities/google');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().type).toBe(PROBLEM_TYPES.stepUpRequired);
      // The public start is for signing in only: whatever its query says, it links nothing to the session's user.
      const start = await browser.request('GET', '/api/auth/google/start?mode=link');
      expect(await finishAtProvider(browser, String(start.headers['location']), 'owner.elsewhere@gmail.example')).toBe(
        '/sign-in?error=no-account',
      );
      expect(await identitiesOf(user.id)).toEqual([]);

      expect(
        (await browser.request('POST', '/api/session/step-up', { body: { password: FIXTURE_PASSWORD } })).statusCode,
      ).toBe(204);
      expect(await socialLink(browser, 'google', 'owner.elsewhere@gmail.example')).toBe('/security?linked=google');
      expect(await identitiesOf(user.id)).toEqual([
        { provider: 'google', issuer: op.issuers.google, email: 'owner.elsewhere@gmail.example' },
      ]);
      const notice = await t.mail.waitFor(
        user.email,
        (m) => m.subject === 'Inloggen met Google is toegevoegd aan je account',
      );
      expect(notice.text).toContain('Google (owner.elsewhere@gmail.example)');
      expect(TestMailbox.link(notice, '/security').origin).toBe('http://alpha.localhost');
    });

    it('never replaces a link: a second identity of the provider, or one linked elsewhere, is refused', async () => {
      const user = t.alpha.accounts[1].member;
      const browser = t.client(t.alpha);
      await browser.signIn(user.email);
      expect(await socialLink(browser, 'google', 'first@gmail.example')).toBe('/security?linked=google');
      expect(await socialLink(browser, 'google', 'second@gmail.example')).toBe(
        '/security?error=identity-already-linked',
      );
      // Linked to accounts[1].owner by the Microsoft test above.
      expect(await socialLink(browser, 'microsoft', 'someone.else@contoso.example')).toBe(
        '/security?error=identity-in-use',
      );
      expect(await identitiesOf(user.id)).toEqual([
        expect.objectContaining({ provider: 'google', email: 'first@gmail.example' }),
      ]);
      const owner = await identitiesOf(t.alpha.accounts[1].owner.id);
      expect(owner).toEqual([
        expect.objectContaining({ provider: 'microsoft', email: 'someone.else@contoso.example' }),
      ]);
      // "second" signs in to nothing; "first" still signs in to the member.
      expect(await socialSignIn(t.client(t.alpha), 'google', 'second@gmail.example')).toBe('/sign-in?error=no-account');
      expect(await socialSignIn(t.client(t.alpha), 'google', 'first@gmail.example')).toBe('/');
      await t.mail.waitFor(user.email, (m) => m.subject === 'Inloggen met Google is toegevoegd aan je account');
      expect(t.mail.to(user.email).filter((m) => m.subject.includes('toegevoegd'))).toHaveLength(1);
    });

    it('a password reset removes the linked sign-ins and names them in the mail', async () => {
      const user = t.alpha.accounts[1].member;
      expect(await identitiesOf(user.id)).toHaveLength(1);
      const anonymous = t.client(t.alpha);
      await anonymous.request('GET', '/api/tenant');
      expect((await anonymous.request('POST', '/api/password-reset', { body: { email: user.email } })).statusCode).toBe(
        202,
      );
      const reset = await t.mail.waitFor(user.email, (m) => m.subject === 'Nieuw wachtwoord instellen');
      const token = TestMailbox.link(reset, '/password-reset').searchParams.get('token');
      const done = await anonymous.request('POST', '/api/password-reset/confirm', {
        body: { token, password: 'a brand new long password' },
      });
      expect(done.statusCode).toBe(204);
      expect(await identitiesOf(user.id)).toEqual([]);
      const changed = await t.mail.waitFor(user.email, (m) => m.subject === 'Je wachtwoord is gewijzigd');
      expect(changed.text).toContain('Google (first@gmail.example)');
      expect(await socialSignIn(t.client(t.alpha), 'google', 'first@gmail.example')).toBe('/sign-in?error=no-account');
    });
  });

  it('keys an identity by its issuer: a provider pointed at another issuer signs no one in to existing links', async () => {
    const member = t.alpha.accounts[0].member; // linked to Google at `op` by the first linking test
    expect(await socialSignIn(t.client(t.alpha), 'google', member.email)).toBe('/');
    // Another issuer that hands out the very same subject for this person (here: a second local provider).
    const other = await OidcTestProvider.start(
      ['google', 'microsoft'].map((p) => `http://alpha.localhost/api/auth/${p}/callback`),
    );
    try {
      await t.sql(
        t.alpha,
        `UPDATE tenant_identity_provider SET issuer = $1, version = version + 1 WHERE provider = 'google'`,
        [other.issuers.google],
      );
      const browser = t.client(t.alpha);
      expect(await socialSignIn(browser, 'google', member.email, other)).toMatch(
        /^\/sign-in\/link\?provider=google&token=/,
      );
      expect((await browser.request('GET', '/api/me')).statusCode).toBe(401);
    } finally {
      await t.sql(
        t.alpha,
        `UPDATE tenant_identity_provider SET issuer = $1, version = version + 1 WHERE provider = 'google'`,
        [op.issuers.google],
      );
      await other.stop();
    }
    expect(await socialSignIn(t.client(t.alpha), 'google', member.email)).toBe('/');
  });

  describe('an e-mail address counts as verified only where the provider says so (issue 14)', () => {
    beforeAll(() => t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET self_sign_up = true`));
    afterAll(() => t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET self_sign_up = false`));

    it('sends a Microsoft identity without xms_edov through the confirmation mail, which creates and links the account', async () => {
      const address = 'new.person@contoso.example';
      const browser = t.client(t.alpha);
      expect(await socialSignIn(browser, 'microsoft', address)).toBe('/sign-in?error=verify-email');
      expect((await browser.request('GET', '/api/me')).statusCode).toBe(401);
      expect(await t.sql(t.alpha, `SELECT id FROM app_user WHERE email = $1`, [address])).toEqual([]);

      const mail = await t.mail.waitFor(address, (m) => m.subject.startsWith('Bevestig je e-mailadres'));
      const token = TestMailbox.link(mail, '/sign-up/verify').searchParams.get('token');
      const confirming = t.client(t.alpha);
      await confirming.request('GET', '/api/tenant');
      expect((await confirming.request('POST', '/api/sign-up/verify', { body: { token } })).statusCode).toBe(204);
      const users = await t.sql<{ id: string; verified: boolean }>(
        t.alpha,
        `SELECT id, email_verified_at IS NOT NULL AS verified FROM app_user WHERE email = $1`,
        [address],
      );
      expect(users).toEqual([{ id: expect.any(String), verified: true }]);
      expect(await identitiesOf(users[0].id)).toEqual([
        { provider: 'microsoft', issuer: op.issuers.microsoft, email: address },
      ]);
      const later = t.client(t.alpha);
      expect(await socialSignIn(later, 'microsoft', address)).toBe('/');
      expect((await later.request('GET', '/api/me')).json().user.email).toBe(address);
    });

    it("trusts Entra's xms_edov and Google's email_verified, and refuses an unverified Google address the shortcut", async () => {
      const vouched = t.client(t.alpha);
      expect(await socialSignIn(vouched, 'microsoft', 'vouched@contoso.example#verified')).toBe('/');
      expect((await vouched.request('GET', '/api/me')).json().user.email).toBe('vouched@contoso.example');

      expect(await socialSignIn(t.client(t.alpha), 'google', 'unvouched@gmail.example#unverified')).toBe(
        '/sign-in?error=verify-email',
      );
      expect(await t.sql(t.alpha, `SELECT id FROM app_user WHERE email = 'unvouched@gmail.example'`)).toEqual([]);
      await t.mail.waitFor('unvouched@gmail.example', (m) => m.subject.startsWith('Bevestig je e-mailadres'));
    });
  });

  describe('the tenant’s age question on a Google or Microsoft sign-up (issue 18 §1)', () => {
    beforeAll(async () => {
      await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET self_sign_up = true`);
      await t.sql(
        t.alpha,
        `INSERT INTO privacy_settings (tenant_id, minimum_age, parental_consent_allowed)
         VALUES (app_current_tenant(), 18, true)
         ON CONFLICT (tenant_id) DO UPDATE SET minimum_age = 18, parental_consent_allowed = true`,
      );
    });
    afterAll(async () => {
      await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET self_sign_up = false`);
      await t.sql(t.alpha, `UPDATE privacy_settings SET minimum_age = NULL, parental_consent_allowed = false`);
    });

    const userByEmail = (email: string) =>
      t.sql<{ id: string }>(t.alpha, `SELECT id FROM app_user WHERE email = $1`, [email]);
    const ageRecords = (email: string) =>
      t.sql<{ action: string; method: string; wording: string; user_id: string | null }>(
        t.alpha,
        `SELECT action, method, wording, user_id FROM consent_record WHERE purpose = 'age' AND email = $1`,
        [email],
      );

    /** The provider's round ends at the age page; the token names the sign-up the portal holds. */
    async function heldSignUp(browser: PortalClient, provider: 'google' | 'microsoft', login: string) {
      const location = await socialSignIn(browser, provider, login);
      const url = new URL(location, 'http://alpha.localhost');
      expect(url.pathname).toBe('/sign-up/age');
      expect(url.searchParams.get('provider')).toBe(provider);
      return url.searchParams.get('token') as string;
    }

    it('holds the sign-up until the age is answered, refuses without it, and records the sentence shown', async () => {
      const email = 'social.newcomer@example.com';
      const browser = t.client(t.alpha);
      const token = await heldSignUp(browser, 'google', email);
      // Nothing made yet, and no session: the browser holds only the token.
      expect(await userByEmail(email)).toEqual([]);
      expect((await browser.request('GET', '/api/me')).statusCode).toBe(401);

      const without = await browser.request('POST', '/api/auth/sign-up', { body: { token } });
      expect(without.statusCode).toBe(422);
      expect(without.json().errors).toEqual([
        expect.objectContaining({ field: 'ageConfirmation', code: 'ageRequired' }),
      ]);
      const wrong = await browser.request('POST', '/api/auth/sign-up', { body: { token, ageConfirmation: 'yes' } });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'ageConfirmation' })]);
      expect(await userByEmail(email)).toEqual([]);
      expect(await ageRecords(email)).toEqual([]);

      // The same token still works after the refusals (nothing was written), once.
      const done = await browser.request('POST', '/api/auth/sign-up', {
        headers: { 'accept-language': 'en' },
        body: { token, ageConfirmation: 'parental-consent' },
      });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toEqual({ status: 'signed-in' });
      expect(signedInHintOf(done)).toEqual(SIGNED_IN_HINT_SET);
      const me = (await browser.request('GET', '/api/me')).json();
      expect(me).toMatchObject({ user: { email }, account: { role: 'owner' } });
      const [user] = await userByEmail(email);
      expect(await ageRecords(email)).toEqual([
        {
          action: 'given',
          method: 'sign-up',
          wording: 'I am under 18 and my parent or guardian gives permission.',
          user_id: user.id,
        },
      ]);
      expect(await identitiesOf(user.id)).toEqual([{ provider: 'google', issuer: op.issuers.google, email }]);
      const other = t.client(t.alpha);
      await other.request('GET', '/api/tenant');
      const again = await other.request('POST', '/api/auth/sign-up', {
        body: { token, ageConfirmation: 'of-age' },
      });
      expect(again.json().type).toBe(PROBLEM_TYPES.linkUsed);
      expect(await ageRecords(email)).toHaveLength(1);
    });

    it('refuses a made-up token, and a parent’s permission where the tenant allows none', async () => {
      const stranger = t.client(t.alpha);
      await stranger.request('GET', '/api/tenant');
      const forged = await stranger.request('POST', '/api/auth/sign-up', {
        body: { token: 'x'.repeat(43), ageConfirmation: 'of-age' },
      });
      expect(forged.statusCode).toBe(400);
      expect(forged.json().type).toBe(PROBLEM_TYPES.linkInvalid);
      await t.sql(t.alpha, `UPDATE privacy_settings SET parental_consent_allowed = false`);
      try {
        const browser = t.client(t.alpha);
        const token = await heldSignUp(browser, 'microsoft', 'minor@contoso.example#verified');
        const refused = await browser.request('POST', '/api/auth/sign-up', {
          body: { token, ageConfirmation: 'parental-consent' },
        });
        expect(refused.statusCode).toBe(422);
        expect(refused.json().errors).toEqual([
          expect.objectContaining({ field: 'ageConfirmation', code: 'parentalConsentNotAllowed' }),
        ]);
        expect(await userByEmail('minor@contoso.example')).toEqual([]);
      } finally {
        await t.sql(t.alpha, `UPDATE privacy_settings SET parental_consent_allowed = true`);
      }
    });

    it('asks before the confirmation mail too, and the mailed link makes the account with the answer recorded', async () => {
      const email = 'unvouched.newcomer@contoso.example';
      const browser = t.client(t.alpha);
      const token = await heldSignUp(browser, 'microsoft', email);
      expect(t.mail.to(email)).toEqual([]);
      const answered = await browser.request('POST', '/api/auth/sign-up', {
        headers: { 'accept-language': 'nl' },
        body: { token, ageConfirmation: 'of-age' },
      });
      expect(answered.json()).toEqual({ status: 'verify-email' });
      expect(await userByEmail(email)).toEqual([]);
      const mail = await t.mail.waitFor(email, (m) => m.subject.startsWith('Bevestig je e-mailadres'));
      const link = TestMailbox.link(mail, '/sign-up/verify').searchParams.get('token');
      const confirming = t.client(t.alpha);
      await confirming.request('GET', '/api/tenant');
      expect((await confirming.request('POST', '/api/sign-up/verify', { body: { token: link } })).statusCode).toBe(204);
      const [user] = await userByEmail(email);
      expect(await ageRecords(email)).toEqual([
        { action: 'given', method: 'sign-up', wording: 'Ik ben 18 jaar of ouder.', user_id: user.id },
      ]);
    });

    it('asks nothing of someone who already has an account: their sign-in goes straight through', async () => {
      expect(await socialSignIn(t.client(t.alpha), 'google', 'social.newcomer@example.com')).toBe('/');
    });
  });

  describe('issuers with OIDC_ALLOW_HTTP (local test providers only)', () => {
    it('lets loopback in, and nothing else that is not a public host', async () => {
      for (const issuer of [
        'http://10.0.0.1',
        'https://169.254.169.254/latest',
        'http://[fd00::1]:4010',
        'http://192.168.1.20',
      ]) {
        const refused = await admin.request('PUT', '/api/admin/sign-in-settings/providers/microsoft', {
          body: { enabled: true, issuer, clientId: 'portal-microsoft' },
        });
        expect(refused.statusCode).toBe(422);
        expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'issuer', code: 'publicHost' })]);
      }
      const stored = await t.sql<{ issuer: string }>(
        t.alpha,
        `SELECT issuer FROM tenant_identity_provider WHERE provider = 'microsoft'`,
      );
      expect(stored).toEqual([{ issuer: op.issuers.microsoft }]);
    });

    it('never follows a redirect from a provider (guard against one to an internal address)', async () => {
      let redirected = 0;
      const target = createServer((_req, res) => {
        redirected++;
        res.end('{}');
      });
      const issuer = createServer((_req, res) => {
        res
          .writeHead(302, {
            location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/.well-known/openid-configuration`,
          })
          .end();
      });
      await Promise.all(
        [target, issuer].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))),
      );
      try {
        await t.sql(
          t.alpha,
          `UPDATE tenant_identity_provider SET issuer = $1, version = version + 1 WHERE provider = 'microsoft'`,
          [`http://127.0.0.1:${(issuer.address() as AddressInfo).port}`],
        );
        expect((await t.client(t.alpha).request('GET', '/api/auth/microsoft/start')).statusCode).toBe(404);
        expect(redirected).toBe(0);
      } finally {
        await t.sql(
          t.alpha,
          `UPDATE tenant_identity_provider SET issuer = $1, version = version + 1 WHERE provider = 'microsoft'`,
          [op.issuers.microsoft],
        );
        await Promise.all([target, issuer].map((server) => new Promise((resolve) => server.close(resolve))));
      }
    });
  });
});
