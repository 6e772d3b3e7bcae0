// Benchmark of a data export (issue 18 §2, "Done means"): an account with 10,000 access-log events
// and 120 invoices (PDF + UBL each) exported through the real path — the built portal, the owner's
// POST /api/privacy/exports, the pg-boss job streaming the ZIP into PostgreSQL — timed from the POST
// until the export shows "ready" in the owner's list; the portal process's resident memory (VmRSS
// from /proc) is sampled every 10 ms meanwhile and its peak reported, and the CPU the portal and its
// PostgreSQL spent from POST to ready (tools/bench/cpu.mjs). Targets: ≤ 5 s, < 200 MB — for every
// round: the rounds (BENCH_ROUNDS, 5) are exports one after the other in the same process, so garbage
// one export leaves for V8 to collect later shows as a higher peak in the next.
// The ZIP is then downloaded once per round and its manifest checked (not timed).
//
//   npx nx build api && node tools/bench/privacy-export.bench.mjs
//   BENCH_ROUNDS=3 BENCH_EVENTS=1000 …   (a quick look)
//   BENCH_PORT=3320 …                    (portal port; PostgreSQL on BENCH_PORT + 51000)
//   BENCH_WORKER=1 …                     (the export job in a worker process of its own, as docker/
//                                         deploys it: its RSS and CPU are then the worker's)
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { inflateRawSync } from 'node:zlib';
import { call, fmt, inTenant, machine, signIn, startPortal } from './bench-portal.mjs';
import { cpuSeconds } from './cpu.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const INVOICES = Number(process.env.BENCH_INVOICES ?? 120);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3320);
const SPLIT = process.env.BENCH_WORKER === '1';
const DIR = 'tmp/bench-export';
const HOST = `callmonkey.localhost:${PORT}`;

/** Resident memory of a process in MB (VmRSS). */
function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

/**
 * A fresh account in the demo tenant with its owner (the demo password), EVENTS access-log events
 * and INVOICES issued invoices, each with a PDF (~40 kB, incompressible like a real one's images
 * and fonts) and a UBL file (~8 kB). Not timed.
 */
