import { createDataSource } from '@mijn-account/api-database';
import { type TestDatabase, createTestDatabase } from '@mijn-account/api-testing';
import { ENTITIES } from './entities';

/**
 * Entities and migrations may never disagree: against a freshly migrated database, TypeORM's
 * schema builder (what `schema:log` and `migration:generate --check` run) finds nothing to change
 * for the entity of every table. What TypeORM does not model (row-level security, policies,
 * triggers, grants, domains' checks) is checked by the guardrail tests named in the migrations README.
 */
describe('schema drift', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('finds nothing to change between the entities and the migrated schema', async () => {
    const ds = await createDataSource({ url: db.ownerUrl, poolSize: 1, entities: ENTITIES }).initialize();
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('maps every table of the public schema', async () => {
    const ds = await createDataSource({ url: db.ownerUrl, poolSize: 1, entities: ENTITIES }).initialize();
    try {
      const tables = (await ds.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration' ORDER BY 1`,
      )) as { tablename: string }[];
      const mapped = ds.entityMetadatas.map((m) => m.tableName).sort();
      expect(mapped).toEqual(tables.map((t) => t.tablename));
    } finally {
      await ds.destroy();
    }
  });
});
