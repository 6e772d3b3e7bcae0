import { createDataSource } from '@mijn-account/api-database';
import { type TestDatabase, createTestDatabase } from '@mijn-account/api-testing';

/** What the migrations make, as text: tables and columns, functions, triggers, policies, indexes, grants to the runtime. */
const SCHEMA = `
  SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
         || ' ' || coalesce(column_default, '') AS item
    FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
  UNION ALL SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  UNION ALL SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT t.tgisinternal
  UNION ALL SELECT 'policy ' || schemaname || '.' || tablename || '.' || policyname || ' ' || coalesce(qual, '')
    FROM pg_policies
  UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
  UNION ALL SELECT 'grant ' || table_name || ' ' || privilege_type
    FROM information_schema.role_table_grants WHERE grantee = 'portal_runtime'
  ORDER BY 1`;

/**
 * Every migration can be undone: on a fresh database, TypeORM's `undoLastMigration` runs each
 * `down()` from the newest to the first, leaving no table; `runMigrations` then builds the schema
 * again, and it is the same as before (columns, functions, triggers, policies, indexes, grants).
 */
describe('migration downs', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('undoes every migration down to nothing, and migrating up again gives the same schema', async () => {
    const ds = await createDataSource({ url: db.ownerUrl, poolSize: 1 }).initialize();
    try {
      const before = (await ds.query(SCHEMA)) as { item: string }[];
      const applied = async () =>
        Number(((await ds.query(`SELECT count(*)::int AS n FROM schema_migration`)) as { n: number }[])[0].n);
      const total = await applied();
      expect(total).toBe(ds.migrations.length);
      for (let left = total; left > 0; left--) {
        await ds.undoLastMigration({ transaction: 'each' });
        expect(await applied()).toBe(left - 1);
      }
      const tables = (await ds.query(
        `SELECT schemaname || '.' || tablename AS name FROM pg_tables
          WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'schema_migration'`,
      )) as { name: string }[];
      expect(tables).toEqual([]);
      await ds.runMigrations({ transaction: 'each' });
      expect(await ds.query(SCHEMA)).toEqual(before);
    } finally {
      await ds.destroy();
    }
  });
});
