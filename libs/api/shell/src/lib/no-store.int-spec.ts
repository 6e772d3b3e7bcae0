import type { LightMyRequestResponse } from 'fastify';
import { type RouteInfo, type TestApp, listRoutes, startTestApp } from '@mijn-account/api-testing';
import { STAFF_ROLES } from '@mijn-account/shared-contracts';

/**
 * Personal data is never kept by a browser or a proxy: every API answer is `Cache-Control:
 * no-store` — successes, exports and errors alike — over the whole route table, called both
 * anonymously and signed in with a role that may use the route. Only `@PublicCache` routes (public,
 * the same for everyone) may be cached, and only a success that sets no cookie.
 */
describe('Cache-Control over the route table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
  const urlOf = (route: RouteInfo) =>
    route.path.replace(/:(\w+)/g, (_m, name: string) => (name === 'provider' ? 'google' : UNKNOWN_ID));
  const call = (client: ReturnType<TestApp['client']>, route: RouteInfo) =>
    client.request(route.method as 'GET', urlOf(route), { body: route.method === 'GET' ? undefined : {} });
  const cacheControlOf = (route: RouteInfo, response: LightMyRequestResponse) => ({
    route: `${route.method} ${route.path}`,
    status: response.statusCode,
    cacheControl: response.headers['cache-control'],
  });

  it('marks only public routes as cacheable', () => {
    const cacheable = listRoutes(t.app).filter((r) => r.publicCache !== null);
    expect(cacheable.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/access-log/public-key']);
    for (const route of cacheable) expect(route.access?.level).toBe('public');
  });

  it('answers every route with no-store to an anonymous caller', async () => {
    const routes = listRoutes(t.app).filter((r) => r.publicCache === null);
    for (const route of routes) {
      const anonymous = t.client(t.alpha);
      const response = await call(anonymous, route);
      expect(cacheControlOf(route, response)).toEqual({ ...cacheControlOf(route, response), cacheControl: 'no-store' });
    }
  });

  it('answers every route with no-store to a signed-in caller with a role for it, reads and exports included', async () => {
    const owner = t.client(t.alpha);
    expect((await owner.signIn(t.alpha.accounts[0].owner.email)).statusCode).toBe(200);
    // One staff user with every role and a second factor, so staff routes answer as they would in use.
    await t.sql(t.alpha, `UPDATE app_user SET staff_roles = $2 WHERE id = $1`, [
      t.alpha.staff['tenant-admin'].id,
      [...STAFF_ROLES],
    ]);
    const staff = t.client(t.alpha);
    expect((await staff.signIn(t.alpha.staff['tenant-admin'].email)).statusCode).toBe(200);
    await staff.enrolTwoFactor();

    const all = listRoutes(t.app).filter((r) => r.publicCache === null);
    // Reads first (they must succeed), then writes; signing out last of all.
    const signOut = (r: RouteInfo) => r.method === 'DELETE' && r.path === '/api/session';
    const ordered = [
      ...all.filter((r) => r.method === 'GET'),
      ...all.filter((r) => r.method !== 'GET' && !signOut(r)),
      ...all.filter(signOut),
    ];
    const succeeded: string[] = [];
    for (const route of ordered) {
      const client = route.access?.level === 'staff' ? staff : owner;
      const response = await call(client, route);
      if (response.statusCode < 300) succeeded.push(`${route.method} ${route.path}`);
      expect(cacheControlOf(route, response)).toEqual({ ...cacheControlOf(route, response), cacheControl: 'no-store' });
    }
    // The sweep did reach real answers with personal data, not only refusals.
    expect(succeeded).toEqual(
      expect.arrayContaining([
        'GET /api/me',
        'GET /api/me/profile',
        'GET /api/account/billing',
        'GET /api/account/access-log/export.csv',
        'GET /api/account/access-log/export.json',
        'GET /api/admin/staff',
        'GET /api/support/accounts',
      ]),
    );
  });

  it('keeps no-store on Fastify’s own answers: unknown route, unknown host, malformed body, overlong path', async () => {
    const client = t.client(t.alpha);
    const unknownRoute = await client.request('GET', '/api/no-such-route');
    const malformed = await client.request('POST', '/api/session', {
      rawBody: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    const overlong = await client.request('GET', `/api/me/security/sessions/${'x'.repeat(3000)}`);
    const unknownHost = await t.client({ ...t.alpha, host: 'nobody.localhost' }).request('GET', '/api/me');
    for (const response of [unknownRoute, malformed, overlong, unknownHost]) {
      expect({ status: response.statusCode, cacheControl: response.headers['cache-control'] }).toEqual({
        status: response.statusCode,
        cacheControl: 'no-store',
      });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
    }
  });

  it('lets a public-cacheable route be cached only when its answer sets no cookie', async () => {
    const client = t.client(t.alpha);
    // The first GET hands out the XSRF cookie: that answer is not for sharing.
    const first = await client.request('GET', '/api/access-log/public-key');
    expect(first.headers['set-cookie']).toBeDefined();
    expect(first.headers['cache-control']).toBe('no-store');
    const second = await client.request('GET', '/api/access-log/public-key');
    expect(second.statusCode).toBe(200);
    expect(second.headers['set-cookie']).toBeUndefined();
    expect(second.headers['cache-control']).toBe('public, max-age=300');
  });
});
