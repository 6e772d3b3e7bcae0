import { type TestApp, describeAccess, listRoutes, startTestApp } from '@mijn-account/api-testing';
import { PROBLEM_TYPES, STAFF_ROLES } from '@mijn-account/shared-contracts';

/**
 * Guardrails over the whole route table, so a new endpoint cannot slip past them: every route has
 * an access rule (reviewed through the snapshot), and every non-public route refuses anonymous
 * callers and another tenant's session.
 */
describe('route table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives every route an access rule (snapshot: a diff here is a permission change)', () => {
    const routes = listRoutes(t.app);
    expect(routes.length).toBeGreaterThanOrEqual(5);
    expect(routes.filter((r) => r.access === null).map((r) => r.handler)).toEqual([]);
    expect(
      routes.map(
        (r) =>
          `${r.method.padEnd(6)} ${r.path.padEnd(24)} ${describeAccess(r.access)}${r.stepUp ? ` +step-up${r.stepUp === 'second-factor' ? '(2fa)' : ''}` : ''}${r.csrfExempt ? ' +no-csrf' : ''}${r.publicCache !== null ? ` +cache(${r.publicCache}s)` : ''}`,
      ),
    ).toMatchSnapshot();
  });

  it('refuses every non-public route to anonymous callers and to another tenant’s session', async () => {
    const guarded = listRoutes(t.app).filter((r) => r.access?.level !== 'public');
    expect(guarded.length).toBeGreaterThan(0);
    const betaUser = t.client(t.beta);
    await betaUser.signIn(t.beta.accounts[0].owner.email);
    for (const route of guarded) {
      const url = route.path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const anonymous = t.client(t.alpha);
      await anonymous.request('GET', '/api/tenant');
      const asAnonymous = await anonymous.request(method, url, { body: method === 'GET' ? undefined : {} });
      expect({ route: route.handler, status: asAnonymous.statusCode }).toEqual({ route: route.handler, status: 401 });

      const crossTenant = t.client(t.alpha);
      for (const [name, value] of betaUser.cookies) crossTenant.cookies.set(name, value);
      const asOtherTenant = await crossTenant.request(method, url, { body: method === 'GET' ? undefined : {} });
      expect({ route: route.handler, status: asOtherTenant.statusCode }).toEqual({ route: route.handler, status: 401 });
      expect(asOtherTenant.json().type).toBe(PROBLEM_TYPES.unauthenticated);
    }
  });

  it('refuses every staff route to a staff session without a second factor', async () => {
    const staffRoutes = listRoutes(t.app).filter((r) => r.access?.level === 'staff');
    expect(staffRoutes.length).toBeGreaterThan(0);
    // One staff user with every role, so only the missing second factor can refuse.
    await t.sql(t.alpha, `UPDATE app_user SET staff_roles = $2 WHERE id = $1`, [
      t.alpha.staff['tenant-admin'].id,
      [...STAFF_ROLES],
    ]);
    const admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    for (const route of staffRoutes) {
      const url = route.path.replace(/:(\w+)/g, 'google');
      const response = await admin.request(route.method as 'GET', url, {
        body: route.method === 'GET' ? undefined : {},
      });
      expect({ route: route.handler, type: response.json().type }).toEqual({
        route: route.handler,
        type: PROBLEM_TYPES.secondFactorRequired,
      });
    }
  });

  it('refuses every step-up route when the last password or code is older than five minutes', async () => {
    const stepUpRoutes = listRoutes(t.app).filter((r) => r.stepUp && r.access?.level !== 'staff');
    expect(stepUpRoutes.length).toBeGreaterThan(0);
    const user = t.client(t.alpha);
    await user.signIn(t.alpha.accounts[0].owner.email);
    await t.sql(t.alpha, `UPDATE user_session SET reauthenticated_at = now() - interval '6 minutes'`);
    for (const route of stepUpRoutes) {
      const url = route.path.replace(/:(\w+)/g, 'google');
      const response = await user.request(route.method as 'GET', url, {
        body: route.method === 'GET' ? undefined : {},
      });
      expect({ route: route.handler, type: response.json().type }).toEqual({
        route: route.handler,
        type: PROBLEM_TYPES.stepUpRequired,
      });
    }
  });
});
