// What the billing-run and privacy-export benchmarks share: a built portal of their own (seeded demo
// data in a fresh embedded PostgreSQL under `dir`, PostgreSQL on port + 51000), HTTP calls with the
// tenant's Host header, a signed-in session, a connection as the owner role with tenant transactions,
// and the median (range) figures they print.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** The password of every demo user (and of the users the benches add with the demo's hash). */
export const PASSWORD = 'MijnAccount-demo-2026';

/**
 * A request to the portal on `port`. fetch() will not send a Host header of our choosing; node:http
 * does (Node cannot resolve *.localhost). The body comes back as a Buffer (JSON.parse takes it).
 */
export function call(port, method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const parts = [];
      res.on('data', (chunk) => parts.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, cookies: res.headers['set-cookie'] ?? [], body: Buffer.concat(parts) }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function cookieValue(cookies, name) {
  for (const c of cookies) if (c.startsWith(`${name}=`)) return c.slice(name.length + 1).split(';')[0];
  throw new Error(`no ${name} cookie`);
}

/** One PostgreSQL transaction as the owner role, with the tenant set for row-level security. */
export async function inTenant(client, tenantId, work) {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * Signs `email` in with the demo password on `host` and answers the headers of its session (cookie,
 * XSRF token, Origin) for further calls, and the session's cookie value.
 */
export async function signIn(port, host, email) {
  const first = await call(port, 'GET', '/api/tenant', { host });
  const xsrf = cookieValue(first.cookies, 'XSRF-TOKEN');
  const response = await call(
    port,
    'POST',
    '/api/session',
    {
      host,
      origin: `http://${host}`,
      'content-type': 'application/json',
      'x-xsrf-token': xsrf,
      cookie: `XSRF-TOKEN=${xsrf}`,
    },
    JSON.stringify({ email, password: PASSWORD }),
  );
  if (response.status !== 200) throw new Error(`sign-in of ${email} on ${host}: ${response.status} ${response.body}`);
  const after = cookieValue(response.cookies, 'XSRF-TOKEN');
  return {
    host,
    origin: `http://${host}`,
    cookie: `ma_sid=${cookieValue(response.cookies, 'ma_sid')}; XSRF-TOKEN=${after}`,
    'x-xsrf-token': after,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `median (min–max)` of the rounds' values. */
export const fmt = (values, digits = 1) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

/** The machine, for the first line of a benchmark's output. */
export const machine = () =>
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB`;

/**
 * Seeds the demo into a fresh embedded PostgreSQL under `dir` (outside production, as portal.bench.mjs
 * does), starts the built portal on `port` in production mode with `env` added, waits until it answers,
 * and connects as the owner role. Answers the portal process, the client, the demo tenant's id, the
 * demo password's hash (to give bench users) and `stop()`. With `statementStats`, the server loads
 * pg_stat_statements (written into the seeded cluster's postgresql.conf before the portal starts it):
 * `topStatements()` then reports where PostgreSQL's time went.
 */
export async function startPortal({ dir, port, env = {}, worker = false, statementStats = false }) {
  rmSync(dir, { recursive: true, force: true });
  const shared = {
    EMBEDDED_PG_DIR: `${dir}/postgres`,
    EMBEDDED_PG_PORT: String(port + 51_000),
    DATA_KEY: randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
  };
  execFileSync('node', ['dist/apps/api/cli.js', 'seed-demo'], {
    env: { ...process.env, ...shared, NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (statementStats) loadStatementStats(`${dir}/postgres`);
  const processEnv = {
    ...process.env,
    ...shared,
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    COOKIE_SECURE: 'false',
    SEED_DEMO: 'false',
    SMTP_URL: 'smtp://127.0.0.1:9',
    LOG_LEVEL: 'warn',
    ...env,
  };
  const spawnPortal = (extra) =>
    spawn('node', ['dist/apps/api/main.js'], {
      env: { ...processEnv, ...extra },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  // With `worker`, the portal is a web process (it starts the embedded PostgreSQL) and the jobs run
  // in a worker process of their own on that database, as docker/ deploys it.
  const portal = spawnPortal({ PORT: String(port), ...(worker ? { PROCESS_ROLE: 'web' } : {}) });
  let workerProcess = null;
  const children = () => [portal, workerProcess].filter(Boolean);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGPIPE'])
    process.on(signal, () => {
      for (const child of children()) child.kill('SIGTERM');
      process.exit(1);
    });
  let client;
  let stop = async () => {
    await client?.end();
    // The worker first: the web process owns the embedded PostgreSQL.
    for (const child of children().reverse()) {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    }
  };
  try {
    await waitForPortal(port);
    const credentials = JSON.parse(readFileSync(`${dir}/postgres.credentials.json`, 'utf8'));
    const url = (role, password) =>
      `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port + 51_000}/portal`;
    if (worker) {
      workerProcess = spawnPortal({
        PROCESS_ROLE: 'worker',
        PORT: String(port + 1),
        DATABASE_URL: url('portal_app', credentials.app),
        MIGRATION_DATABASE_URL: url('portal_owner', credentials.owner),
      });
      await waitForPortal(port + 1);
    }
    client = new pg.Client({ connectionString: url('portal_owner', credentials.owner) });
    await client.connect();
    const [demo] = (await client.query(`SELECT id FROM tenant WHERE slug = 'callmonkey'`)).rows;
    const [{ password_hash: passwordHash }] = (
      await inTenant(client, demo.id, () =>
        client.query(`SELECT password_hash FROM app_user WHERE email = 'finance@callmonkey.example'`),
      )
    ).rows;
    const statements = statementStats ? await statementStatsOf(url('postgres', credentials.admin)) : null;
    if (statements) {
      const close = stop;
      stop = async () => {
        await statements.end();
        await close();
      };
    }
    return {
      portal,
      worker: workerProcess,
      client,
      demoTenantId: demo.id,
      passwordHash,
      stop,
      resetStatements: () => statements?.reset(),
      topStatements: (limit = 12) => statements.top(limit),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Makes the seeded (stopped) embedded cluster in `pgDir` load pg_stat_statements when it next starts,
 * nested statements (triggers, foreign-key checks) counted apart.
 */
export function loadStatementStats(pgDir) {
  appendFileSync(
    `${pgDir}/postgresql.conf`,
    "\nshared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = 'all'\ntrack_activity_query_size = 8192\n",
  );
}

/**
 * pg_stat_statements of the running cluster, through its superuser (`adminUrl`): `reset()`, and
 * `top(limit)` — the statements PostgreSQL spent most time on since the reset, every database and
 * role: total ms, calls, µs per call, WAL bytes, shared blocks touched, the start of the text.
 */
export async function statementStatsOf(adminUrl) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return {
    reset: () => admin.query('SELECT pg_stat_statements_reset()'),
    top: async (limit) =>
      (
        await admin.query(
          `SELECT round(total_exec_time)::int AS ms, calls, rows, round(total_exec_time / calls * 1000)::int AS us_per_call,
                  wal_bytes::bigint AS wal_bytes, pg_size_pretty(wal_bytes) AS wal,
                  shared_blks_hit + shared_blks_read + shared_blks_dirtied AS blocks,
                  regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS query
             FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT $1`,
          [limit],
        )
      ).rows,
    admin,
    end: () => admin.end(),
  };
}

async function waitForPortal(port) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await call(port, 'GET', '/api/health')).status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error(`the portal did not come up on port ${port}`);
}
