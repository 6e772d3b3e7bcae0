import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@mijn-account/api-core';
import { APP_ROLE, createDataSource, withTenant } from '@mijn-account/api-database';
import { ENTITIES, createApp } from '@mijn-account/api-shell';
import { type FixtureTenant, seedTwoTenants } from './fixtures';
import { PortalClient } from './http-client';
import { TestMailbox } from './mailbox';
import { startPgBouncer } from './pgbouncer';
import { type TestDatabase, createTestDatabase } from './test-database';

/**
 * The composed application, for suites that need a second instance on the same database or the
 * whole entity list (a library's suite may not import the shell itself: ADR 0011).
 */
export { ENTITIES, createApp };

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  owner: DataSource;
  alpha: FixtureTenant;
  beta: FixtureTenant;
  /** Every mail the app delivered, over SMTP. */
  mail: TestMailbox;
  /** Whether the app (and a suite's own data source on `db.appUrl`) may use named prepared statements. */
  preparedStatements: boolean;
  client(tenant: FixtureTenant): PortalClient;
  /** Runs SQL as the owner role inside one tenant (row-level security applies to the owner too). */
  sql<T = Record<string, unknown>>(tenant: FixtureTenant, text: string, params?: unknown[]): Promise<T[]>;
  /** Runs SQL as the runtime role (what the API connects as) inside one tenant's transaction. */
  appSql<T = Record<string, unknown>>(tenant: FixtureTenant, text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Where the runtime role's connections of the next test apps go, and what the app needs for that. */
let route: { url: (url: string) => string; env: Record<string, string> } | null = null;

/**
 * Starts a PgBouncer in transaction mode in front of the run's PostgreSQL and routes the runtime
 * role's connections of every later `startTestApp` through it (the app's pool, pg-boss, `db.appUrl`),
 * with named prepared statements off (PgBouncer 1.18 here; ADR 0008). Returns what undoes it.
 * A suite runs another suite's tests this way by requiring it inside a `describe` (`*-pgbouncer.int-spec.ts`).
 */
export async function routeTestAppsThroughPgBouncer(
  options: { preparedStatements?: boolean } = {},
): Promise<() => Promise<void>> {
  const adminUrl = process.env['INT_PG_ADMIN_URL'];
  const password = process.env['INT_PG_APP_PASSWORD'];
  if (!adminUrl || !password) throw new Error('run integration tests with jest.int.config.cts');
  const bouncer = await startPgBouncer(adminUrl, { [APP_ROLE]: password });
  route = {
    url: (url) => bouncer.url(url),
    env: { DB_PREPARED_STATEMENTS: String(options.preparedStatements ?? false) },
  };
  return async () => {
    route = null;
    await bouncer.stop();
  };
}

/**
 * For integration tests: the whole API on a fresh database with two seeded tenants. `appUrl` may
 * route the API's own connections elsewhere (a fault-injecting proxy in front of the same server).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    appUrl?: (url: string) => Promise<string>;
    /** Where the app's log lines go (JSON), instead of standard output; set LOG_LEVEL in `env` too. */
    logStream?: DestinationStream;
    /** A database elsewhere (a server of the test's own, `PrivateServer`) instead of one of the run's. */
    database?: TestDatabase;
  } = {},
): Promise<TestApp> {
  const created = options.database ?? (await createTestDatabase());
  const db = route ? { ...created, appUrl: route.url(created.appUrl) } : created;
  const owner = await createDataSource({ url: db.ownerUrl, poolSize: 2, entities: ENTITIES }).initialize();
  const { alpha, beta } = await seedTwoTenants(owner);
  const mail = await TestMailbox.start();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    WEB_DIST: '/nonexistent',
    SMTP_URL: mail.url,
    MAIL_POLL_SECONDS: '0.5',
    ...route?.env,
    ...env,
  });
  const app = await createApp(config, options.appUrl ? await options.appUrl(db.appUrl) : db.appUrl, {
    logStream: options.logStream,
  });
  return {
    app,
    db,
    owner,
    alpha,
    beta,
    mail,
    preparedStatements: config.dbPreparedStatements,
    client: (tenant) => new PortalClient(app, tenant.host),
    sql: (tenant, text, params = []) => withTenant(owner, tenant.id, (m) => m.query(text, params)),
    appSql: async (tenant, text, params = []) => {
      const client = new Client({ connectionString: db.appUrl });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
        const result = await client.query(text, params);
        await client.query('COMMIT');
        return result.rows;
      } finally {
        await client.end();
      }
    },
    close: async () => {
      await app.close();
      await mail.close();
      await owner.destroy();
      await db.drop();
    },
  };
}
