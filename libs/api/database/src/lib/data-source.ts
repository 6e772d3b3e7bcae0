import { Client } from 'pg';
import { DataSource, type DataSourceOptions as TypeOrmOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /**
   * Named prepared statements in tenant transactions (ADR 0008); default on. Off behind PgBouncer
   * before 1.21 in transaction mode, which may give each transaction another server connection.
   */
  preparedStatements?: boolean;
  /**
   * Longest a statement of a tenant transaction may run, lock waits included (`statement_timeout`,
   * set per transaction by `beginTenantTransaction`, so it holds behind PgBouncer too); 0: no limit.
   */
  statementTimeoutMs?: number;
  /** Longest `connect()` waits for a pooled connection (pg's `connectionTimeoutMillis`); 0: no limit. */
  connectTimeoutMs?: number;
  /**
   * The entities this data source maps. The entities live in their domains' libraries; the API
   * shell lists them all (`libs/api/shell/src/lib/entities.ts`). The migration data source needs none.
   */
  entities?: PostgresOptions['entities'];
}

/** PostgreSQL's TypeORM options. */
type PostgresOptions = Extract<TypeOrmOptions, { type: 'postgres' }>;

/**
 * The TypeORM options of every data source on PostgreSQL: the runtime one (`TypeOrmModule` in the
 * API shell), the owner one of the command line and the tests. Never synchronises: the schema
 * comes from migrations. Each pooled connection runs parameterised statements as named prepared
 * statements once a tenant transaction takes it (`beginTenantTransaction`, ADR 0008), unless
 * `preparedStatements` is false (PgBouncer before 1.21 in transaction mode).
 */
export function dataSourceOptions({
  url,
  poolSize = 10,
  applicationName = 'mijn-account',
  entities = [],
  preparedStatements = true,
  statementTimeoutMs = 0,
  connectTimeoutMs = 0,
}: DataSourceOptions): PostgresOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName,
    // `preparedStatements` and `statementTimeoutMs` are read back by `beginTenantTransaction`; pg
    // ignores keys it does not know.
    extra: { max: poolSize, preparedStatements, statementTimeoutMs, connectionTimeoutMillis: connectTimeoutMs },
  };
}

/** Whether this data source's tenant transactions use named prepared statements (`dataSourceOptions`). */
export function usesPreparedStatements(dataSource: DataSource): boolean {
  return extraOf(dataSource)?.preparedStatements !== false;
}

/** The `statement_timeout` of this data source's tenant transactions in ms (`dataSourceOptions`); 0: none. */
export function statementTimeoutOf(dataSource: DataSource): number {
  const ms = extraOf(dataSource)?.statementTimeoutMs;
  return typeof ms === 'number' && ms > 0 ? Math.round(ms) : 0;
}

function extraOf(dataSource: DataSource): { preparedStatements?: unknown; statementTimeoutMs?: unknown } | undefined {
  return (dataSource.options as { extra?: { preparedStatements?: unknown; statementTimeoutMs?: unknown } }).extra;
}

/** A TypeORM data source on PostgreSQL (command line, migrations, tests); the API's comes from `TypeOrmModule`. */
export function createDataSource(options: DataSourceOptions) {
  return new DataSource(dataSourceOptions(options));
}

/** Applies every pending migration as the owner role. */
export async function runMigrations(ownerUrl: string): Promise<string[]> {
  // Processes started together (two web, one worker) migrate one after the other: the first applies,
  // the others find nothing pending. The lock is a session's, on a connection of its own.
  const lock = new Client({ connectionString: ownerUrl, application_name: 'mijn-account-migrate-lock' });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtextextended('mijn-account-migrations', 0))`);
    const ds = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'mijn-account-migrate' });
    await ds.initialize();
    try {
      const applied = await ds.runMigrations();
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.end();
  }
}
