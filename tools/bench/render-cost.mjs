// What a server-rendered page costs the portal in CPU (ADR 0017): the portal process's CPU time
// (/proc/<pid>/stat, user + system) over a series of page answers, per answer; the median and
// range of several series. Beside it, the same page drawn by the browser (the index page) plus the
// API reads that page makes once it runs — what the server spent per page view before.
//
//   PORTAL_PID=<pid of node dist/apps/api/main.js> BASE=http://127.0.0.1:3500 HOST=callmonkey.localhost:3500 \
//     node tools/bench/render-cost.mjs
//
// Sequential requests (one at a time), signed in as the demo owner like tools/bench/lighthouse.mjs.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';

const PID = Number(process.env.PORTAL_PID);
const BASE = new URL(process.env.BASE ?? 'http://127.0.0.1:3000');
const HOST = process.env.HOST ?? `callmonkey.localhost:${BASE.port}`;
const SERIES = Number(process.env.SERIES ?? 5);
const PER_SERIES = Number(process.env.PER_SERIES ?? 20);
const DEMO = { email: 'pieter@jansen-installatie.example', password: 'MijnAccount-demo-2026' };
const TICK_MS = 10; // USER_HZ is 100 on Linux

function call(method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: BASE.hostname,
        port: BASE.port,
        method,
        path,
        headers: { host: HOST, 'accept-encoding': 'br', ...headers },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, cookies: res.headers['set-cookie'] ?? [], body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const cpuMs = () => {
  const fields = readFileSync(`/proc/${PID}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const cookieOf = (cookies, name) => cookies.find((c) => c.startsWith(`${name}=`))?.split(';')[0];
const xsrf = cookieOf((await call('GET', '/api/tenant')).cookies, 'XSRF-TOKEN');
const signedIn = await call(
  'POST',
  '/api/session',
  {
    origin: `http://${HOST}`,
    'content-type': 'application/json',
    'x-xsrf-token': xsrf.split('=')[1],
    cookie: xsrf,
  },
  JSON.stringify(DEMO),
);
if (signedIn.status !== 200) throw new Error(`sign-in failed: ${signedIn.status}`);
const cookie = signedIn.cookies.map((c) => c.split(';')[0]).join('; ');
const withoutHint = cookie
  .split('; ')
  .filter((c) => !c.startsWith('ma_signed_in='))
  .join('; ');

/** The API reads a page's render made, from its transfer cache (`"u":"/api/…"`). */
async function readsOf(path) {
  const { body } = await call('GET', path, { cookie, 'accept-encoding': 'identity' });
  // Angular writes the state's slashes as \u002F.
  const text = body.toString().replaceAll('\\u002F', '/');
  return [...new Set([...text.matchAll(/"u":"(\/api\/[^"]+)"/g)].map((m) => m[1]))];
}

async function series(label, answer) {
  for (let i = 0; i < 3; i++) await answer(); // warm-up
  const perAnswer = [];
  for (let s = 0; s < SERIES; s++) {
    const before = cpuMs();
    for (let i = 0; i < PER_SERIES; i++) await answer();
    perAnswer.push((cpuMs() - before) / PER_SERIES);
  }
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `${label.padEnd(58)} ${median(perAnswer).toFixed(1)} ms (${Math.min(...perAnswer).toFixed(1)}–${Math.max(...perAnswer).toFixed(1)}), load ${load}`,
  );
}

console.log(`CPU ms of the portal (pid ${PID}) per answer, ${SERIES} series of ${PER_SERIES}, median (range)`);
for (const path of ['/sign-in', '/account', '/account/billing']) {
  const own = path === '/sign-in' ? '' : cookie;
  const rendered = await call('GET', path, own ? { cookie: own } : {});
  if (rendered.status !== 200) throw new Error(`${path}: ${rendered.status}`);
  await series(`${path} rendered by the server`, () => call('GET', path, own ? { cookie: own } : {}));
  await series(`${path} drawn by the browser (the index page)`, () =>
    call('GET', path, own ? { cookie: withoutHint } : { cookie: 'ma_signed_in=1' }),
  );
  if (own) {
    const reads = await readsOf(path);
    await series(`${path}: its ${reads.length} API reads, as the browser makes them`, async () => {
      for (const read of reads) await call('GET', read, { cookie });
    });
  }
}
