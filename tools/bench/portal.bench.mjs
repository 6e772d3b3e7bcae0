// Benchmark of the built portal beside a yardstick (bare Fastify + pg running the same queries in the
// same kind of tenant transaction), in one run:
//   GET /api/me                 session lookup + account (plus p99 of both at a fixed 1,000 req/s)
//   GET /api/account/billing    the account's billing details with their ETag
//   PUT /api/account/billing    a real edit each time (If-Match from the previous answer; alternating
//                               addresses), validation, row lock, update, change-history row
//   staff read under a grant    GET /api/support/accounts/:id/billing (grant check + one hash-chained
//                               log event per read) beside the owner's own GET of the same billing
// Each connection edits its own account (seeded here), so the edits do not conflict.
//
//   npm run bench                  (builds the API, then runs this)
//   BENCH_SECONDS=20 npm run bench
//   BENCH_WARMUP=30 npm run bench  (seconds of load per route before measuring; default 20: JIT warm-up)
//   BENCH_ONLY=logging npm run bench   (only the owner's read beside the agent's read)
//   BENCH_ONLY=me npm run bench        (only GET /api/me: portal and yardstick in BENCH_LOGGING_ROUNDS
//                                  alternating pairs, throughput and CPU per request, median pair)
//   BENCH_LOGGING_ROUNDS=9 npm run bench   (pairs of those two runs; default 5)
//   BENCH_LOGGING_AA=1 BENCH_ONLY=logging npm run bench   (A/A: the owner's read in both places of
//                                  each pair, so the "cost" printed is the method's own noise)
//   BENCH_FLOORS=1 BENCH_ONLY=me npm run bench   (three more servers in each round: the yardstick's handlers
//                                  behind NestJS; with TypeORM's query runner; and with an AsyncLocalStorage
//                                  scope per request, as the portal's log scope — the framework's, the data
//                                  layer's and the scope's floors beside the portal's own layers)
//   BENCH_PIN=1 npm run bench      (servers on CPU 0, PostgreSQL and the load on the others: pin.mjs)
//   BENCH_CPU_PROF=tmp/prof BENCH_ONLY=me npm run bench   (the portal's CPU profile, written when it stops)
//   BENCH_PG_STATS=1 BENCH_ONLY=logging npm run bench     (per request: PostgreSQL's statements, WAL, buffers;
//                                  then the guard's statement in parts: guard-parts.mjs)
//   BENCH_DIST=tmp/perf-before-dist node tools/bench/portal.bench.mjs   (a copy of dist/: before/after
//                                  builds alternated in the same minutes, safe from other builds)
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { readFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import { cpus, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { loadStatementStats, statementStatsOf } from './bench-portal.mjs';
import { cpuSeconds, withCpu } from './cpu.mjs';
import { captureGuard, guardParts } from './guard-parts.mjs';
import { PINNED, pinServer } from './pin.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
// Seconds of load on each route before its measured runs. V8 goes on compiling the portal's hot code
// long after the small yardstick's (`perf record -e cpu-clock`: ~10 % of the portal's CPU in V8's
// compiler during a measured run after a 3-second warm-up): a short warm-up measures the JIT too.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const ONLY_LOGGING = process.env.BENCH_ONLY === 'logging';
const ONLY_ME = process.env.BENCH_ONLY === 'me';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const LOGGING_ROUNDS = Number(process.env.BENCH_LOGGING_ROUNDS ?? 5);
const LOGGING_AA = process.env.BENCH_LOGGING_AA === '1';
// BENCH_PG_STATS=1: after the pairs, one more run of each read with pg_stat_statements loaded, and per
// request: the statements PostgreSQL ran, their time, WAL and buffers (issue 19 §6, ADR 0007).
const PG_STATS = process.env.BENCH_PG_STATS === '1';
const PORTAL_PORT = 3200;
const YARDSTICK_PORT = 3201;
const PG_PORT = 54_399;
const FLOORS = process.env.BENCH_FLOORS === '1';
const DIST = process.env.BENCH_DIST ?? 'dist';
const DIR = 'tmp/bench';
const HOST = `callmonkey.localhost:${PORTAL_PORT}`;

/** Per request: the statements PostgreSQL ran in a run of `n` requests, their time, WAL and buffers. */
function printStatements(label, top, n) {
  const sum = (pick) => top.reduce((total, row) => total + pick(row), 0);
  console.log(
    `\n${label} with pg_stat_statements, per request (${n} requests): ${((sum((r) => r.ms) / n) * 1000).toFixed(0)} µs in ` +
      `${(sum((r) => Number(r.calls)) / n).toFixed(1)} statements, ${(sum((r) => Number(r.wal_bytes)) / n).toFixed(0)} B of WAL, ` +
      `${(sum((r) => Number(r.blocks)) / n).toFixed(1)} buffers (the 15 costliest statements)`,
  );
  for (const row of top)
    console.log(
      `  ${((row.ms / n) * 1000).toFixed(1).padStart(6)} µs ${(Number(row.calls) / n).toFixed(2).padStart(5)} calls ` +
        `${(Number(row.wal_bytes) / n).toFixed(0).padStart(5)} B WAL ${(Number(row.blocks) / n).toFixed(1).padStart(5)} buf  ${row.query}`,
    );
}

function start(command, args, env) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

// fetch() will not send a Host header of our choosing; node:http does (Node cannot resolve *.localhost).
function call(port, method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, cookies: res.headers['set-cookie'] ?? [], etag: res.headers.etag, body }),
      );
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

