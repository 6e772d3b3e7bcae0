import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { APP_ROLE, OWNER_ROLE, connectionUrl } from '@mijn-account/api-database';

export interface TestDatabase {
  name: string;
  appUrl: string;
  ownerUrl: string;
  adminUrl: string;
  drop(): Promise<void>;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests with jest.int.config.cts`);
  return value;
}

/** A fresh, migrated database for one suite: a copy of the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = env('INT_PG_ADMIN_URL');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${env('INT_PG_TEMPLATE')} OWNER ${OWNER_ROLE}`);
  await admin.end();
  const host = new URL(adminUrl);
  const url = (role: string, password: string) =>
    connectionUrl(role, password, host.hostname, Number(host.port || 5432), name);
  return {
    name,
    appUrl: url(APP_ROLE, env('INT_PG_APP_PASSWORD')),
    ownerUrl: url(OWNER_ROLE, env('INT_PG_OWNER_PASSWORD')),
    adminUrl: adminUrl.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
