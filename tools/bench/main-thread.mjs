// A page load's main-thread blocking, from the renderer's *thread time* — the steadier companion of
// tools/bench/lighthouse.mjs on this shared 2-core machine. Lighthouse simulates a phone by taking
// each task's wall time ×4; when other processes (the portal, Lighthouse itself) take the core, the
// wall time grows and so does its Total Blocking Time, by ±25 %. Thread time counts only what the
// page's main thread ran. Per load (unthrottled, Chromium tracing, phone viewport, fresh browser):
// "blocking" = over the tasks after first contentful paint, the sum of max(0, 4 × thread time − 50 ms)
// (Lighthouse's TBT rule, on thread time), and the main thread's total CPU. Portals are compared in
// alternation; the median and range of each is printed.
//
//   node tools/bench/main-thread.mjs /account/billing 5 http://127.0.0.1:3900 http://127.0.0.1:3902
//
// Each base URL is a portal running on this machine (e.g. two builds side by side, each started with
// WEB_DIST=<a copy of dist>/apps/web/browser);
// pages other than /sign-in are opened signed in as the demo owner (eva@bakkerijdevries.example,
// CallMonkey). DETAIL=1 lists each long task with what it ran.
import puppeteer from 'puppeteer-core';
import { PASSWORD, call, cookieValue, fmt, machine } from './bench-portal.mjs';

const [path = '/account/billing', rounds = '5', ...bases] = process.argv.slice(2);
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const DEMO = { email: 'eva@bakkerijdevries.example', password: PASSWORD };
if (bases.length === 0) bases.push('http://127.0.0.1:3000');

const hostOf = (base) => `callmonkey.localhost:${new URL(base).port}`;

async function sessionCookies(base) {
  if (path === '/sign-in') return [];
  const port = Number(new URL(base).port);
  const xsrf = cookieValue((await call(port, 'GET', '/api/tenant', { host: hostOf(base) })).cookies, 'XSRF-TOKEN');
  const answer = await call(
    port,
    'POST',
    '/api/session',
    {
      host: hostOf(base),
      origin: `http://${hostOf(base)}`,
      'content-type': 'application/json',
      'x-xsrf-token': xsrf,
      cookie: `XSRF-TOKEN=${xsrf}`,
    },
    JSON.stringify(DEMO),
  );
  if (answer.status !== 200) throw new Error(`sign-in at ${base}: ${answer.status}`);
  return answer.cookies.map((c) => {
    const [name, ...value] = c.split(';')[0].split('=');
    return { name, value: value.join('='), domain: 'callmonkey.localhost', path: '/', httpOnly: /httponly/i.test(c) };
  });
}

async function measure(base) {
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true });
    const cookies = await sessionCookies(base);
    if (cookies.length > 0) await browser.setCookie(...cookies);
    await page.tracing.start({ categories: ['devtools.timeline', 'loading', 'toplevel'] });
    await page.goto(`http://${hostOf(base)}${path}`, { waitUntil: 'networkidle0' });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const events = JSON.parse(Buffer.from(await page.tracing.stop()).toString()).traceEvents;
    const parse = events.find((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url).includes(path));
    const onMain = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X');
    const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === parse.pid)?.ts ?? 0;
    const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.tdur !== undefined);
    const long = tasks.filter((t) => t.ts >= fcp && (4 * t.tdur) / 1000 > 50);
    if (process.env.DETAIL) {
      for (const task of long) {
        const inside = new Map();
        for (const e of onMain) {
          if (e === task || e.tdur === undefined || e.ts < task.ts || e.ts + e.dur > task.ts + task.dur) continue;
          const url = (e.args?.data?.url ?? e.args?.data?.stackTrace?.[0]?.url ?? '').split('/').pop();
          const key = `${e.name} ${url}`.trim();
          inside.set(key, (inside.get(key) ?? 0) + e.tdur / 1000);
        }
        const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 6);
        console.log(
          `  ${((task.ts - fcp) / 1000).toFixed(0)} ms after first paint, ${((4 * task.tdur) / 1000).toFixed(0)} ms ×4: ` +
            top.map(([k, v]) => `${k} ${(4 * v).toFixed(0)}`).join(' | '),
        );
      }
    }
    return {
      blocking: long.reduce((sum, t) => sum + (4 * t.tdur) / 1000 - 50, 0),
      cpu: tasks.reduce((sum, t) => sum + t.tdur / 1000, 0),
    };
  } finally {
    await browser.close();
  }
}

console.log(machine());
const results = new Map(bases.map((base) => [base, []]));
for (let round = 0; round < Number(rounds); round++) {
  for (const base of bases) {
    const result = await measure(base);
    results.get(base).push(result);
    console.log(
      `${base} ${path}: blocking ${result.blocking.toFixed(0)} ms (×4), main thread ${result.cpu.toFixed(0)} ms`,
    );
  }
}
for (const [base, runs] of results) {
  console.log(
    `${base} ${path}: blocking ${fmt(
      runs.map((r) => r.blocking),
      0,
    )} ms, main thread ${fmt(
      runs.map((r) => r.cpu),
      0,
    )} ms, ${runs.length} loads`,
  );
}
