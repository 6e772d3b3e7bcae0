import { type Server, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';

/**
 * The server fetches a tenant's identity provider (discovery, token, JWKS) with the client secret:
 * an issuer must be a public https host, when it is saved and on every connection (issue 14).
 * This app runs as production would: OIDC_ALLOW_HTTP is off.
 */
describe('identity-provider issuers are public https hosts only', () => {
  let t: TestApp;
  let admin: PortalClient;
  /** A listener on every local address (IPv4 and IPv6) counting connections: nothing may reach it. */
  let listener: Server;
  let connections = 0;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '::', resolve));
    port = (listener.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => listener.close(resolve));
    await t.close();
  });

  const save = (issuer: string) =>
    admin.request('PUT', '/api/admin/sign-in-settings/providers/google', {
      body: { enabled: true, issuer, clientId: 'portal-google', clientSecret: 'a-client-secret-0123456789' },
    });

  it.each([
    ['a loopback IP literal', 'https://127.0.0.1:8443'],
    ['an IPv6 loopback literal', 'https://[::1]/'],
    ['an IPv4-mapped IPv6 literal', 'https://[::ffff:10.0.0.1]/'],
    ['a private address', 'https://10.20.30.40/'],
    ['a private address written in hex', 'https://0xa141e28/'],
    ['the cloud metadata address', 'https://169.254.169.254/latest/meta-data'],
    ['a carrier-grade NAT address', 'https://100.64.0.1/'],
    ['a unique-local IPv6 address', 'https://[fd12:3456::1]/'],
    ['even a public IP literal', 'https://8.8.8.8/'],
    ['a name that resolves to loopback', 'https://localhost:8443/'],
    ['a name that does not resolve', 'https://identity.invalid/'],
    ['plain http', 'http://accounts.google.com'],
  ])('refuses %s on saving, naming the field, and stores nothing', async (_what, issuer) => {
    const refused = await save(issuer);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ type: PROBLEM_TYPES.validation, errors: [{ field: 'issuer' }] });
    expect(await t.sql(t.alpha, `SELECT provider FROM tenant_identity_provider`)).toEqual([]);
  });

  it.each([
    ['a name that resolves to loopback now (DNS rebinding)', () => `https://localhost:${port}`],
    ['a loopback IP literal', () => `https://127.0.0.1:${port}`],
    ['an IPv6 loopback literal', () => `https://[::1]:${port}`],
  ])('does not connect when a stored issuer is %s', async (_what, issuer) => {
    // Written past the configuration check, as if the name had resolved to a public address then.
    // Any value sealed under DATA_KEY opens; the admin's sealed TOTP seed is one at hand.
    await t.sql(
      t.alpha,
      `INSERT INTO tenant_identity_provider (tenant_id, provider, enabled, issuer, client_id, client_secret_enc)
       SELECT tenant_id, 'microsoft', true, $1, 'portal-microsoft', totp_secret_enc FROM app_user WHERE totp_secret_enc IS NOT NULL LIMIT 1
       ON CONFLICT (tenant_id, provider) DO UPDATE SET issuer = $1, version = tenant_identity_provider.version + 1`,
      [issuer()],
    );
    connections = 0;
    const start = await t.client(t.alpha).request('GET', '/api/auth/microsoft/start');
    expect(start.statusCode).toBe(404);
    expect(start.json().detail).toBe('Sign-in with microsoft is not reachable right now');
    expect(connections).toBe(0);
  });
});
