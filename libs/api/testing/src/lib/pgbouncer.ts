import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port';

/** Where Debian puts it; `.ci/run` installs the package when it is missing. */
const PGBOUNCER = '/usr/sbin/pgbouncer';

export interface PgBouncer {
  /** The same role, password and database as `serverUrl`, through PgBouncer. */
  url(serverUrl: string): string;
  /** What PgBouncer wrote to its log (for a failing test's message). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * A PgBouncer in transaction mode on loopback in front of the PostgreSQL at `serverUrl`, for tests:
 * every database name is passed through (`*`), each transaction may get another server connection
 * (as in production), and the given users may sign in with their passwords (SCRAM, passwords in
 * its auth file). Its ini, auth file and log live in a temporary folder removed on `stop()`.
 */
export async function startPgBouncer(
  serverUrl: string,
  users: Record<string, string>,
  options: { poolSize?: number } = {},
): Promise<PgBouncer> {
  const server = new URL(serverUrl);
  const dir = mkdtempSync(join(tmpdir(), 'mijn-account-pgbouncer-'));
  const port = await freePort();
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  writeFileSync(
    join(dir, 'users.txt'),
    Object.entries(users)
      .map(([user, password]) => `${quote(user)} ${quote(password)}\n`)
      .join(''),
  );
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      // At least the app's DB_POOL_SIZE (10), as docs/operations.md asks of a deployment.
      `default_pool_size = ${options.poolSize ?? 12}`,
      'max_client_conn = 200',
      // node-postgres sends these at start-up; PgBouncer forwards application_name itself.
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root: then it runs as `postgres` (as the embedded server does).
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
    for (const file of ['users.txt', 'pgbouncer.ini']) chownSync(join(dir, file), uid, gid);
  }
  chmodSync(join(dir, 'users.txt'), 0o600);
  const child: ChildProcess = spawn(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const log = () => {
    try {
      return readFileSync(join(dir, 'pgbouncer.log'), 'utf8') + stderr;
    } catch {
      return stderr;
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let waited = 0; !(await accepts(port)); waited += 50) {
    if (child.exitCode !== null || waited > 10_000) {
      const words = log();
      await stop();
      throw new Error(`PgBouncer did not start on 127.0.0.1:${port}: ${words}`);
    }
    await sleep(50);
  }
  return {
    url: (serverUrlOfRole) => {
      const url = new URL(serverUrlOfRole);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    log,
    stop,
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}
