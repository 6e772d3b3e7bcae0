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
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWORD, call as callOn, cookieValue, inTenant, machine, startPortal } from './bench-portal.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BURST = Number(process.env.BENCH_BURST ?? 40);
const PORT = Number(process.env.BENCH_PORT ?? 3330);
const HOST = `callmonkey.localhost:${PORT}`;
/** Demo people without two-factor: each sign-in is one argon2 check and a new session. */
const PEOPLE = [
  'eva@bakkerijdevries.example',
  'joris@bakkerijdevries.example',
  'pieter@jansen-installatie.example',
  'sanne@jansen-installatie.example',
];

const call = (method, path, headers = {}, body) => callOn(PORT, method, path, { host: HOST, ...headers }, body);

/** Signs in; answers the headers of a signed-in request (or the status, when refused). */
async function signIn(email) {
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
    JSON.stringify({ email, password: PASSWORD }),
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
const median = (values) => percentile(values, 50);
const ms = (values) =>
  `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

const { client, demoTenantId, stop } = await startPortal({ dir: 'tmp/bench-sign-in', port: PORT });
try {
  // A burst of people, not of guessers: the throttle lets ten parallel attempts per address through.
  await inTenant(client, demoTenantId, () =>
    client.query(
      `UPDATE tenant_sign_in_settings SET free_attempts = 20, lock_after = 100, ip_lock_after = 10000 WHERE tenant_id = $1`,
      [demoTenantId],
    ),
  );

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
  console.log(`\nsign-in burst: ${BURST} at once, ${ROUNDS} rounds; ${machine()}, load ${loadavg()[0].toFixed(1)}`);
  console.log(
    `GET /api/me without a burst: p50 ${percentile(idle, 50).toFixed(0)} ms, p99 ${percentile(idle, 99).toFixed(0)} ms`,
  );
  console.log(`during a burst, median of rounds (min–max): p50 ${ms(p50s)}, p99 ${ms(p99s)}`);
  console.log(`burst duration: ${median(burstSeconds).toFixed(1)} s`);
} finally {
  await stop();
}
