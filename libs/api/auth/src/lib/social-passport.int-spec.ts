import { createHash } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@mijn-account/api-core';
import { OidcTestProvider, PortalClient, type TestApp, createApp, startTestApp } from '@mijn-account/api-testing';

/**
 * Google and Microsoft 365 sign-in run through Passport (issue 15, ADR 0009): what the strategies
 * keep where, and that the tenant's settings, not a stale client, decide every round.
 */
describe('sign-in through Passport (real OpenID provider)', () => {
  let t: TestApp;
  let op: OidcTestProvider;
  /** A second API process on the same database: it shares nothing in memory with the first. */
  let second: NestFastifyApplication;
  let admin: PortalClient;

  const ENV = { OIDC_ALLOW_HTTP: 'true' };
  const sha256 = (value: string) => createHash('sha256').update(value).digest();

  beforeAll(async () => {
    t = await startTestApp(ENV);
    op = await OidcTestProvider.start(
      ['google', 'microsoft'].map((p) => `http://alpha.localhost/api/auth/${p}/callback`),
    );
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    await op.enableIn(admin);
    await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET self_sign_up = true`);
    second = await createApp(
      loadConfig({
        LOG_LEVEL: 'silent',
        WEB_DIST: '/nonexistent',
        SMTP_URL: t.mail.url,
        MAIL_POLL_SECONDS: '0.5',
        ...ENV,
      }),
      t.db.appUrl,
    );
  });
  afterAll(async () => {
    await second.close();
    await op.stop();
    await t.close();
  });

  it.each([
    ['google', 'passport.google@example.com'],
    ['microsoft', 'passport.microsoft@contoso.example#verified'],
  ] as const)(
    'keeps the %s round’s state and PKCE verifier in PostgreSQL, bound to the browser: another API process finishes it',
    async (provider, login) => {
      const browser = t.client(t.alpha);
      const start = await browser.request('GET', `/api/auth/${provider}/start`);
      expect(start.statusCode).toBe(303);
      const authorization = new URL(String(start.headers['location']));
      expect(authorization.origin).toBe(op.issuers[provider]);
      const params = Object.fromEntries(authorization.searchParams);
      expect(params).toMatchObject({
        client_id: `portal-${provider}`,
        response_type: 'code',
        redirect_uri: `http://alpha.localhost/api/auth/${provider}/callback`,
        code_challenge_method: 'S256',
        state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      expect(params['scope'].split(' ').sort()).toEqual(['email', 'openid', 'profile']);
      // The browser holds the state (HttpOnly cookie); the database holds the verifier behind the challenge.
      expect(browser.cookies.get('ma_oidc')).toBe(params['state']);
      const rows = await t.sql<{
        data: { provider: string; verifier: string; nonce?: string; mode: string };
        used: boolean;
      }>(
        t.alpha,
        `SELECT data, used_at IS NOT NULL AS used FROM action_token WHERE purpose = 'oidc-state' AND id = $1`,
        [sha256(params['state'])],
      );
      expect(rows).toEqual([{ data: expect.objectContaining({ provider, mode: 'sign-in' }), used: false }]);
      expect(createHash('sha256').update(rows[0].data.verifier).digest('base64url')).toBe(params['code_challenge']);
      if (provider === 'microsoft') expect(rows[0].data.nonce).toBe(params['nonce']);

      // The same browser comes back to the other process.
      const callback = await op.signInAt(authorization.href, login);
      const elsewhere = new PortalClient(second, browser.host);
      for (const [name, value] of browser.cookies) elsewhere.cookies.set(name, value);
      const done = await elsewhere.request('GET', `${callback.pathname}${callback.search}`);
      expect(done.statusCode).toBe(303);
      expect(done.headers['location']).toBe('/');
      expect((await elsewhere.request('GET', '/api/me')).json().user.email).toBe(login.split('#')[0]);
      const used = await t.sql<{ used: boolean }>(
        t.alpha,
        `SELECT used_at IS NOT NULL AS used FROM action_token WHERE id = $1`,
        [sha256(params['state'])],
      );
      expect(used).toEqual([{ used: true }]);
    },
  );

  it('builds a new strategy when the admin changes the settings, in every process', async () => {
    const clientIdAt = async (app: NestFastifyApplication) =>
      new URL(
        String(
          (await new PortalClient(app, t.alpha.host).request('GET', '/api/auth/google/start')).headers['location'],
        ),
      ).searchParams.get('client_id');
    expect(await clientIdAt(t.app)).toBe('portal-google');
    expect(await clientIdAt(second)).toBe('portal-google');
    const change = (clientId: string) =>
      admin.request('PUT', '/api/admin/sign-in-settings/providers/google', {
        body: { enabled: true, issuer: op.issuers.google, clientId },
      });
    expect((await change('portal-google-renamed')).statusCode).toBe(204);
    expect(await clientIdAt(t.app)).toBe('portal-google-renamed');
    expect(await clientIdAt(second)).toBe('portal-google-renamed');
    expect((await change('portal-google')).statusCode).toBe(204);
    expect(await clientIdAt(second)).toBe('portal-google');
    // Saved without a secret: the stored one is kept (the token exchange needs it).
    const browser = t.client(t.alpha);
    const start = await browser.request('GET', '/api/auth/google/start');
    const callback = await op.signInAt(String(start.headers['location']), 'kept.secret@example.com');
    expect((await browser.request('GET', `${callback.pathname}${callback.search}`)).headers['location']).toBe('/');
    // Switched off: no strategy at all, whatever was built before.
    await t.sql(
      t.alpha,
      `UPDATE tenant_identity_provider SET enabled = false, version = version + 1 WHERE provider = 'google'`,
    );
    const off = await t.client(t.alpha).request('GET', '/api/auth/google/start');
    expect(off.statusCode).toBe(404);
    expect(off.headers['content-type']).toContain('application/problem+json');
    await t.sql(
      t.alpha,
      `UPDATE tenant_identity_provider SET enabled = true, version = version + 1 WHERE provider = 'google'`,
    );
  });

  describe('Google’s token exchange and profile go through the issuer guard', () => {
    let issuer: Server;
    let tokenEndpoint: Server;
    let connections = 0;

    beforeAll(async () => {
      tokenEndpoint = createServer((_req, res) => {
        connections++;
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ access_token: 'x', token_type: 'Bearer' }));
      });
      await new Promise<void>((resolve) => tokenEndpoint.listen(0, '0.0.0.0', resolve));
      // A discovery document on loopback (allowed with OIDC_ALLOW_HTTP) naming endpoints at 0.0.0.0,
      // which reaches this machine but is no public address: the guard must refuse it before any socket.
      issuer = createServer((req, res) => {
        const self = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
        const elsewhere = `http://0.0.0.0:${(tokenEndpoint.address() as AddressInfo).port}`;
        if (req.url !== '/.well-known/openid-configuration') return res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            issuer: self,
            authorization_endpoint: `${self}/authorize`,
            token_endpoint: `${elsewhere}/token`,
            userinfo_endpoint: `${elsewhere}/userinfo`,
            jwks_uri: `${self}/jwks`,
            code_challenge_methods_supported: ['S256'],
          }),
        );
      });
      await new Promise<void>((resolve) => issuer.listen(0, '127.0.0.1', resolve));
      await t.sql(
        t.alpha,
        `UPDATE tenant_identity_provider SET issuer = $1, version = version + 1 WHERE provider = 'google'`,
        [`http://127.0.0.1:${(issuer.address() as AddressInfo).port}`],
      );
    });
    afterAll(async () => {
      await t.sql(
        t.alpha,
        `UPDATE tenant_identity_provider SET issuer = $1, version = version + 1 WHERE provider = 'google'`,
        [op.issuers.google],
      );
      await Promise.all([issuer, tokenEndpoint].map((server) => new Promise((resolve) => server.close(resolve))));
    });

    it('refuses a token endpoint that is not a public host: the sign-in page shows a provider error, nothing connects', async () => {
      const browser = t.client(t.alpha);
      const start = await browser.request('GET', '/api/auth/google/start');
      expect(start.statusCode).toBe(303);
      const state = new URL(String(start.headers['location'])).searchParams.get('state');
      const done = await browser.request('GET', `/api/auth/google/callback?code=some-code&state=${state}`);
      expect(done.headers['location']).toBe('/sign-in?error=provider');
      expect(connections).toBe(0);
    });
  });
});