async function signIn(email) {
  const first = await call(PORTAL_PORT, 'GET', '/api/tenant', { host: HOST });
  const xsrf = cookieValue(first.cookies, 'XSRF-TOKEN');
  const response = await call(
    PORTAL_PORT,
    'POST',
    '/api/session',
    {
      host: HOST,
      origin: `http://${HOST}`,
      'content-type': 'application/json',
      'x-xsrf-token': xsrf,
      cookie: `XSRF-TOKEN=${xsrf}`,
    },
    JSON.stringify({ email, password: 'MijnAccount-demo-2026' }),
  );
  if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  const sid = cookieValue(response.cookies, 'ma_sid');
  const after = cookieValue(response.cookies, 'XSRF-TOKEN');
  return { cookie: `ma_sid=${sid}; XSRF-TOKEN=${after}`, xsrf: after };
}

/** `count` extra accounts on CallMonkey, each with an owner who signs in with the demo password. */
async function seedOwners(credentials, count) {
  const client = new pg.Client({
    connectionString: `postgres://portal_owner:${encodeURIComponent(credentials.owner)}@127.0.0.1:${PG_PORT}/portal`,
  });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT id FROM tenant WHERE slug = 'callmonkey'`);
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [rows[0].id]);
    const hash = (await client.query(`SELECT password_hash FROM app_user WHERE email = 'eva@bakkerijdevries.example'`))
      .rows[0].password_hash;
    const emails = [];
    for (let i = 1; i <= count; i++) {
      const account = await client.query(
        `INSERT INTO subscriber_account (tenant_id, customer_number, name) VALUES ($1, $2, $3) RETURNING id`,
        [rows[0].id, `BENCH-${i}`, `Bench account ${i}`],
      );
      const email = `owner${i}@bench.example`;
      await client.query(
        `INSERT INTO app_user (tenant_id, email, display_name, password_hash, kind, account_id, account_role, email_verified_at)
         VALUES ($1, $2, $3, $4, 'subscriber', $5, 'owner', now())`,
        [rows[0].id, email, `Bench owner ${i}`, hash, account.rows[0].id],
      );
      emails.push(email);
    }
    await client.query('COMMIT');
    return emails;
  } finally {
    await client.end();
  }
}

/**
 * The demo agent, with a second factor marked on its session (staff functions need one), gets an
 * approved service grant to the first bench owner's account: requested over the API, approved by
 * that owner over the API.
 */
async function grantForAgent(credentials, ownerSession) {
  const agent = await signIn('agent@callmonkey.example');
  const client = new pg.Client({
    connectionString: `postgres://portal_owner:${encodeURIComponent(credentials.owner)}@127.0.0.1:${PG_PORT}/portal`,
  });
  await client.connect();
  let accountId;
  try {
    const { rows } = await client.query(`SELECT id FROM tenant WHERE slug = 'callmonkey'`);
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [rows[0].id]);
    await client.query(
      `UPDATE user_session SET second_factor_at = now() WHERE user_id = (SELECT id FROM app_user WHERE email = 'agent@callmonkey.example')`,
    );
    accountId = (await client.query(`SELECT id FROM subscriber_account WHERE customer_number = 'BENCH-1'`)).rows[0].id;
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const json = (session) => ({
    host: HOST,
    cookie: session.cookie,
    origin: `http://${HOST}`,
    'x-xsrf-token': session.xsrf,
    'content-type': 'application/json',
  });
  const requested = await call(
    PORTAL_PORT,
    'POST',
    '/api/support/requests',
    json(agent),
    JSON.stringify({
      accountId,
      reason: 'service',
      ticket: 'BENCH',
      justification: 'Benchmark of reads under a grant',
      scopes: ['billing:read'],
      minutes: 240,
    }),
  );
  if (requested.status !== 201) throw new Error(`access request answered ${requested.status}: ${requested.body}`);
  const approved = await call(
    PORTAL_PORT,
    'POST',
    `/api/account/access-requests/${JSON.parse(requested.body).id}/approve`,
    json(ownerSession),
    '{}',
  );
  if (approved.status !== 200) throw new Error(`approval answered ${approved.status}: ${approved.body}`);
  return { accountId, cookie: agent.cookie };
}

