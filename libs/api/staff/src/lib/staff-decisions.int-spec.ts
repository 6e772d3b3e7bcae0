import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { FIXTURE_PASSWORD, type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';

/** Staff decisions with their consequences: roles only after a fresh proof; never disabling oneself (issue 16 §6). */
describe('staff decisions', () => {
  let t: TestApp;
  let admin: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
  });
  afterAll(() => t.close());

  it('refuses to disable oneself with a 422 naming the reason, and changes nothing', async () => {
    const self = t.alpha.staff['tenant-admin'].id;
    const refused = await admin.request('POST', `/api/admin/staff/${self}/disable`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ type: PROBLEM_TYPES.validation, errors: [{ field: 'id', code: 'self' }] });
    expect(refused.json().detail).toContain('cannot disable yourself');
    expect(await t.sql(t.alpha, `SELECT disabled_at FROM app_user WHERE id = $1`, [self])).toEqual([
      { disabled_at: null },
    ]);
    expect((await admin.request('GET', '/api/me')).statusCode).toBe(200);
  });

  it('changes roles only after the password or a code was given in the last few minutes', async () => {
    const finance = t.alpha.staff.finance.id;
    await t.sql(t.alpha, `UPDATE user_session SET reauthenticated_at = now() - interval '10 minutes'`);
    const refused = await admin.request('PUT', `/api/admin/staff/${finance}/roles`, {
      body: { roles: ['finance', 'helpdesk-agent'] },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe(PROBLEM_TYPES.stepUpRequired);
    expect(await t.sql(t.alpha, `SELECT staff_roles FROM app_user WHERE id = $1`, [finance])).toEqual([
      { staff_roles: ['finance'] },
    ]);

    expect(
      (await admin.request('POST', '/api/session/step-up', { body: { password: FIXTURE_PASSWORD } })).statusCode,
    ).toBe(204);
    expect(
      (
        await admin.request('PUT', `/api/admin/staff/${finance}/roles`, {
          body: { roles: ['finance', 'helpdesk-agent'] },
        })
      ).statusCode,
    ).toBe(204);
    expect(await t.sql(t.alpha, `SELECT staff_roles FROM app_user WHERE id = $1`, [finance])).toEqual([
      { staff_roles: ['finance', 'helpdesk-agent'] },
    ]);
  });
});
