import type { DataSource } from 'typeorm';
import { requirementSql, staffRule, unmetRequirement } from '@mijn-account/api-core';
import { createDataSource } from '@mijn-account/api-database';
import type { StaffRole, UserKind } from '@mijn-account/shared-contracts';
import { type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * The staff rule has one definition (`staffRule`) and two renderings: the access guard's check in
 * TypeScript and the condition under which the session lookup runs the grant gate's step, in SQL.
 * Here PostgreSQL itself answers the SQL for every kind of user, role set and second factor, and
 * the two must agree.
 */
describe('the staff rule in TypeScript and in SQL', () => {
  let t: TestApp;
  let runtime: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    runtime = await createDataSource({ url: t.db.appUrl, poolSize: 1 }).initialize();
  });
  afterAll(async () => {
    await runtime.destroy();
    await t.close();
  });

  it('gives the same answer for every user, role set and session', async () => {
    const kinds: UserKind[] = ['staff', 'subscriber'];
    const roleSets: StaffRole[][] = [
      [],
      ['helpdesk-agent'],
      ['finance'],
      ['helpdesk-supervisor', 'tenant-admin'],
      ['finance', 'helpdesk-agent'],
    ];
    const routes: StaffRole[][] = [['helpdesk-agent'], ['helpdesk-agent', 'helpdesk-supervisor'], ['tenant-admin']];
    const cases = [];
    for (const route of routes)
      for (const kind of kinds)
        for (const staffRoles of roleSets)
          for (const secondFactorAt of [null, new Date()]) cases.push({ route, kind, staffRoles, secondFactorAt });
    let admitted = 0;
    for (const c of cases) {
      const params: unknown[] = [c.kind, c.staffRoles, c.secondFactorAt];
      const condition = requirementSql(
        staffRule(c.route),
        { kind: 'u.kind', staffRoles: 'u.staff_roles', secondFactorAt: 'u.second_factor_at' },
        (value) => `$${params.push(value)}`,
      );
      // The session lookup's own column types: app_user.kind and staff_roles, user_session.second_factor_at.
      const [row]: { admitted: boolean }[] = await runtime.query(
        `SELECT coalesce((SELECT ${condition}), false) AS admitted
           FROM (SELECT $1::text AS kind, $2::text[] AS staff_roles, $3::timestamptz AS second_factor_at) u`,
        params,
      );
      const expected = unmetRequirement(staffRule(c.route), c, c) === null;
      expect({ ...c, admitted: row.admitted }).toEqual({ ...c, admitted: expected });
      if (expected) admitted++;
    }
    // Both answers occur, so the comparison means something.
    expect(admitted).toBeGreaterThan(0);
    expect(admitted).toBeLessThan(cases.length);
  });
});