const ADDRESSES = ['3542 AB', '1011 AC'].map((postalCode) => ({
  companyName: 'Bench BV',
  cocNumber: '12345678',
  vatId: 'NL004495445B01',
  billingEmail: 'invoices@bench.example',
  address: {
    street: 'Dorpsstraat',
    houseNumber: '12',
    houseNumberAddition: null,
    postalCode,
    city: 'Utrecht',
    country: 'NL',
  },
}));

/**
 * PUTs of the billing details that always change something: one autocannon client per account
 * (autocannon clears a request's context after every request, so per-connection state cannot live
 * there), alternating between two addresses, each sending back the ETag of its previous answer.
 */
async function runEdits(port, sessions, duration) {
  const results = await Promise.all(
    sessions.map((session) => {
      let turn = 0;
      return autocannon({
        url: `http://127.0.0.1:${port}/api/account/billing`,
        connections: 1,
        duration,
        requests: [
          {
            method: 'PUT',
            setupRequest: (req) => ({
              ...req,
              headers: {
                host: HOST,
                cookie: session.cookie,
                origin: `http://${HOST}`,
                'x-xsrf-token': session.xsrf,
                'content-type': 'application/json',
                'if-match': session.etag,
              },
              body: JSON.stringify(ADDRESSES[++turn % 2]),
            }),
            onResponse: (status, body, _context, headers) => {
              if (headers.etag) session.etag = headers.etag;
              // A request still in flight when the previous run stopped may have moved the version on.
              if (status === 412) session.etag = JSON.parse(body).current.etag;
            },
          },
        ],
      });
    }),
  );
  return combine(results, 'parallel');
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

/**
 * Several autocannon results as one: throughput added up (`parallel` clients) or averaged
 * (`sequential` runs); mean p50, worst p99, summed counts.
 */
function combine(results, how) {
  const sum = (pick) => results.reduce((total, r) => total + pick(r), 0);
  return {
    requests: { average: sum((r) => r.requests.average) / (how === 'parallel' ? 1 : results.length) },
    latency: {
      p50: Math.round(sum((r) => r.latency.p50) / results.length),
      p99: Math.max(...results.map((r) => r.latency.p99)),
    },
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
  };
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
// Production refuses published and non-random secrets: fresh ones per run, the same for the seeding
// and the portal (the demo's access log is signed, its secrets encrypted).
const shared = {
  EMBEDDED_PG_DIR: `${DIR}/postgres`,
  EMBEDDED_PG_PORT: String(PG_PORT),
  DATA_KEY: randomBytes(32).toString('base64'),
  AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
};
// Production refuses demo data, so the demo tenants are seeded first, outside production.
execFileSync('node', [`${DIST}/apps/api/cli.js`, 'seed-demo'], {
  env: { ...process.env, ...shared, NODE_ENV: 'development' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (PG_STATS) loadStatementStats(`${DIR}/postgres`);
// BENCH_CPU_PROF=<dir>: the portal writes a V8 CPU profile there when it stops (open it in Chrome's
// DevTools, Performance tab), to see where its time per request goes.
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
const portal = start('node', [...profile, `${DIST}/apps/api/main.js`], {
  PORT: String(PORTAL_PORT),
  ...shared,
  NODE_ENV: 'production',
  SESSION_SECRET: randomBytes(32).toString('hex'),
  COOKIE_SECURE: 'false',
  SEED_DEMO: 'false',
  // Production mode wants a real SMTP server; the measured requests send no mail.
  SMTP_URL: 'smtp://127.0.0.1:9',
});
let yardstick;
// BENCH_FLOORS=1: the yardstick's handlers behind NestJS, through TypeORM, in a scope (yardstick.mjs).
const floors = [];
// Stop the children also when this script is interrupted (Ctrl-C, a closed pipe).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGPIPE']) {
  process.on(signal, () => {
    yardstick?.kill('SIGTERM');
    for (const floor of floors) floor.child.kill('SIGTERM');
    portal.kill('SIGTERM');
    process.exit(1);
  });
}
try {
  await waitFor(PORTAL_PORT, '/api/health');
  pinServer(portal.pid);
  const credentials = JSON.parse(readFileSync(`${DIR}/postgres.credentials.json`, 'utf8'));
  const adminUrl = `postgres://postgres:${encodeURIComponent(credentials.admin)}@127.0.0.1:${PG_PORT}/portal`;
  // BENCH_PG_SET='commit_delay=50 commit_siblings=2': PostgreSQL settings for this run (ALTER SYSTEM +
  // reload, so only those a reload applies), to measure a server setting against the default.
  if (process.env.BENCH_PG_SET) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    for (const setting of process.env.BENCH_PG_SET.split(/\s+/).filter(Boolean)) {
      const [name, value] = setting.split('=');
      await admin.query(`ALTER SYSTEM SET ${pg.escapeIdentifier(name)} = ${pg.escapeLiteral(value)}`);
    }
    await admin.query('SELECT pg_reload_conf()');
    console.log(`PostgreSQL settings: ${process.env.BENCH_PG_SET}`);
    await admin.end();
  }
  const appUrl = `postgres://portal_app:${encodeURIComponent(credentials.app)}@127.0.0.1:${PG_PORT}/portal`;
  yardstick = start('node', ['tools/bench/yardstick.mjs'], { PORT: String(YARDSTICK_PORT), DATABASE_URL: appUrl });
  if (FLOORS && ONLY_ME) {
    for (const [name, port, env] of [
      ['Nest', YARDSTICK_PORT + 1, { YARDSTICK_FRAMEWORK: 'nest' }],
      ['Nest + TypeORM', YARDSTICK_PORT + 2, { YARDSTICK_FRAMEWORK: 'nest', YARDSTICK_DATA: 'typeorm' }],
      [
        'Nest + TypeORM + AsyncLocalStorage',
        YARDSTICK_PORT + 3,
        { YARDSTICK_FRAMEWORK: 'nest', YARDSTICK_DATA: 'typeorm', YARDSTICK_SCOPE: 'als' },
      ],
    ])
      floors.push({
        name,
        port,
        child: start('node', ['tools/bench/yardstick.mjs'], { PORT: String(port), DATABASE_URL: appUrl, ...env }),
      });
  }

  // Each benchmark connection signs in as the owner of its own account (seeded below).
  const owners = await seedOwners(credentials, CONNECTIONS);
  const sessions = [];
  for (const email of owners) {
    const session = await signIn(email);
    // Portal and yardstick edit the same row, one run after the other: one latest ETag per account.
    const { etag } = await call(PORTAL_PORT, 'GET', '/api/account/billing', { host: HOST, cookie: session.cookie });
    sessions.push({ ...session, etag });
  }
  const cookie = sessions[0].cookie;
  await waitFor(YARDSTICK_PORT, '/api/me', { host: HOST, cookie });
  pinServer(yardstick.pid);
  for (const floor of floors) {
    await waitFor(floor.port, '/api/me', { host: HOST, cookie });
    pinServer(floor.child.pid);
  }
  for (const port of [PORTAL_PORT, YARDSTICK_PORT, ...floors.map((floor) => floor.port)]) {
    for (const path of ['/api/me', '/api/account/billing']) {
      const check = await call(port, 'GET', path, { host: HOST, cookie });
      if (check.status !== 200) throw new Error(`GET ${path} on ${port} answered ${check.status}`);
    }
  }

  measured: {
    // BENCH_ONLY=me: only the session lookup (GET /api/me), portal and yardstick in BENCH_LOGGING_ROUNDS
    // alternating pairs (which goes first alternates too), each run with its CPU per request — the
    // server's own and PostgreSQL's (a child of the portal process, so measured there for both) —
    // which is steadier than throughput on this shared machine. The median pair is the result.
    if (ONLY_ME) {
      const servers = [
        ['portal', PORTAL_PORT, portal.pid],
        ['yardstick', YARDSTICK_PORT, yardstick.pid],
        ...floors.map((floor) => [floor.name, floor.port, floor.child.pid]),
      ];
      for (const [, port] of servers) await run(`http://127.0.0.1:${port}/api/me`, cookie, { duration: WARMUP });
      const pairs = [];
      for (let round = 0; round < LOGGING_ROUNDS; round++) {
        const pair = {};
        for (const [name, port, pid] of round % 2 === 0 ? servers : [...servers].reverse()) {
          const before = { server: cpuSeconds(pid).self, postgres: cpuSeconds(portal.pid).descendants };
          const r = await run(`http://127.0.0.1:${port}/api/me`, cookie, { duration: SECONDS });
          const n = r.requests.total;
          pair[name] = {
            rate: r.requests.average,
            p99: r.latency.p99,
            server: ((cpuSeconds(pid).self - before.server) * 1000) / n,
            postgres: ((cpuSeconds(portal.pid).descendants - before.postgres) * 1000) / n,
          };
        }
        pairs.push(pair);
        const line = (x) =>
          `${Math.round(x.rate)} req/s, p99 ${x.p99} ms, CPU ${x.server.toFixed(3)} + PostgreSQL ${x.postgres.toFixed(3)} ms`;
        console.log(
          `GET /api/me round ${round + 1}: ${servers.map(([name]) => `${name} ${line(pair[name])}`).join(' · ')}`,
        );
      }
      const median = (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        return `${sorted[Math.floor(sorted.length / 2)].toFixed(2)} (${sorted[0].toFixed(2)}–${sorted.at(-1).toFixed(2)})`;
      };
      const total = (x) => x.server + x.postgres;
      console.log(
        `GET /api/me, median (range) of ${LOGGING_ROUNDS} pairs: throughput portal / yardstick ${median(
          pairs.map((p) => p.portal.rate / p.yardstick.rate),
        )} (goal ≥ 0.80); CPU per request portal / yardstick ${median(
          pairs.map((p) => total(p.portal) / total(p.yardstick)),
        )} (server ${median(pairs.map((p) => p.portal.server / p.yardstick.server))}, PostgreSQL ${median(
          pairs.map((p) => p.portal.postgres / p.yardstick.postgres),
        )})`,
      );
      for (const { name } of floors)
        console.log(
          `  ${name} / yardstick: throughput ${median(pairs.map((p) => p[name].rate / p.yardstick.rate))}, CPU per request ${median(
            pairs.map((p) => total(p[name]) / total(p.yardstick)),
          )} (server ${median(pairs.map((p) => p[name].server / p.yardstick.server))}); portal / ${name}: CPU per request ${median(
            pairs.map((p) => total(p.portal) / total(p[name])),
          )}`,
        );
      if (PG_STATS) {
        const statements = await statementStatsOf(adminUrl);
        for (const [name, port] of servers) {
          await statements.reset();
          const result = await run(`http://127.0.0.1:${port}/api/me`, cookie, { duration: SECONDS });
          printStatements(`GET /api/me, ${name},`, await statements.top(15), result.requests.total);
        }
        await statements.end();
      }
      break measured;
    }
    // One edit on each server first: a benchmark of failing requests would measure nothing.
    for (const port of [PORTAL_PORT, YARDSTICK_PORT]) {
      const s0 = sessions[0];
      const edit = await call(
        port,
        'PUT',
        '/api/account/billing',
        {
          host: HOST,
          cookie: s0.cookie,
          origin: `http://${HOST}`,
          'x-xsrf-token': s0.xsrf,
          'content-type': 'application/json',
          'if-match': s0.etag,
        },
        JSON.stringify(ADDRESSES[1]),
      );
      if (edit.status !== 200) throw new Error(`PUT billing on ${port} answered ${edit.status}: ${edit.body}`);
      s0.etag = edit.etag;
    }

    const rows = [];
    const ratios = [];
    const measure = async (label, load) => {
      const results = [];
      for (const [name, port] of [
        ['portal', PORTAL_PORT],
        ['yardstick', YARDSTICK_PORT],
      ]) {
        await load(port, 3);
        const result = await load(port, SECONDS);
        rows.push(summary(`${label}: ${name}`, result));
        results.push(result);
      }
      ratios.push(`${label}: ${(results[0].requests.average / results[1].requests.average).toFixed(2)}`);
      return results;
    };
    const get = (path) => (port, duration) => run(`http://127.0.0.1:${port}${path}`, cookie, { duration });
    const grant = await grantForAgent(credentials, sessions[0]);
    let portalFixed;
    if (!ONLY_LOGGING) {
      await measure('GET /api/me', get('/api/me'));
      await measure('GET billing', get('/api/account/billing'));
      await measure('PUT billing', (port, duration) => runEdits(port, sessions, duration));
      portalFixed = await run(`http://127.0.0.1:${PORTAL_PORT}/api/me`, cookie, { overallRate: 1000 });
      const yardFixed = await run(`http://127.0.0.1:${YARDSTICK_PORT}/api/me`, cookie, { overallRate: 1000 });
      rows.push(
        summary('GET /api/me at 1,000 req/s: portal', portalFixed),
        summary('GET /api/me at 1,000 req/s: yardstick', yardFixed),
      );
    }
    // Logging's cost: the same billing, read by the owner and by an agent under a grant (portal only),
    // in LOGGING_ROUNDS pairs after a warm-up each, so drift of a shared machine hits both alike; each
    // pair gives one figure, and the median pair is the result (one disturbed run cannot make it).
    const ownUrl = `http://127.0.0.1:${PORTAL_PORT}/api/account/billing`;
    // The second read of each pair: the agent's, or (A/A) the owner's again.
    const second = LOGGING_AA
      ? {
          url: ownUrl,
          cookie,
          row: 'A/A: owner reads it again',
          cpu: 'again',
          result: 'A/A — the same read twice differs by',
        }
      : {
          url: `http://127.0.0.1:${PORTAL_PORT}/api/support/accounts/${grant.accountId}/billing`,
          cookie: grant.cookie,
          row: 'agent reads it under a grant',
          cpu: "agent's read",
          result: 'access logging costs',
        };
    await run(ownUrl, cookie, { duration: WARMUP });
    await run(second.url, second.cookie, { duration: WARMUP });
    // What the portal and PostgreSQL burn with no request at all (timers, queue polling, the sealer's
    // empty passes, background writers): CPU per request counts it too, and more of it per request
    // for the slower read. Measured after the sealer has caught up with the warm-up.
    await sleep(1500);
    const idleFrom = cpuSeconds(portal.pid);
    await sleep(5000);
    const idleTo = cpuSeconds(portal.pid);
    const idle = {
      self: (idleTo.self - idleFrom.self) / 5,
      descendants: (idleTo.descendants - idleFrom.descendants) / 5,
    };
    const owns = [];
    const staffReads = [];
    for (let round = 0; round < LOGGING_ROUNDS; round++) {
      owns.push(await withCpu(portal.pid, () => run(ownUrl, cookie, { duration: SECONDS })));
      staffReads.push(await withCpu(portal.pid, () => run(second.url, second.cookie, { duration: SECONDS })));
    }
    rows.push(
      summary(`owner reads own billing (${LOGGING_ROUNDS} runs): portal`, combine(owns, 'sequential')),
      summary(`${second.row} (${LOGGING_ROUNDS} runs): portal`, combine(staffReads, 'sequential')),
    );
    const pairCosts = owns
      .map((own, i) => 1 - staffReads[i].requests.average / own.requests.average)
      .sort((a, b) => a - b);
    const loggingCost = pairCosts[Math.floor(pairCosts.length / 2)];

    console.log(`\nsigned in — ${SECONDS}s per run, ${CONNECTIONS} connections`);
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}${PINNED ? ', pinned: servers on CPU 0, PostgreSQL and load on the others' : ''}\n`,
    );
    console.table(rows);
    if (portalFixed) {
      console.log(`throughput ratio portal / yardstick (goal ≥ 0.80): ${ratios.join(' · ')}`);
      console.log(`p99 of GET /api/me at 1,000 req/s: portal ${portalFixed.latency.p99} ms (goal < 25 ms)`);
    }
    const percent = (x) => `${(x * 100).toFixed(0)} %`;
    console.log(
      `${second.result} ${percent(loggingCost)} of throughput${LOGGING_AA ? '' : ' (goal ≤ 20 %)'}: the median of ${LOGGING_ROUNDS} pairs ` +
        `(${pairCosts.map(percent).join(', ')})`,
    );
    const cpuLine = (runs) => {
      const mean = (pick) => (runs.reduce((sum, r) => sum + pick(r.cpu), 0) / runs.length).toFixed(2);
      return `portal ${mean((c) => c.self)} ms + PostgreSQL ${mean((c) => c.descendants)} ms`;
    };
    console.log(`CPU per request — owner's read: ${cpuLine(owns)}; ${second.cpu}: ${cpuLine(staffReads)}`);
    const cpuRatios = owns
      .map((own, i) => (staffReads[i].cpu.self + staffReads[i].cpu.descendants) / (own.cpu.self + own.cpu.descendants))
      .sort((a, b) => a - b);
    // The same ratio with the idle CPU (per second, times the run's length, per request) taken out.
    const net = (r) =>
      r.cpu.self + r.cpu.descendants - ((idle.self + idle.descendants) * 1000 * SECONDS) / r.requests.total;
    const netRatios = owns.map((own, i) => net(staffReads[i]) / net(own)).sort((a, b) => a - b);
    if (PG_STATS) {
      let guard;
      const statements = await statementStatsOf(adminUrl);
      for (const [label, url, who] of [
        ["owner's read", ownUrl, cookie],
        [second.cpu, second.url, second.cookie],
      ]) {
        await statements.reset();
        const captured = url === second.url && !LOGGING_AA ? captureGuard(statements.admin, SECONDS) : null;
        const result = await run(url, who, { duration: SECONDS });
        if (captured) guard = await captured;
        printStatements(label, await statements.top(15), result.requests.total);
      }
      if (guard) {
        const url = (role, password) =>
          `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${PG_PORT}/portal`;
        await guardParts({
          guard,
          admin: statements.admin,
          ownerUrl: url('portal_owner', credentials.owner),
          appUrl: url('portal_app', credentials.app),
          agentEmail: 'agent@callmonkey.example',
          accountId: grant.accountId,
          scope: 'billing:read',
        });
      }
      await statements.end();
    }
    console.log(
      `CPU per request (portal + PostgreSQL), ${second.cpu} / owner's read${LOGGING_AA ? '' : ' (goal ≤ 1.25)'}: ` +
        `${cpuRatios[Math.floor(cpuRatios.length / 2)].toFixed(2)} median of ${LOGGING_ROUNDS} pairs (${cpuRatios
          .map((r) => r.toFixed(2))
          .join(', ')})`,
    );
    console.log(
      `idle, no requests: portal ${(idle.self * 1000).toFixed(0)} ms + PostgreSQL ${(idle.descendants * 1000).toFixed(0)} ms ` +
        `of CPU per second; the ratio net of it: ${netRatios[Math.floor(netRatios.length / 2)].toFixed(2)} ` +
        `(${netRatios.map((r) => r.toFixed(2)).join(', ')})`,
    );
  }
} finally {
  yardstick?.kill('SIGTERM');
  for (const floor of floors) floor.child.kill('SIGTERM');
  portal.kill('SIGTERM');
  await sleep(2000);
}