async function makeAccount(client, tenantId, passwordHash) {
  return inTenant(client, tenantId, async () => {
    const [account] = (
      await client.query(
        `INSERT INTO subscriber_account (tenant_id, customer_number, name, billing_email, street, house_number, postal_code, city, country)
         VALUES ($1, 'BENCH-EXPORT', 'Bench export', 'export@bench.example', 'Dorpsstraat', '1', '3542 AB', 'Utrecht', 'NL') RETURNING id`,
        [tenantId],
      )
    ).rows;
    await client.query(
      `INSERT INTO app_user (tenant_id, email, display_name, password_hash, kind, account_id, account_role, staff_roles, email_verified_at)
       VALUES ($1, 'export-owner@bench.example', 'Bench owner', $2, 'subscriber', $3, 'owner', '{}', now())`,
      [tenantId, passwordHash, account.id],
    );
    await client.query(
      `INSERT INTO audit_event (tenant_id, account_id, at, actor_id, actor_name, actor_kind, action, resource, fields, outcome, grant_id, reason, ticket, ip)
       SELECT $1, $2, now() - (n || ' minutes')::interval, NULL, 'Helpdesk agent ' || (n % 7), 'staff', 'read', 'billing',
              ARRAY['street', 'city'], 'allowed', NULL, 'Customer question about invoice ' || n, 'T-' || n, '192.0.2.' || (n % 250)
         FROM generate_series(1, $3::int) n`,
      [tenantId, account.id, EVENTS],
    );
    const ubl = `<?xml version="1.0" encoding="UTF-8"?><Invoice>${'<cbc:Note>line</cbc:Note>'.repeat(320)}</Invoice>`;
    for (let n = 1; n <= INVOICES; n++) {
      const [inv] = (
        await client.query(
          `INSERT INTO invoice (tenant_id, account_id, status, currency, language, year, sequence_no, number, issue_date, document,
                                net_minor, tax_minor, gross_minor)
           VALUES ($1, $2, 'open', 'EUR', 'nl', 2001, $3, $4, DATE '2001-01-01' + $3::int, '{"customer":{"name":"Bench export"}}', 1950, 410, 2360)
           RETURNING id`,
          [tenantId, account.id, n, `BX-2001-${String(n).padStart(6, '0')}`],
        )
      ).rows;
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(40_000)]);
      for (const [format, type, name, content] of [
        ['pdf', 'application/pdf', `BX-2001-${String(n).padStart(6, '0')}.pdf`, pdf],
        ['ubl', 'application/xml', `BX-2001-${String(n).padStart(6, '0')}.xml`, Buffer.from(ubl)],
      ])
        await client.query(
          `INSERT INTO invoice_file (tenant_id, invoice_id, format, media_type, file_name, sha256, content)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [tenantId, inv.id, format, type, name, createHash('sha256').update(content).digest('hex'), content],
        );
    }
    return account.id;
  });
}

async function signInOwner() {
  const headers = await signIn(PORT, HOST, 'export-owner@bench.example');
  return (method, path, body) =>
    call(PORT, method, path, body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, body);
}

/** Files of a ZIP by its central directory (stored or deflated entries, as yazl writes them). */
function unzip(zip) {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const files = new Map();
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString();
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

/**
 * One export. `jobPid` is the process that runs the export job (the portal, or the worker with
 * BENCH_WORKER=1), `webPid` the one that answers HTTP and owns the embedded PostgreSQL.
 */
async function round(api, jobPid, webPid) {
  const before = rssMb(jobPid);
  let peak = before;
  let webPeak = rssMb(webPid);
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, rssMb(jobPid));
      if (webPid !== jobPid) webPeak = Math.max(webPeak, rssMb(webPid));
      await sleep(10);
    }
  })();
  const cpuBefore = { job: cpuSeconds(jobPid), web: cpuSeconds(webPid) };
  const started = performance.now();
  const asked = await api('POST', '/api/privacy/exports', '{}');
  if (asked.status !== 202) throw new Error(`POST export: ${asked.status} ${asked.body}`);
  const id = JSON.parse(asked.body).id;
  let view;
  for (;;) {
    view = JSON.parse((await api('GET', '/api/privacy/exports')).body).find((e) => e.id === id);
    if (view.status !== 'pending') break;
    await sleep(50);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = { job: cpuSeconds(jobPid), web: cpuSeconds(webPid) };
  sampling = false;
  await sampler;
  if (view.status !== 'ready') throw new Error(`export ended ${view.status}`);
  const zip = (await api('GET', view.downloadUrl)).body;
  const files = unzip(zip);
  const manifest = JSON.parse(files.get('manifest.json').toString());
  for (const f of manifest.files)
    if (createHash('sha256').update(files.get(f.path)).digest('hex') !== f.sha256) throw new Error(`hash of ${f.path}`);
  const log = JSON.parse(files.get('access-log/access-log.json').toString());
  const invoices = [...files.keys()].filter((k) => k.startsWith('invoices/')).length;
  if (log.events.length !== EVENTS || invoices !== INVOICES * 2)
    throw new Error(`export holds ${log.events.length} events and ${invoices} invoice files`);
  return {
    seconds,
    peak,
    before,
    webPeak,
    mb: zip.length / 2 ** 20,
    cpuPortal:
      cpuAfter.job.self - cpuBefore.job.self + (webPid === jobPid ? 0 : cpuAfter.web.self - cpuBefore.web.self),
    cpuPostgres: cpuAfter.web.descendants - cpuBefore.web.descendants,
  };
}

const {
  portal,
  worker,
  client,
  demoTenantId,
  passwordHash: hash,
  stop,
} = await startPortal({
  dir: DIR,
  port: PORT,
  worker: SPLIT,
});
const jobProcess = SPLIT ? 'worker' : 'portal';
try {
  const accountId = await makeAccount(client, demoTenantId, hash);
  // Wait for the sealer to chain the events, as they would be in a real account's log.
  for (let i = 0; i < 240; i++) {
    const [chain] = (
      await inTenant(client, demoTenantId, () =>
        client.query(`SELECT last_seq FROM audit_chain WHERE tenant_id = $1 AND account_id = $2`, [
          demoTenantId,
          accountId,
        ]),
      )
    ).rows;
    if (Number(chain?.last_seq ?? 0) >= EVENTS) break;
    await sleep(500);
  }
  const api = await signInOwner();
  const env = machine();
  console.log(
    `privacy export: ${EVENTS.toLocaleString('en')} access-log events, ${INVOICES} invoices; ${ROUNDS} rounds; ${
      SPLIT ? 'web and worker processes' : 'one portal process'
    }; ${env}`,
  );
  const results = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const result = await round(api, (worker ?? portal).pid, portal.pid);
    results.push(result);
    console.log(
      `  round ${r}: ${result.seconds.toFixed(2)} s, ${jobProcess} RSS ${result.before.toFixed(0)} → peak ${result.peak.toFixed(0)} MB${
        SPLIT ? ` (web peak ${result.webPeak.toFixed(0)} MB)` : ''
      }, ZIP ${result.mb.toFixed(1)} MB, CPU portal ${result.cpuPortal.toFixed(2)} s + PostgreSQL ${result.cpuPostgres.toFixed(2)} s`,
    );
  }
  const seconds = results.map((x) => x.seconds);
  const peaks = results.map((x) => x.peak);
  console.log(`export, POST to ready: ${fmt(seconds, 2)} s (median, range; target ≤ 5 s)`);
  console.log(`${jobProcess} peak RSS during the export: ${fmt(peaks, 0)} MB (target < 200 MB)`);
  if (SPLIT)
    console.log(
      `web process peak RSS meanwhile: ${fmt(
        results.map((x) => x.webPeak),
        0,
      )} MB`,
    );
  console.log(`ZIP size: ${fmt(results.map((x) => x.mb))} MB`);
  console.log(
    `CPU, POST to ready (incl. the 50 ms list polling): ${SPLIT ? 'web + worker' : 'portal'} ${fmt(
      results.map((x) => x.cpuPortal),
      2,
    )} s, PostgreSQL ${fmt(
      results.map((x) => x.cpuPostgres),
      2,
    )} s`,
  );
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await stop();
}
