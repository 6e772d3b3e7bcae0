import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
// Jest loads global setup outside its module resolver, so the path aliases do not apply here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  APP_ROLE,
  OWNER_ROLE,
  connectionUrl,
  provisionDatabase,
  runMigrations,
  startEmbeddedPostgres,
} from '../../database/src/index';

/** Template database every suite copies: migrated once per run. */
const TEMPLATE = 'portal_template';

declare global {
  var __EMBEDDED_PG_STOP__: (() => Promise<void>) | undefined;
}

/**
 * One PostgreSQL per test run: the embedded one, or the server at TEST_ADMIN_DATABASE_URL (a role
 * that may create roles and databases). Roles are provisioned, a template database migrated, and
 * each suite then gets a fresh copy of it (see test-database.ts).
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env['TEST_ADMIN_DATABASE_URL'] ?? '';
  let dir: string | null = null;
  if (!adminUrl) {
    dir = mkdtempSync(join(tmpdir(), 'mijn-account-int-'));
    // When run as root, PostgreSQL runs as the `postgres` system user, which must reach the folder.
    chmodSync(dir, 0o755);
    const port = 55000 + Math.floor(Math.random() * 4000);
    const embedded = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port, database: TEMPLATE });
    adminUrl = embedded.adminUrl;
    globalThis.__EMBEDDED_PG_STOP__ = async () => {
      await embedded.stop();
      rmSync(dir as string, { recursive: true, force: true });
    };
  }
  const passwords = { owner: 'int-owner-pw', app: 'int-app-pw' };
  await provisionDatabase(adminUrl, {
    database: TEMPLATE,
    ownerRole: OWNER_ROLE,
    ownerPassword: passwords.owner,
    appRole: APP_ROLE,
    appPassword: passwords.app,
  });
  const admin = new URL(adminUrl);
  const url = (role: string, password: string) =>
    connectionUrl(role, password, admin.hostname, Number(admin.port || 5432), TEMPLATE);
  await runMigrations(url(OWNER_ROLE, passwords.owner));
  // No open connections may remain on a template database.
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [TEMPLATE],
  );
  await client.end();
  process.env['INT_PG_ADMIN_URL'] = adminUrl;
  process.env['INT_PG_TEMPLATE'] = TEMPLATE;
  process.env['INT_PG_OWNER_PASSWORD'] = passwords.owner;
  process.env['INT_PG_APP_PASSWORD'] = passwords.app;
}
