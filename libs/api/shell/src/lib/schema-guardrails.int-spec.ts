import { Client } from 'pg';
import { type TestDatabase, createTestDatabase } from '@mijn-account/api-testing';

/**
 * What the entities cannot say and the schema-drift check therefore cannot see: row-level security
 * policies, the runtime role's grants and the triggers. Rules are asserted; the full lists are
 * snapshots, so a migration that changes one shows the change in review (`-u` to accept it).
 * Behaviour is tested where it matters: tenant isolation in `tenancy.int-spec.ts`, append-only
 * tables in the audit, newsletters and account-details suites.
 */
describe('schema guardrails (policies, grants, triggers)', () => {
  let db: TestDatabase;
  let admin: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new Client({ connectionString: db.adminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await db.drop();
  });

  it('isolates every tenant table with a tenant_isolation policy on app_current_tenant()', async () => {
    const { rows } = await admin.query<{ table: string; using: string | null; check: string | null }>(`
      SELECT c.relname AS table, p.qual AS using, p.with_check AS check
        FROM pg_class c
        LEFT JOIN pg_policies p ON p.schemaname = 'public' AND p.tablename = c.relname AND p.policyname = 'tenant_isolation'
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
       ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(row).toEqual({
        table: row.table,
        using: '(tenant_id = app_current_tenant())',
        check: '(tenant_id = app_current_tenant())',
      });
    }
  });

  it('keeps the policies as the migrations define them', async () => {
    const { rows } = await admin.query(`
      SELECT tablename, policyname, cmd, permissive, roles::text AS roles, qual, with_check
        FROM pg_policies WHERE schemaname = 'public' ORDER BY tablename, policyname`);
    expect(rows).toMatchSnapshot();
  });

  it('grants the runtime role exactly what the migrations grant it', async () => {
    const { rows: tables } = await admin.query(`
      SELECT table_name, string_agg(privilege_type, ', ' ORDER BY privilege_type) AS privileges
        FROM information_schema.role_table_grants
       WHERE grantee = 'portal_runtime' AND table_schema = 'public'
       GROUP BY table_name ORDER BY table_name`);
    const { rows: columns } = await admin.query(`
      SELECT c.table_name, c.column_name, c.privilege_type
        FROM information_schema.column_privileges c
       WHERE c.grantee = 'portal_runtime' AND c.table_schema = 'public'
         AND NOT EXISTS (SELECT 1 FROM information_schema.role_table_grants t
                          WHERE t.grantee = c.grantee AND t.table_schema = c.table_schema
                            AND t.table_name = c.table_name AND t.privilege_type = c.privilege_type)
       ORDER BY 1, 2, 3`);
    const { rows: other } = await admin.query(`
      SELECT 'sequence' AS kind, c.relname AS name, has_sequence_privilege('portal_runtime', c.oid, 'SELECT') AS "select",
             has_sequence_privilege('portal_runtime', c.oid, 'USAGE') AS usage
        FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' ORDER BY 2`);
    const { rows: functions } = await admin.query(`
      SELECT p.proname AS name FROM pg_proc p
       WHERE p.pronamespace = 'public'::regnamespace AND has_function_privilege('portal_runtime', p.oid, 'EXECUTE')
       ORDER BY 1`);
    expect({ tables, columns, sequences: other, functions }).toMatchSnapshot();
  });

  it('keeps the triggers (append-only tables and the rest) as the migrations define them', async () => {
    const { rows } = await admin.query(`
      SELECT c.relname AS table, t.tgname AS trigger, pg_get_triggerdef(t.oid) AS definition
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
       ORDER BY 1, 2`);
    expect(rows).toMatchSnapshot();
  });
});
