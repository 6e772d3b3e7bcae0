import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@mijn-account/api-core';
import { createDataSource, withTenant } from '@mijn-account/api-database';
import { ENTITIES, createApp } from '@mijn-account/api-shell';
import { type FixtureTenant, seedTwoTenants } from './fixtures';
import { PortalClient } from './http-client';
import { TestMailbox } from './mailbox';
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
  client(tenant: FixtureTenant): PortalClient;
  /** Runs SQL as the owner role inside one tenant (row-level security applies to the owner too). */
  sql<T = Record<string, unknown>>(tenant: FixtureTenant, text: string, params?: unknown[]): Promise<T[]>;
  /** Runs SQL as the runtime role (what the API connects as) inside one tenant's transaction. */
  appSql<T = Record<string, unknown>>(tenant: FixtureTenant, text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * For integration tests: the whole API on a fresh database with two seeded tenants. `appUrl` may
 * route the API's own connections elsewhere (a fault-injecting proxy in front of the same server).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { appUrl?: (url: string) => Promise<string> } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const owner = await createDataSource({ url: db.ownerUrl, poolSize: 2, entities: ENTITIES }).initialize();
  const { alpha, beta } = await seedTwoTenants(owner);
  const mail = await TestMailbox.start();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    WEB_DIST: '/nonexistent',
    SMTP_URL: mail.url,
    MAIL_POLL_SECONDS: '0.5',
    ...env,
  });
  const app = await createApp(config, options.appUrl ? await options.appUrl(db.appUrl) : db.appUrl);
  return {
    app,
    db,
    owner,
    alpha,
    beta,
    mail,
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
