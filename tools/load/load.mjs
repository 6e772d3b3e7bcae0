// Soak and saturation runs over a realistic mix (issue 19 §4), against the built portal (`npx nx build
// api` first) with demo data in an embedded PostgreSQL of its own (tools/bench/bench-portal.mjs).
//
//   node tools/load/load.mjs soak         # LOAD_RATE=100 req/s for LOAD_MINUTES=5, a line per LOAD_WINDOW=10 s
//   node tools/load/load.mjs saturation   # from LOAD_RATE=50, +LOAD_STEP=50 req/s a window, until p99 > 100 ms or errors
//
// Open loop: requests start at the set rate whether or not earlier ones have answered (a closed loop
// hides queueing). Each window prints p50/p99 of the requests other than sign-in (the saturation
// criterion), the sign-ins' p50 and slowest apart, answers, non-2xx and errors, the portal's RSS and its
// runtime pool (in use / waiting, from its own metrics listener). The mix (LOAD_MIX to change it):
//   me 40 · billing read 25 · billing edit 10 (If-Match, its own account per virtual user) ·
//   newsletter toggle 8 · staff read under a grant 15 (access-logged) · sign-in 2 (argon2)
// Figures from a shared machine are the machine's, not the product's: quote them with the load average.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWORD, call, inTenant, machine, signIn, startPortal } from '../bench/bench-portal.mjs';

const MODE = process.argv[2] ?? 'soak';
if (!['soak', 'saturation'].includes(MODE)) throw new Error('mode: soak or saturation');
const PORT = Number(process.env.LOAD_PORT ?? 3810);
const METRICS_PORT = PORT + 1;
const RATE = Number(process.env.LOAD_RATE ?? (MODE === 'soak' ? 100 : 50));
const STEP = Number(process.env.LOAD_STEP ?? 50);
const WINDOW_S = Number(process.env.LOAD_WINDOW ?? 10);
const MINUTES = Number(process.env.LOAD_MINUTES ?? 5);
const MAX_RATE = Number(process.env.LOAD_MAX_RATE ?? 2000);
const USERS = Number(process.env.LOAD_USERS ?? 40);
const MIX = Object.fromEntries(
  (process.env.LOAD_MIX ?? 'me:40,billing:25,edit:10,newsletter:8,staff:15,signin:2')
    .split(',')
    .map((part) => part.split(':'))
    .map(([name, weight]) => [name, Number(weight)]),
);
const HOST = 'callmonkey.localhost';
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One request on the keep-alive agent; answers status, headers and body. */
function send(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: PORT, method, path, headers, agent }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const ADDRESSES = ['3542 AB', '1011 AC'].map((postalCode) => ({
  companyName: 'Load BV',
  cocNumber: '12345678',
  vatId: 'NL004495445B01',
  billingEmail: 'invoices@load.example',
  address: {
    street: 'Dorpsstraat',
    houseNumber: '12',
    houseNumberAddition: null,
    postalCode,
    city: 'Utrecht',
    country: 'NL',
  },
}));

