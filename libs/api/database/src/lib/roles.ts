import { Client } from 'pg';

export interface RoleSetup {
  database: string;
  ownerRole: string;
  ownerPassword: string;
  appRole: string;
  appPassword: string;
}

/** Group role that every migration grants to; the runtime login role is its member. */
export const RUNTIME_GROUP_ROLE = 'portal_runtime';

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Creates (or updates) the two login roles and the database, as a superuser or a role with
 * CREATEROLE and CREATEDB. Idempotent. The owner role owns the database and runs migrations; the
 * runtime role owns nothing, cannot bypass row-level security and gets its grants via the group role.
 * docker/postgres/init.sql does the same for the compose file.
 */
export async function provisionDatabase(adminUrl: string, setup: RoleSetup): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const owner = ident(setup.ownerRole);
    const app = ident(setup.appRole);
    const group = ident(RUNTIME_GROUP_ROLE);
    await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(RUNTIME_GROUP_ROLE)}) THEN CREATE ROLE ${group} NOLOGIN; END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(setup.ownerRole)}) THEN CREATE ROLE ${owner} LOGIN; END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(setup.appRole)}) THEN CREATE ROLE ${app} LOGIN; END IF;
    END $$`);
    await admin.query(`ALTER ROLE ${owner} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ${literal(setup.ownerPassword)}`);
    await admin.query(
      `ALTER ROLE ${app} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${literal(setup.appPassword)}`,
    );
    await admin.query(`GRANT ${group} TO ${app}`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [setup.database]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${ident(setup.database)} OWNER ${owner}`);
    }
  } finally {
    await admin.end();
  }
}

export function connectionUrl(role: string, password: string, host: string, port: number, database: string) {
  return `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@${host}:${port}/${database}`;
}
