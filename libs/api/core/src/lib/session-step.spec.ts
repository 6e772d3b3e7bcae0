import { requirementSql, staffRule, unmetRequirement } from './session-step';

const COLUMNS = { kind: 's.kind', staffRoles: 's.staff_roles', secondFactorAt: 's.second_factor_at' };

describe('the staff rule', () => {
  const rule = staffRule(['helpdesk-agent']);
  const agent = { kind: 'staff' as const, staffRoles: ['helpdesk-agent' as const] };
  const proved = { secondFactorAt: new Date() };

  it('admits a staff user with one of the roles in a session that proved a second factor', () => {
    expect(unmetRequirement(rule, agent, proved)).toBeNull();
    expect(unmetRequirement(staffRule(['finance', 'helpdesk-agent']), agent, proved)).toBeNull();
  });

  it('refuses other kinds and other roles, and asks for the second factor last', () => {
    expect(unmetRequirement(rule, { kind: 'subscriber', staffRoles: [] }, proved)).toBe('forbidden');
    expect(unmetRequirement(rule, { kind: 'staff', staffRoles: ['finance'] }, proved)).toBe('forbidden');
    expect(unmetRequirement(rule, { kind: 'staff', staffRoles: ['finance'] }, { secondFactorAt: null })).toBe(
      'forbidden',
    );
    expect(unmetRequirement(rule, agent, { secondFactorAt: null })).toBe('second-factor');
  });

  it('is the same conditions in SQL, over the columns the session lookup names, with values as parameters', () => {
    const params: unknown[] = [];
    const sql = requirementSql(rule, COLUMNS, (value) => `$${params.push(value)}`);
    expect(sql).toBe('s.kind = $1 AND s.staff_roles && $2::text[] AND s.second_factor_at IS NOT NULL');
    expect(params).toEqual(['staff', ['helpdesk-agent']]);
  });

  it('writes the same SQL text for every route with the same shape of rule (one prepared statement)', () => {
    const text = (roles: Parameters<typeof staffRule>[0]) => requirementSql(staffRule(roles), COLUMNS, () => '$n');
    expect(text(['finance'])).toBe(text(['helpdesk-agent', 'tenant-admin']));
  });
});
