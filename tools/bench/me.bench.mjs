// Benchmark: the signed-in GET /api/me (session lookup + tenant transaction) of the built portal,
// beside a yardstick (bare Fastify + pg, same queries, same transaction). Prints throughput and
// p99 of both, their ratio, and p99 of each at a fixed 1,000 req/s.
//
//   npm run bench                  (builds the API, then runs this)
//   BENCH_SECONDS=20 npm run bench
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORTAL_PORT = 3200;
const YARDSTICK_PORT = 3201;
const PG_PORT = 54_399;
const DIR = 'tmp/bench';
const HOST = `callmonkey.localhost:${PORTAL_PORT}`;

function start(command, args, env) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

// fetch() will not send a Host header of our choosing; node:http does (Node cannot resolve *.localhost).
function call(port, method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, cookies: res.headers['set-cookie'] ?? [] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function waitFor(port, path, headers = {}) {
  for (let i = 0; i < 120; i++) {
    try {
      const response = await call(port, 'GET', path, headers);
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error(`port ${port} did not come up`);
}

const cookieValue = (cookies, name) => cookies.map((c) => new RegExp(`^${name}=([^;]+)`).exec(c)?.[1]).find(Boolean);

function run(url, cookie, extra = {}) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { host: HOST, cookie },
    ...extra,
  });
}

function summary(name, result) {
  return {
    name,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

rmSync(DIR, { recursive: true, force: true });
const portal = start('node', ['dist/apps/api/main.js'], {
  PORT: String(PORTAL_PORT),
  EMBEDDED_PG_DIR: `${DIR}/postgres`,
  EMBEDDED_PG_PORT: String(PG_PORT),
  NODE_ENV: 'production',
  SESSION_SECRET: 'benchmark-only-secret-0123456789abcdef',
  COOKIE_SECURE: 'false',
  SEED_DEMO: 'true',
  // Production mode wants a real SMTP server and data key; the measured requests send no mail.
  SMTP_URL: 'smtp://127.0.0.1:9',
  DATA_KEY: Buffer.alloc(32, 1).toString('base64'),
});
let yardstick;
try {
  await waitFor(PORTAL_PORT, '/api/health');
  const credentials = JSON.parse(readFileSync(`${DIR}/postgres.credentials.json`, 'utf8'));
  yardstick = start('node', ['tools/bench/yardstick.mjs'], {
    PORT: String(YARDSTICK_PORT),
    DATABASE_URL: `postgres://portal_app:${encodeURIComponent(credentials.app)}@127.0.0.1:${PG_PORT}/portal`,
  });

  // Sign in once, as a browser would: fetch the XSRF cookie, then post the credentials.
  const first = await call(PORTAL_PORT, 'GET', '/api/tenant', { host: HOST });
  const xsrf = cookieValue(first.cookies, 'XSRF-TOKEN');
  const signIn = await call(
    PORTAL_PORT,
    'POST',
    '/api/session',
    { host: HOST, origin: `http://${HOST}`, 'content-type': 'application/json', 'x-xsrf-token': xsrf, cookie: `XSRF-TOKEN=${xsrf}` },
    JSON.stringify({ email: 'eva@bakkerijdevries.example', password: 'MijnAccount-demo-2026' }),
  );
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
  const cookie = `ma_sid=${cookieValue(signIn.cookies, 'ma_sid')}`;
  await waitFor(YARDSTICK_PORT, '/api/me', { host: HOST, cookie });
  for (const port of [PORTAL_PORT, YARDSTICK_PORT]) {
    const check = await call(port, 'GET', '/api/me', { host: HOST, cookie });
    if (check.status !== 200) throw new Error(`GET /api/me on ${port} answered ${check.status}`);
  }

  // Warm up both, then measure each alone.
  await autocannon({ url: `http://127.0.0.1:${PORTAL_PORT}/api/me`, connections: CONNECTIONS, duration: 3, headers: { host: HOST, cookie } });
  await autocannon({ url: `http://127.0.0.1:${YARDSTICK_PORT}/api/me`, connections: CONNECTIONS, duration: 3, headers: { host: HOST, cookie } });
  const portalMax = await run(`http://127.0.0.1:${PORTAL_PORT}/api/me`, cookie);
  const yardMax = await run(`http://127.0.0.1:${YARDSTICK_PORT}/api/me`, cookie);
  const portalFixed = await run(`http://127.0.0.1:${PORTAL_PORT}/api/me`, cookie, { overallRate: 1000 });
  const yardFixed = await run(`http://127.0.0.1:${YARDSTICK_PORT}/api/me`, cookie, { overallRate: 1000 });

  console.log(`\nGET /api/me, signed in — ${SECONDS}s per run, ${CONNECTIONS} connections`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
  console.table([
    summary('portal, max throughput', portalMax),
    summary('yardstick, max throughput', yardMax),
    summary('portal, 1,000 req/s', portalFixed),
    summary('yardstick, 1,000 req/s', yardFixed),
  ]);
  const ratio = portalMax.requests.average / yardMax.requests.average;
  console.log(`throughput ratio portal / yardstick: ${ratio.toFixed(2)} (goal ≥ 0.80)`);
  console.log(`p99 at 1,000 req/s: portal ${portalFixed.latency.p99} ms (goal < 25 ms)`);
} finally {
  yardstick?.kill('SIGTERM');
  portal.kill('SIGTERM');
  await sleep(2000);
}
