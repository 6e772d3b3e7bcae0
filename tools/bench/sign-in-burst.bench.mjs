// Benchmark of a sign-in burst (issue 19 §1): while 40 people sign in at once (argon2 each), how long
// does a signed-in person wait for GET /api/me? Through the real path — the built portal on the
// embedded PostgreSQL, demo data — a reader signed in beforehand asks GET /api/me one request after
// the other during each burst; its p50/p99 are reported per round, and the median over the rounds.
// A baseline round without a burst is measured first. The integration test
// (libs/api/auth/src/lib/sign-in-burst.int-spec.ts) proves no connection is held while hashing;
// this script measures what that buys.
//
//   npx nx build api && node tools/bench/sign-in-burst.bench.mjs
//   BENCH_ROUNDS=3 BENCH_BURST=20 …      (a quick look)
//   BENCH_PORT=3330 …                    (portal port; PostgreSQL on BENCH_PORT + 51000)
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BURST = Number(process.env.BENCH_BURST ?? 40);
const PORT = Number(process.env.BENCH_PORT ?? 3330);
const PG_PORT = PORT + 51_000;
const DIR = 'tmp/bench-sign-in';
const PASSWORD = 'MijnAccount-demo-2026';
const HOST = `callmonkey.localhost:${PORT}`;
/** Demo people without two-factor: each sign-in is one argon2 check and a new session. */
const PEOPLE = [
  'eva@bakkerijdevries.example',
  'joris@bakkerijdevries.example',
  'pieter@jansen-installatie.example',
  'sanne@jansen-installatie.example',
];

function call(method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: PORT, method, path, headers: { host: HOST, ...headers }, agent: false },
      (res) => {
        const parts = [];
        res.on('data', (chunk) => parts.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode, cookies: res.headers['set-cookie'] ?? [], body: Buffer.concat(parts) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function cookieValue(cookies, name) {
  for (const c of cookies) if (c.startsWith(`${name}=`)) return c.slice(name.length + 1).split(';')[0];
  throw new Error(`no ${name} cookie`);
}

async function waitForPortal() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await call('GET', '/api/health')).status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error(`the portal did not come up on port ${PORT}`);
}

/** Signs in; answers the headers of a signed-in request (or the status, when refused). */
async function signIn(email, password = PASSWORD) {
  const first = await call('GET', '/api/tenant');
  const xsrf = cookieValue(first.cookies, 'XSRF-TOKEN');
  const response = await call(
    'POST',
    '/api/session',
    {
      origin: `http://${HOST}`,
      'content-type': 'application/json',
      'x-xsrf-token': xsrf,
      cookie: `XSRF-TOKEN=${xsrf}`,
    },
    JSON.stringify({ email, password }),
  );
  if (response.status !== 200) return { status: response.status };
  return { status: 200, headers: { cookie: `ma_sid=${cookieValue(response.cookies, 'ma_sid')}` } };
}

/** GET /api/me one after the other until `until` resolves; answers each request's milliseconds. */
async function readWhile(headers, until) {
  let done = false;
  until.finally(() => (done = true));
  const times = [];
  while (!done) {
    const started = performance.now();
    const res = await call('GET', '/api/me', headers);
    if (res.status !== 200) throw new Error(`GET /api/me answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const fmt = (values) =>
  `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

rmSync(DIR, { recursive: true, force: true });
const shared = {
  EMBEDDED_PG_DIR: `${DIR}/postgres`,
  EMBEDDED_PG_PORT: String(PG_PORT),
  DATA_KEY: randomBytes(32).toString('base64'),
  AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
};
execFileSync('node', ['dist/apps/api/cli.js', 'seed-demo'], {
  env: { ...process.env, ...shared, NODE_ENV: 'development' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const portal = spawn('node', ['dist/apps/api/main.js'], {
  env: {
    ...process.env,
    ...shared,
    PORT: String(PORT),
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    COOKIE_SECURE: 'false',
    SEED_DEMO: 'false',
    SMTP_URL: 'smtp://127.0.0.1:9',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGPIPE'])
  process.on(signal, () => {
    portal.kill('SIGTERM');
    process.exit(1);
  });

let client;
try {
  await waitForPortal();
  const credentials = JSON.parse(readFileSync(`${DIR}/postgres.credentials.json`, 'utf8'));
  client = new pg.Client({
    connectionString: `postgres://portal_owner:${encodeURIComponent(credentials.owner)}@127.0.0.1:${PG_PORT}/portal`,
  });
  await client.connect();
  const [demo] = (await client.query(`SELECT id FROM tenant WHERE slug = 'callmonkey'`)).rows;
  // A burst of people, not of guessers: the throttle lets ten parallel attempts per address through.
  await client.query('BEGIN');
  await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [demo.id]);
  await client.query(
    `UPDATE tenant_sign_in_settings SET free_attempts = 20, lock_after = 100, ip_lock_after = 10000 WHERE tenant_id = $1`,
    [demo.id],
  );
  await client.query('COMMIT');

  const reader = await signIn(PEOPLE[0]);
  if (reader.status !== 200) throw new Error(`the reader's sign-in answered ${reader.status}`);
  const idle = await readWhile(reader.headers, sleep(3_000));
  const p50s = [];
  const p99s = [];
  const burstSeconds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    await client.query(`DELETE FROM sign_in_throttle`).catch(() => undefined);
    const started = performance.now();
    const burst = Promise.all(Array.from({ length: BURST }, (_, n) => signIn(PEOPLE[n % PEOPLE.length])));
    const times = await readWhile(reader.headers, burst);
    const statuses = (await burst).map((r) => r.status);
    burstSeconds.push((performance.now() - started) / 1000);
    const refused = statuses.filter((s) => s !== 200).length;
    p50s.push(percentile(times, 50));
    p99s.push(percentile(times, 99));
    console.log(
      `round ${round}: ${BURST} sign-ins in ${burstSeconds.at(-1).toFixed(1)} s${refused ? ` (${refused} refused)` : ''}; ` +
        `GET /api/me ×${times.length}: p50 ${percentile(times, 50).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms`,
    );
  }
  const env = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()[0].toFixed(1)}`;
  console.log(`\nsign-in burst: ${BURST} at once, ${ROUNDS} rounds; ${env}`);
  console.log(
    `GET /api/me without a burst: p50 ${percentile(idle, 50).toFixed(0)} ms, p99 ${percentile(idle, 99).toFixed(0)} ms`,
  );
  console.log(`during a burst, median of rounds (min–max): p50 ${fmt(p50s)}, p99 ${fmt(p99s)}`);
  console.log(`burst duration: ${median(burstSeconds).toFixed(1)} s`);
} finally {
  await client?.end().catch(() => undefined);
  portal.kill('SIGTERM');
}
