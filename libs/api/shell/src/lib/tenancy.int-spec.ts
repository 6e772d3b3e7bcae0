import { Client } from 'pg';
import { SubscriberAccount } from '@mijn-account/api-accounts';
import { User } from '@mijn-account/api-auth';
import { beginTenantTransaction, createDataSource, withTenant } from '@mijn-account/api-database';
import { NewsletterList } from '@mijn-account/api-newsletters';
import { type TestApp, startTestApp } from '@mijn-account/api-testing';
import { ENTITIES } from './entities';

describe('tenancy in the database', () => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await startTestApp();
    admin = new Client({ connectionString: t.db.adminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await t.close();
  });

  it('has row-level security enabled and forced on every table with a tenant_id column', async () => {
    const { rows } = await admin.query<{ table: string; enabled: boolean; forced: boolean }>(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
       ORDER BY 1`);
    expect(rows.map((r) => r.table)).toEqual(
      expect.arrayContaining(['app_user', 'subscriber_account', 'tenant_host', 'user_session']),
    );
    for (const row of rows) {
      expect({ table: row.table, enabled: row.enabled, forced: row.forced }).toEqual({
        table: row.table,
        enabled: true,
        forced: true,
      });
    }
  });

  it('leads every primary key, unique key and foreign key of a tenant table with tenant_id', async () => {
    const { rows } = await admin.query<{ table: string; constraint: string; first: string }>(`
      SELECT c.conrelid::regclass::text AS table, c.conname AS constraint, a.attname AS first
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype IN ('p', 'u', 'f') AND c.connamespace = 'public'::regnamespace
         AND c.conrelid::regclass::text <> 'tenant_host'
         AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.conrelid AND t.attname = 'tenant_id' AND NOT t.attisdropped)`);
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((r) => r.first !== 'tenant_id')).toEqual([]);
  });

  it('gives the runtime role no superuser, no BYPASSRLS and no tables of its own', async () => {
    const { rows } = await admin.query(`
      SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
             (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)::int AS owned
        FROM pg_roles r WHERE r.rolname = 'portal_app'`);
    expect(rows).toEqual([
      { rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false, owned: 0 },
    ]);
  });

  it('shows the runtime role only the current tenant, even to a query without a tenant filter', async () => {
    const ds = await createDataSource({
      url: t.db.appUrl,
      poolSize: 1,
      entities: ENTITIES,
      preparedStatements: t.preparedStatements,
    }).initialize();
    try {
      const alphaUsers = await withTenant(ds, t.alpha.id, (db) => db.query(`SELECT tenant_id, email FROM app_user`));
      expect(alphaUsers.length).toBe(8);
      expect(new Set(alphaUsers.map((u: { tenant_id: string }) => u.tenant_id))).toEqual(new Set([t.alpha.id]));
      // the address that exists in both tenants is found once, in the current tenant only
      const shared = await withTenant(ds, t.beta.id, (db) => db.find(User, { where: { email: 'shared@example.com' } }));
      expect(shared.map((u) => u.tenantId)).toEqual([t.beta.id]);
      // without a tenant, nothing at all
      expect(await ds.query(`SELECT count(*)::int AS n FROM app_user`)).toEqual([{ n: 0 }]);
    } finally {
      await ds.destroy();
    }
  });

  it('shows a repository used outside a tenant transaction no tenant rows, and lets it write none', async () => {
    const ds = await createDataSource({
      url: t.db.appUrl,
      poolSize: 1,
      entities: ENTITIES,
      preparedStatements: t.preparedStatements,
    }).initialize();
    try {
      // the same repositories see the tenant's rows on the tenant transaction (ctx.db()) ...
      const inside = await withTenant(ds, t.alpha.id, (db) => db.getRepository(User).count());
      expect(inside).toBe(8);
      // ... and nothing at all on the bare data source, however they ask
      expect(await ds.getRepository(User).find()).toEqual([]);
      expect(await ds.getRepository(User).countBy({ tenantId: t.alpha.id })).toBe(0);
      expect(await ds.getRepository(SubscriberAccount).findOneBy({ id: t.alpha.accounts[0].id })).toBeNull();
      expect(await ds.getRepository(NewsletterList).createQueryBuilder('l').getCount()).toBe(0);
      await expect(
        ds.getRepository(SubscriberAccount).insert({ tenantId: t.alpha.id, customerNumber: 'X-2', name: 'x' }),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await ds.destroy();
    }
  });

  it('refuses writes of another tenant’s rows by the runtime role', async () => {
    const ds = await createDataSource({
      url: t.db.appUrl,
      poolSize: 1,
      preparedStatements: t.preparedStatements,
    }).initialize();
    try {
      await expect(
        withTenant(ds, t.alpha.id, (db) =>
          db.query(`UPDATE app_user SET display_name = 'hacked' WHERE tenant_id = $1 RETURNING id`, [t.beta.id]),
        ),
      ).resolves.toEqual([[], 0]);
      await expect(
        withTenant(ds, t.alpha.id, (db) =>
          db.query(`INSERT INTO subscriber_account (tenant_id, customer_number, name) VALUES ($1, 'X-1', 'x')`, [
            t.beta.id,
          ]),
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        ds.query(
          `INSERT INTO tenant (slug, display_name, default_language, currency, brand_color) VALUES ('evil', 'E', 'en', 'EUR', '#000000')`,
        ),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await ds.destroy();
    }
  });

  it('refuses to open a tenant transaction without a tenant', async () => {
    await expect(beginTenantTransaction(t.owner, '')).rejects.toThrow(/no valid tenant/);
  });
});
