import { Client, type ClientBase } from 'pg';
import { type TestDatabase, createTestDatabase } from '@mijn-account/api-testing';

/**
 * The rules that let the schema move to Citus with `tenant_id` as the distribution column
 * (docs/scale.md): read from the migrated schema in pg_catalog, so a migration that breaks one fails
 * here. Citus needs every primary key, unique constraint and unique index of a distributed table to
 * contain the distribution column (we ask more: lead with it, which also makes it the index's first
 * column for the tenant filter), and a foreign key between two distributed tables to pair
 * tenant_id with tenant_id. A distributed table may point at a reference table (copied to every
 * node) without it; a reference table may never point at a distributed one.
 */

/** Tables copied whole to every node (Citus reference tables), each with the reason. */
const REFERENCE_TABLES: Record<string, string> = {
  tenant: 'the tenants themselves: every tenant table points at it; one row per tenant, read on every request',
  tenant_host:
    'host name → tenant: read before any tenant is known (the request pipeline resolves the tenant from it), so its key is the host, not tenant_id',
};

/** Tables that stay on the coordinator only, outside distribution, each with the reason. */
const LOCAL_TABLES: Record<string, string> = {
  schema_migration: 'TypeORM migration ledger: one per database, never read by a request',
};

/**
 * Global sequences a distributed table draws from: Citus can keep them (on the coordinator, or
 * per-node ranges for bigint identity columns), but their numbers are then unique across tenants,
 * not gapless per tenant. Listed so a new one is a decision, each with what it means.
 */
const GLOBAL_SEQUENCES: Record<string, string> = {
  'audit_event.entry_no':
    'seal order of access-log events: the sealer reads past a watermark by it, so it must keep rising within a tenant; under Citus take it from the coordinator (every insert routed there) or a per-tenant counter — docs/scale.md',
  'consent_record.id': 'row id of an append-only consent record; ordered by time, the id only breaks ties',
  'sign_in_event.id': 'row id of a sign-in event; no meaning beyond uniqueness',
  'change_history.id': 'row id of an append-only change-history entry; ordered by time, the id only breaks ties',
};

interface Violation {
  table: string;
  name: string;
  rule: string;
}

const TENANT_TABLES_SQL = `
  SELECT c.oid, c.relname AS table
    FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
     AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
     AND c.relname <> ALL ($1::text[])`;