async function prepare(started) {
  const { client, demoTenantId, passwordHash } = started;
  // Virtual users: an account and its owner each, with the demo password.
  const emails = [];
  await inTenant(client, demoTenantId, async () => {
    for (let i = 1; i <= USERS; i++) {
      const account = await client.query(
        `INSERT INTO subscriber_account (tenant_id, customer_number, name) VALUES ($1, $2, $3) RETURNING id`,
        [demoTenantId, `LOAD-${i}`, `Load account ${i}`],
      );
      const email = `load${i}@load.example`;
      await client.query(
        `INSERT INTO app_user (tenant_id, email, display_name, password_hash, kind, account_id, account_role, email_verified_at)
         VALUES ($1, $2, $3, $4, 'subscriber', $5, 'owner', now())`,
        [demoTenantId, email, `Load owner ${i}`, passwordHash, account.rows[0].id],
      );
      emails.push({ email, accountId: account.rows[0].id });
    }
  });
  const users = [];
  for (const { email, accountId } of emails) {
    const headers = await signIn(PORT, HOST, email);
    const billing = await send('GET', '/api/account/billing', headers);
    const lists = JSON.parse(await call(PORT, 'GET', '/api/me/newsletters', headers).then((r) => r.body));
    users.push({ email, accountId, headers, etag: billing.headers.etag, list: lists[0]?.id, on: false, turn: 0 });
  }
  // The demo agent with a second factor marked on its session and an approved grant to the first account.
  const staff = await signIn(PORT, HOST, 'agent@callmonkey.example');
  await inTenant(client, demoTenantId, () =>
    client.query(
      `UPDATE user_session SET second_factor_at = now() WHERE user_id = (SELECT id FROM app_user WHERE email = 'agent@callmonkey.example')`,
    ),
  );
  const json = (h) => ({ ...h, 'content-type': 'application/json' });
  const requested = await call(
    PORT,
    'POST',
    '/api/support/requests',
    json(staff),
    JSON.stringify({
      accountId: users[0].accountId,
      reason: 'service',
      ticket: 'LOAD',
      justification: 'Load test of reads under a grant',
      scopes: ['billing:read'],
      minutes: 240,
    }),
  );
  if (requested.status !== 201) throw new Error(`access request: ${requested.status} ${requested.body}`);
  const approved = await call(
    PORT,
    'POST',
    `/api/account/access-requests/${JSON.parse(requested.body).id}/approve`,
    json(users[0].headers),
    '{}',
  );
  if (approved.status !== 200) throw new Error(`approval: ${approved.status} ${approved.body}`);
  return { users, staff };
}

function operations({ users, staff }) {
  const pick = () => users[Math.floor(Math.random() * users.length)];
  return {
    me: () => send('GET', '/api/me', pick().headers),
    billing: () => send('GET', '/api/account/billing', pick().headers),
    edit: async () => {
      const user = pick();
      const headers = {
        ...user.headers,
        'content-type': 'application/json',
        ...(user.etag ? { 'if-match': user.etag } : {}),
      };
      const answer = await send('PUT', '/api/account/billing', headers, JSON.stringify(ADDRESSES[++user.turn % 2]));
      if (answer.headers.etag) user.etag = answer.headers.etag;
      // Two edits of one account in flight: the second is refused (412) — the product working; not an error.
      if (answer.status === 412) user.etag = JSON.parse(answer.body).current?.etag;
      return answer;
    },
    newsletter: async () => {
      const user = pick();
      if (!user.list) return send('GET', '/api/me/newsletters', user.headers);
      user.on = !user.on;
      return send(
        'PUT',
        `/api/me/newsletters/${user.list}`,
        { ...user.headers, 'content-type': 'application/json' },
        JSON.stringify({ subscribed: user.on }),
      );
    },
    staff: () => send('GET', `/api/support/accounts/${users[0].accountId}/billing`, staff),
    signin: async () => {
      const user = pick();
      const first = await send('GET', '/api/tenant', { host: HOST });
      const xsrf = /XSRF-TOKEN=([^;]+)/.exec(String(first.headers['set-cookie'] ?? ''))?.[1] ?? '';
      return send(
        'POST',
        '/api/session',
        {
          host: HOST,
          origin: `http://${HOST}`,
          'content-type': 'application/json',
          'x-xsrf-token': xsrf,
          cookie: `XSRF-TOKEN=${xsrf}`,
        },
        JSON.stringify({ email: user.email, password: PASSWORD }),
      );
    },
  };
}

const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;

async function sample(pid) {
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const metrics = await call(METRICS_PORT, 'GET', '/metrics', { host: '127.0.0.1' }).then(
    (r) => String(r.body),
    () => '',
  );
  const gauge = (state) =>
    Number(new RegExp(`portal_db_pool_connections\\{state="${state}"\\} (\\d+)`).exec(metrics)?.[1] ?? NaN);
  return { rss, inUse: gauge('in_use'), waiting: gauge('waiting') };
}

