// Lighthouse, mobile profile (its defaults: Moto G Power viewport, simulated slow 4G and 4× CPU
// slowdown), on the pages a subscriber opens first — sign-in, home and billing of CallMonkey — in
// Debian's Chromium. Each page in each run gets a fresh browser with an empty cache; home and billing
// carry the demo owner's session cookie (signed in over HTTP once). Prints each run and the
// median (with the range) of the performance score, LCP, TBT, FCP and CLS per page.
//
//   npx nx run-many -t build -p api web && node tools/bench/lighthouse.mjs
//   LH_RUNS=5 node tools/bench/lighthouse.mjs             (runs per page; default 3)
//   LH_DIST=tmp/lh-dist node tools/bench/lighthouse.mjs   (a copy of dist/, safe from other builds)
//   LH_BASE_URL=http://callmonkey.localhost:3000 node tools/bench/lighthouse.mjs   (a portal already running)
//   LH_JSON=tmp/lh/results.json node tools/bench/lighthouse.mjs   (also writes every figure there)
//   LH_REPORTS=tmp/lh/reports node tools/bench/lighthouse.mjs     (and each full report, <page>-<run>.json)
//   LH_PAGES=home,billing node tools/bench/lighthouse.mjs          (only these pages)
//
// Otherwise it starts the built portal itself on port 3700, with its own embedded database
// (tmp/lh/postgres, port 54700) and mailbox (3725/3780), and stops them at the end.
// chrome-launcher and puppeteer-core come with the lighthouse package.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const RUNS = Number(process.env.LH_RUNS ?? 3);
const DIST = process.env.LH_DIST ?? 'dist';
const PORT = Number(process.env.LH_PORT ?? 3700);
const BASE_URL = process.env.LH_BASE_URL ?? `http://callmonkey.localhost:${PORT}`;
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];
const DEMO = { email: 'eva@bakkerijdevries.example', password: 'MijnAccount-demo-2026' };
const ALL_PAGES = [
  { name: 'sign-in', path: '/sign-in', signedIn: false },
  { name: 'home', path: '/account', signedIn: true },
  { name: 'billing', path: '/account/billing', signedIn: true },
];
const PAGES = process.env.LH_PAGES
  ? ALL_PAGES.filter((p) => process.env.LH_PAGES.split(',').includes(p.name))
  : ALL_PAGES;
const base = new URL(BASE_URL);

// node:http, not fetch: fetch will not send a Host header of our choosing, and Node does not resolve *.localhost.
function call(method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: Number(base.port || 80), method, path, headers: { host: base.host, ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, cookies: res.headers['set-cookie'] ?? [] }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const cookieValue = (cookies, name) =>
  cookies
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    .slice(name.length + 1);

async function waitForPortal() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await call('GET', '/api/tenant')).status === 200) return;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error(`no portal answered on ${BASE_URL}`);
}

/**
 * The demo owner's cookies after signing in the way the web app does (XSRF cookie + header): every
 * cookie the sign-in answer sets (the session, the signed-in hint, the session's XSRF token), as the
 * browser keeps them — the server renders home and billing only with the hint (ADR 0017).
 */
async function signIn() {
  const xsrf = cookieValue((await call('GET', '/api/tenant')).cookies, 'XSRF-TOKEN');
  const response = await call(
    'POST',
    '/api/session',
    { origin: base.origin, 'content-type': 'application/json', 'x-xsrf-token': xsrf, cookie: `XSRF-TOKEN=${xsrf}` },
    JSON.stringify(DEMO),
  );
  const sid = response.cookies.find((c) => /^(__Host-)?ma_sid=/.test(c));
  if (response.status !== 200 || !sid) throw new Error(`sign-in of ${DEMO.email} failed: ${response.status}`);
  return response.cookies.map((cookie) => {
    const [name, ...value] = cookie.split(';')[0].split('=');
    return { name, value: value.join('='), httpOnly: /;\s*httponly/i.test(cookie) };
  });
}