/** Every key and foreign key that breaks the rules above, read in `client`'s own transaction. */
async function citusViolations(client: ClientBase): Promise<Violation[]> {
  const reference = Object.keys(REFERENCE_TABLES);
  const { rows: keys } = await client.query<Violation>(
    `WITH distributed AS (${TENANT_TABLES_SQL})
     SELECT d.table, i.indexrelid::regclass::text AS name,
            CASE WHEN i.indisprimary THEN 'primary key' ELSE 'unique index' END || ' does not lead with tenant_id' AS rule
       FROM distributed d JOIN pg_index i ON i.indrelid = d.oid
       JOIN pg_attribute a ON a.attrelid = d.oid AND a.attnum = i.indkey[0]
      WHERE i.indisunique AND (i.indkey[0] = 0 OR a.attname <> 'tenant_id')
     UNION ALL
     SELECT d.table, c.conname, 'exclusion constraint does not lead with tenant_id'
       FROM distributed d JOIN pg_constraint c ON c.conrelid = d.oid AND c.contype = 'x'
       JOIN pg_attribute a ON a.attrelid = d.oid AND a.attnum = c.conkey[1]
      WHERE a.attname <> 'tenant_id'
     UNION ALL
     SELECT d.table, d.table, 'tenant table without a primary key'
       FROM distributed d WHERE NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = d.oid AND i.indisprimary)
     ORDER BY 1, 2`,
    [reference],
  );
  // A foreign key is fine when it points at a reference table, or pairs tenant_id with tenant_id
  // as its first column on both sides. Anything else points across distributed tables without it.
  const { rows: foreign } = await client.query<Violation>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name,
            CASE WHEN src.relname = ANY ($1::text[]) OR NOT EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.conrelid AND t.attname = 'tenant_id' AND NOT t.attisdropped)
                 THEN 'reference table points at a distributed table'
                 ELSE 'foreign key to ' || c.confrelid::regclass::text || ' does not pair tenant_id with tenant_id first' END AS rule
       FROM pg_constraint c
       JOIN pg_class src ON src.oid = c.conrelid
       JOIN pg_class dst ON dst.oid = c.confrelid
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND dst.relname <> ALL ($1::text[])
        AND (src.relname = ANY ($1::text[]) OR a.attname <> 'tenant_id' OR b.attname <> 'tenant_id')
      ORDER BY 1, 2`,
    [reference],
  );
  return [...keys, ...foreign];
}

describe('Citus rules (tenant_id as the distribution column)', () => {
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

  it('classifies every table: distributed by tenant_id, or a reference or local table named with its reason', async () => {
    const { rows } = await admin.query<{ table: string; tenant: boolean }>(`
      SELECT c.relname AS table,
             EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS tenant
        FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`);
    const listed = { ...REFERENCE_TABLES, ...LOCAL_TABLES };
    // A table without tenant_id must be listed (a new global table is a decision); a listed table must exist.
    expect(rows.filter((r) => !r.tenant && !(r.table in listed)).map((r) => r.table)).toEqual([]);
    expect(Object.keys(listed).filter((name) => !rows.some((r) => r.table === name))).toEqual([]);
    expect(rows.filter((r) => r.tenant && !(r.table in listed)).length).toBeGreaterThan(40);
  });

  it('leads every key of a distributed table with tenant_id and pairs it in every foreign key', async () => {
    expect(await citusViolations(admin)).toEqual([]);
  });

  it('names every global sequence a distributed table draws from', async () => {
    const { rows } = await admin.query<{ column: string }>(
      `SELECT c.relname || '.' || a.attname AS column
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND NOT a.attisdropped AND a.attnum > 0
          AND (a.attidentity <> '' OR pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL)
          AND c.relname <> ALL ($1::text[])
        ORDER BY 1`,
      [[...Object.keys(REFERENCE_TABLES), ...Object.keys(LOCAL_TABLES)]],
    );
    expect(rows.map((r) => r.column).sort()).toEqual(Object.keys(GLOBAL_SEQUENCES).sort());
  });

  it('catches a unique index, a foreign key and a reference-to-tenant key that break the rules', async () => {
    await admin.query('BEGIN');
    try {
      await admin.query(`CREATE UNIQUE INDEX citus_bad_email ON app_user (email) WHERE email IS NOT NULL`);
      await admin.query(`CREATE TABLE citus_bad_child (tenant_id uuid NOT NULL, account_id uuid NOT NULL,
                           PRIMARY KEY (tenant_id, account_id))`);
      await admin.query(`CREATE UNIQUE INDEX citus_bad_account ON subscriber_account (id)`);
      await admin.query(`ALTER TABLE citus_bad_child ADD CONSTRAINT citus_bad_fk
                           FOREIGN KEY (account_id) REFERENCES subscriber_account (id)`);
      await admin.query(`ALTER TABLE tenant ADD COLUMN citus_bad_account uuid,
                           ADD COLUMN citus_bad_tenant uuid,
                           ADD CONSTRAINT citus_bad_ref FOREIGN KEY (citus_bad_tenant, citus_bad_account)
                               REFERENCES subscriber_account (tenant_id, id)`);
      const found = await citusViolations(admin);
      expect(found).toEqual(
        expect.arrayContaining([
          { table: 'app_user', name: 'citus_bad_email', rule: 'unique index does not lead with tenant_id' },
          { table: 'subscriber_account', name: 'citus_bad_account', rule: 'unique index does not lead with tenant_id' },
          {
            table: 'citus_bad_child',
            name: 'citus_bad_fk',
            rule: 'foreign key to subscriber_account does not pair tenant_id with tenant_id first',
          },
          { table: 'tenant', name: 'citus_bad_ref', rule: 'reference table points at a distributed table' },
        ]),
      );
      expect(found).toHaveLength(4);
    } finally {
      await admin.query('ROLLBACK');
    }
  });
});