/** Runs `rate` req/s of the mix for one window; answers the window's figures. */
async function window(ops, rate, pid) {
  const names = Object.keys(MIX).filter((n) => MIX[n] > 0);
  const total = names.reduce((s, n) => s + MIX[n], 0);
  const choose = () => {
    let r = Math.random() * total;
    for (const n of names) if ((r -= MIX[n]) < 0) return n;
    return names[0];
  };
  // Sign-ins (argon2, ~0.3–0.7 s of CPU each by design) are timed apart: at 2 % of the mix they would
  // be the p99 of every window and hide what the other requests feel.
  const latencies = [];
  const signIns = [];
  let non2xx = 0;
  let errors = 0;
  const inFlight = [];
  const pool = { inUse: 0, waiting: 0 };
  const start = performance.now();
  const count = Math.round(rate * WINDOW_S);
  const sampler = setInterval(
    () =>
      sample(pid).then(
        (s) => ((pool.inUse = Math.max(pool.inUse, s.inUse)), (pool.waiting = Math.max(pool.waiting, s.waiting))),
      ),
    1000,
  );
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const began = performance.now();
    const name = choose();
    inFlight.push(
      ops[name]().then(
        (answer) => {
          (name === 'signin' ? signIns : latencies).push(performance.now() - began);
          if (answer.status >= 300 && answer.status !== 412) non2xx++;
        },
        () => errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  clearInterval(sampler);
  const elapsed = (performance.now() - start) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const signInsSorted = signIns.sort((a, b) => a - b);
  const { rss } = await sample(pid);
  return {
    rate,
    achieved: (latencies.length + signIns.length) / elapsed,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    signInP50: percentile(signInsSorted, 0.5),
    signInMax: signInsSorted.at(-1) ?? NaN,
    non2xx,
    errors,
    rss,
    ...pool,
    load: loadavg()[0],
  };
}

const line = (w) =>
  `${String(w.rate).padStart(5)} req/s set · ${w.achieved.toFixed(0).padStart(5)} answered/s · p50 ${w.p50.toFixed(1)} ms · p99 ${w.p99.toFixed(1)} ms · sign-in p50 ${w.signInP50.toFixed(0)} / max ${w.signInMax.toFixed(0)} ms · non2xx ${w.non2xx} · errors ${w.errors} · RSS ${w.rss.toFixed(0)} MB · pool in use ≤ ${w.inUse}, waiting ≤ ${w.waiting} · load ${w.load.toFixed(1)}`;

const dir = `tmp/load-${randomBytes(3).toString('hex')}`;
const started = await startPortal({
  dir,
  port: PORT,
  env: { METRICS_PORT: String(METRICS_PORT), AUDIT_SEAL_SECONDS: '1' },
});
try {
  console.log(`${MODE} — ${machine()}; mix ${JSON.stringify(MIX)}; ${USERS} virtual users; windows of ${WINDOW_S} s`);
  const ops = operations(await prepare(started));
  if (MODE === 'soak') {
    const windows = Math.max(1, Math.round((MINUTES * 60) / WINDOW_S));
    for (let i = 0; i < windows; i++) console.log(line(await window(ops, RATE, started.portal.pid)));
  } else {
    for (let rate = RATE; rate <= MAX_RATE; rate += STEP) {
      const w = await window(ops, rate, started.portal.pid);
      console.log(line(w));
      if (w.p99 > 100 || w.errors > 0 || w.non2xx > 0) {
        console.log(
          `saturated at ${rate} req/s set (${w.achieved.toFixed(0)} answered/s): p99 ${w.p99.toFixed(1)} ms, ${w.errors} errors, ${w.non2xx} non-2xx`,
        );
        break;
      }
    }
  }
} finally {
  agent.destroy();
  await started.stop();
  rmSync(dir, { recursive: true, force: true });
}