async function measure(page, session, run) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
  try {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
    const tab = (await browser.pages())[0] ?? (await browser.newPage());
    if (page.signedIn) {
      for (const { name, value, httpOnly } of session) {
        await browser.setCookie({ name, value, domain: base.hostname, path: '/', httpOnly, sameSite: 'Lax' });
      }
    }
    // Lighthouse's storage reset would drop the session cookie; the cache is emptied here instead.
    const cdp = await tab.createCDPSession();
    await cdp.send('Network.clearBrowserCache');
    const result = await lighthouse(
      `${BASE_URL}${page.path}`,
      { onlyCategories: ['performance'], disableStorageReset: true, logLevel: 'error', output: 'json' },
      undefined,
      tab,
    );
    const { audits, categories, finalDisplayedUrl, runtimeError } = result.lhr;
    if (runtimeError) throw new Error(`${page.name}: ${runtimeError.code} ${runtimeError.message}`);
    if (!finalDisplayedUrl.endsWith(page.path))
      throw new Error(`${page.name}: ended on ${finalDisplayedUrl} (not signed in?)`);
    await browser.disconnect();
    if (process.env.LH_REPORTS) {
      mkdirSync(process.env.LH_REPORTS, { recursive: true });
      writeFileSync(`${process.env.LH_REPORTS}/${page.name}-${run}.json`, result.report);
    }
    return {
      score: Math.round(categories.performance.score * 100),
      lcp: audits['largest-contentful-paint'].numericValue,
      tbt: audits['total-blocking-time'].numericValue,
      fcp: audits['first-contentful-paint'].numericValue,
      cls: audits['cumulative-layout-shift'].numericValue,
      // Lighthouse's measure of this machine's speed at the time (a quiet desktop scores ~1,500–2,500).
      benchmarkIndex: result.lhr.environment.benchmarkIndex,
    };
  } finally {
    chrome.kill();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (ms) => (ms / 1000).toFixed(2);
const summary = (values, format) =>
  `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;

let portal = null;
if (!process.env.LH_BASE_URL) {
  const dir = 'tmp/lh';
  rmSync(`${dir}/postgres`, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  portal = spawn('node', [`${DIST}/apps/api/main.js`], {
    env: {
      ...process.env,
      PORT: String(PORT),
      WEB_DIST: `${DIST}/apps/web/browser`,
      EMBEDDED_PG_DIR: `${dir}/postgres`,
      EMBEDDED_PG_PORT: process.env.LH_PG_PORT ?? '54700',
      MAILDEV_SMTP_PORT: '3725',
      MAILDEV_WEB_PORT: '3780',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = () => portal?.kill('SIGTERM');
  process.on('exit', stop);
  process.on('SIGINT', () => process.exit(130));
}

try {
  await waitForPortal();
  const session = await signIn();
  console.log(`Lighthouse (mobile, simulated throttling) on ${BASE_URL}, ${RUNS} run(s) per page`);
  console.log(
    `machine: ${cpus().length} × ${cpus()[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const results = Object.fromEntries(PAGES.map((p) => [p.name, []]));
  for (let run = 1; run <= RUNS; run++) {
    for (const page of PAGES) {
      // Lighthouse's own failure to record the trace (NO_NAVSTART, on a loaded machine) asks for
      // another run: taken again, at most twice, and said so.
      let figures;
      for (let attempt = 1; !figures; attempt++) {
        try {
          figures = await measure(page, session, run);
        } catch (error) {
          if (attempt > 2 || !String(error).includes('NO_NAVSTART')) throw error;
          console.log(`run ${run} ${page.name.padEnd(8)} NO_NAVSTART, taken again`);
        }
      }
      results[page.name].push(figures);
      console.log(
        `run ${run} ${page.name.padEnd(8)} score ${String(figures.score).padStart(3)}  LCP ${seconds(figures.lcp)} s  TBT ${Math.round(figures.tbt)} ms  FCP ${seconds(figures.fcp)} s  CLS ${figures.cls.toFixed(3)}  benchmarkIndex ${Math.round(figures.benchmarkIndex)}`,
      );
    }
  }
  console.log(
    `\nmedian (range) over ${RUNS} run(s); load average now ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.table(
    PAGES.map(({ name }) => {
      const runs = results[name];
      return {
        page: name,
        score: summary(
          runs.map((r) => r.score),
          String,
        ),
        'LCP s': summary(
          runs.map((r) => r.lcp),
          seconds,
        ),
        'TBT ms': summary(
          runs.map((r) => r.tbt),
          (v) => String(Math.round(v)),
        ),
        'FCP s': summary(
          runs.map((r) => r.fcp),
          seconds,
        ),
        CLS: summary(
          runs.map((r) => r.cls),
          (v) => v.toFixed(3),
        ),
      };
    }),
  );
  if (process.env.LH_JSON) {
    mkdirSync(dirname(process.env.LH_JSON), { recursive: true });
    writeFileSync(process.env.LH_JSON, JSON.stringify({ baseUrl: BASE_URL, runs: RUNS, results }, null, 2));
  }
} finally {
  portal?.kill('SIGTERM');
}
