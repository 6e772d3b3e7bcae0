import { type FixtureTenant, type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import { PROBLEM_TYPES, type UsageStatistics } from '@mijn-account/shared-contracts';

/** The only columns a statistics table may have: none of them can name a person. */
const ALLOWED_COLUMNS: Record<string, string> = {
  tenant_id: 'uuid',
  day: 'date',
  feature: 'text',
  event: 'text',
  count: 'integer',
};

describe('usage statistics with no relation to a person', () => {
  let t: TestApp;
  let admin: PortalClient;
  const account = () => t.alpha.accounts[0];

  /** Staff sessions need a second factor; here the session is marked as having proved one. */
  async function signedIn(tenant: FixtureTenant, email: string): Promise<PortalClient> {
    const client = t.client(tenant);
    expect((await client.signIn(email)).statusCode).toBe(200);
    await t.sql(tenant, `UPDATE user_session SET second_factor_at = now() WHERE second_factor_at IS NULL`);
    return client;
  }
  const counts = (tenant: FixtureTenant, feature: string, event: string) =>
    t
      .sql<{ n: number }>(
        tenant,
        `SELECT COALESCE(sum(count), 0)::int AS n FROM usage_count WHERE feature = $1 AND event = $2`,
        [feature, event],
      )
      .then((rows) => rows[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signedIn(t.alpha, t.alpha.staff['tenant-admin'].email);
  });
  afterAll(() => t.close());

  it('has no statistics table with a column that could join to a person, and no event log behind it', async () => {
    // Every table of statistics (by name) and every column it has, as the database itself tells it.
    const columns = await t.sql<{ table_name: string; column_name: string; data_type: string }>(
      t.alpha,
      `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
         JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = 'public' AND (c.table_name LIKE 'usage%' OR c.table_name LIKE '%statistic%')
        ORDER BY c.table_name, c.ordinal_position`,
    );
    const tables = [...new Set(columns.map((c) => c.table_name))];
    expect(tables).toEqual(['usage_count']);
    const suspicious = columns.filter(
      (c) =>
        ALLOWED_COLUMNS[c.column_name] !== c.data_type ||
        (c.data_type === 'uuid' && c.column_name !== 'tenant_id') ||
        c.data_type === 'inet' ||
        c.data_type === 'cidr' ||
        c.data_type === 'bytea',
    );
    expect(suspicious).toEqual([]);
    // Its only foreign key is the tenant's.
    const keys = await t.sql<{ target: string }>(
      t.alpha,
      `SELECT ccu.table_name AS target FROM information_schema.table_constraints tc
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
        WHERE tc.table_name = 'usage_count' AND tc.constraint_type = 'FOREIGN KEY'`,
    );
    expect(keys.map((k) => k.target)).toEqual(['tenant']);
    // Row-level security on and forced, like every tenant table.
    const [rls] = await t.sql<{ on: boolean; forced: boolean }>(
      t.alpha,
      `SELECT relrowsecurity AS on, relforcerowsecurity AS forced FROM pg_class WHERE relname = 'usage_count'`,
    );
    expect(rls).toEqual({ on: true, forced: true });
  });

  it('refuses an identifier in a feature or event, even from a careless caller', async () => {
    for (const event of ['3f1c2f43-8a0e-4c55-9a57-0b0e0e5f8c11', 'jan@example.com', '10.0.0.1']) {
      await expect(
        t.sql(
          t.alpha,
          `INSERT INTO usage_count (tenant_id, day, feature, event) VALUES ($1, current_date, 'sign-in', $2)`,
          [t.alpha.id, event],
        ),
      ).rejects.toThrow(/usage_count_event_check/);
    }
  });

  it('counts a sign-in at the moment of use, with nothing of the person in the row', async () => {
    const before = await counts(t.alpha, 'sign-in', 'password');
    await signedIn(t.alpha, account().owner.email);
    await signedIn(t.alpha, account().member.email);
    expect(await counts(t.alpha, 'sign-in', 'password')).toBe(before + 2);
    const rows = await t.sql<Record<string, unknown>>(t.alpha, `SELECT * FROM usage_count WHERE feature = 'sign-in'`);
    const [today] = await t.sql<{ d: string }>(t.alpha, `SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS d`);
    expect(rows).toEqual([
      { tenant_id: t.alpha.id, day: expect.anything(), feature: 'sign-in', event: 'password', count: before + 2 },
    ]);
    expect(
      (
        await t.sql<{ d: string }>(
          t.alpha,
          `SELECT to_char(day, 'YYYY-MM-DD') AS d FROM usage_count WHERE feature = 'sign-in'`,
        )
      )[0].d,
    ).toBe(today.d);
    // The other tenant's statistics did not move.
    expect(await counts(t.beta, 'sign-in', 'password')).toBe(0);
  });

  it('counts page views from the beacon by section only, refuses anything else, and throttles a loop', async () => {
    const owner = await signedIn(t.alpha, account().owner.email);
    const view = (body: unknown) => owner.request('POST', '/api/statistics/page-views', { body });
    expect((await view({ section: 'account' })).statusCode).toBe(204);
    expect((await view({ section: 'privacy' })).statusCode).toBe(204);
    expect(await counts(t.alpha, 'page-view', 'account')).toBe(1);
    expect(await counts(t.alpha, 'page-view', 'privacy')).toBe(1);

    const bad = await view({ section: 'account/123' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'section', code: 'isIn' })]);
    const extra = await view({ section: 'account', userId: account().owner.id });
    expect(extra.statusCode).toBe(422);
    expect(extra.json().errors).toEqual([expect.objectContaining({ field: 'userId', code: 'whitelistValidation' })]);
    expect(await counts(t.alpha, 'page-view', 'account')).toBe(1);

    // Anonymous: refused, nothing counted.
    const anonymous = t.client(t.alpha);
    expect(
      (await anonymous.request('POST', '/api/statistics/page-views', { body: { section: 'account' } })).statusCode,
    ).toBe(401);

    // At most 30 a minute per session: a page stuck in a loop does not fill the statistics.
    for (let i = 0; i < 35; i++) await view({ section: 'security' });
    expect(await counts(t.alpha, 'page-view', 'security')).toBe(28);
  });

  it('does not count a restricted user, nor one who objected to statistics', async () => {
    const restricted = t.alpha.accounts[1].owner;
    const objected = t.alpha.accounts[1].member;
    await t.sql(
      t.alpha,
      `UPDATE app_user SET restricted_at = now(), restriction_reason = 'Disputes accuracy' WHERE id = $1`,
      [restricted.id],
    );
    await t.sql(t.alpha, `UPDATE app_user SET statistics_objected_at = now() WHERE id = $1`, [objected.id]);
    const signIns = await counts(t.alpha, 'sign-in', 'password');
    const views = await counts(t.alpha, 'page-view', 'newsletters');
    for (const user of [restricted, objected]) {
      const client = await signedIn(t.alpha, user.email);
      expect(
        (await client.request('POST', '/api/statistics/page-views', { body: { section: 'newsletters' } })).statusCode,
      ).toBe(204);
    }
    expect(await counts(t.alpha, 'sign-in', 'password')).toBe(signIns);
    expect(await counts(t.alpha, 'page-view', 'newsletters')).toBe(views);
    // Lifted: counted again.
    await t.sql(t.alpha, `UPDATE app_user SET statistics_objected_at = NULL WHERE id = $1`, [objected.id]);
    await signedIn(t.alpha, objected.email);
    expect(await counts(t.alpha, 'sign-in', 'password')).toBe(signIns + 1);
  });

  it('counts a helpdesk access request and a newsletter sign-up where they happen', async () => {
    const agent = await signedIn(t.alpha, t.alpha.staff['helpdesk-agent'].email);
    const requested = await agent.request('POST', '/api/support/requests', {
      body: {
        accountId: account().id,
        reason: 'service',
        ticket: 'T-1',
        justification: 'Customer asked about an invoice address',
        scopes: ['billing:read'],
        minutes: 60,
      },
    });
    expect(requested.statusCode).toBe(201);
    expect(await counts(t.alpha, 'helpdesk', 'access-requested')).toBe(1);

    const list = await admin.request('POST', '/api/admin/newsletters', {
      body: { nameNl: 'Nieuws', nameEn: 'News', descriptionNl: 'Maandelijks', descriptionEn: 'Monthly', visible: true },
    });
    expect(list.statusCode).toBe(201);
    const member = await signedIn(t.alpha, account().member.email);
    const on = await member.request('PUT', `/api/me/newsletters/${list.json().id}`, { body: { subscribed: true } });
    expect(on.json().status).toBe('pending');
    expect(await counts(t.alpha, 'newsletters', 'subscribed')).toBe(1);
  });

  it('shows the admin the period’s counts per feature, hiding every count below 5, also from the total', async () => {
    await t.sql(
      t.alpha,
      `INSERT INTO usage_count (tenant_id, day, feature, event, count) VALUES
         ($1, '2026-01-10', 'invoices', 'pdf-downloaded', 3),
         ($1, '2026-01-11', 'invoices', 'pdf-downloaded', 7),
         ($1, '2026-01-12', 'invoices', 'ubl-downloaded', 4)`,
      [t.alpha.id],
    );
    const res = await admin.request('GET', '/api/admin/statistics?from=2026-01-10&to=2026-01-12');
    expect(res.statusCode).toBe(200);
    const stats = res.json() as UsageStatistics;
    expect(stats.days).toEqual(['2026-01-10', '2026-01-11', '2026-01-12']);
    const invoices = stats.features.find((f) => f.feature === 'invoices');
    expect(invoices?.events).toEqual([
      // The total is of the days shown: a raw 10 would give away the hidden 3 (10 − 7).
      { event: 'pdf-downloaded', total: 7, days: [null, 7, null] },
      { event: 'ubl-downloaded', total: null, days: [null, null, null] },
    ]);
    // Not a single small number anywhere in the answer.
    const numbers = stats.features.flatMap((f) => f.events.flatMap((e) => [e.total, ...e.days]));
    expect(numbers.filter((n) => n !== null && n < 5)).toEqual([]);
    // Nothing hidden can be derived: every total is the sum of its shown days (none shown: none).
    for (const e of stats.features.flatMap((f) => f.events)) {
      const sum = e.days.reduce<number>((a, b) => a + (b ?? 0), 0);
      expect([e.event, e.total]).toEqual([e.event, sum === 0 ? null : sum]);
    }
  });

  it('defaults to the last 30 days and refuses a bad period field by field', async () => {
    const res = await admin.request('GET', '/api/admin/statistics');
    expect(res.statusCode).toBe(200);
    const stats = res.json() as UsageStatistics;
    expect(stats.days).toHaveLength(30);
    expect(stats.days[29]).toBe(stats.to);
    // 35 security views went in today but 30 were counted (throttle) less 2: 28 ≥ 5, shown.
    expect(
      stats.features.find((f) => f.feature === 'page-view')?.events.find((e) => e.event === 'security')?.total,
    ).toBe(28);

    const bad = async (query: string, field: string, code: string) => {
      const answer = await admin.request('GET', `/api/admin/statistics?${query}`);
      expect(answer.statusCode).toBe(422);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.json().type).toBe(PROBLEM_TYPES.validation);
      expect(answer.json().errors).toEqual([expect.objectContaining({ field, code })]);
    };
    await bad('from=2026-02-30&to=2026-03-01', 'from', 'isDate');
    await bad('from=2026-01-01&to=tomorrow', 'to', 'isDate');
    await bad('from=2026-03-01&to=2026-02-01', 'to', 'notBeforeFrom');
    await bad('from=2024-01-01&to=2026-01-01', 'to', 'periodTooLong');
    await bad('from=2026-01-01&to=2026-01-02&tenant=beta', 'tenant', 'whitelistValidation');
  });

  it('is the tenant admin’s only, and only their own tenant’s', async () => {
    expect((await t.client(t.alpha).request('GET', '/api/admin/statistics')).statusCode).toBe(401);
    for (const email of [account().owner.email, t.alpha.staff.finance.email, t.alpha.staff['helpdesk-agent'].email]) {
      const client = await signedIn(t.alpha, email);
      expect((await client.request('GET', '/api/admin/statistics')).statusCode).toBe(403);
    }
    // The other tenant's admin sees none of alpha's counts; the database itself keeps them apart.
    const betaAdmin = await signedIn(t.beta, t.beta.staff['tenant-admin'].email);
    const beta = (
      await betaAdmin.request('GET', '/api/admin/statistics?from=2026-01-10&to=2026-01-12')
    ).json() as UsageStatistics;
    expect(beta.features.flatMap((f) => f.events.map((e) => e.total))).toEqual(
      beta.features.flatMap((f) => f.events.map(() => null)),
    );
    expect(await t.appSql(t.beta, `SELECT * FROM usage_count WHERE tenant_id = $1`, [t.alpha.id])).toEqual([]);
    await expect(
      t.appSql(
        t.beta,
        `INSERT INTO usage_count (tenant_id, day, feature, event) VALUES ($1, current_date, 'sign-in', 'password')`,
        [t.alpha.id],
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
