// Benchmark of a data export (issue 18 §2, "Done means"): an account with 10,000 access-log events
// and 120 invoices (PDF + UBL each) exported through the real path — the built portal, the owner's
// POST /api/privacy/exports, the pg-boss job streaming the ZIP into PostgreSQL — timed from the POST
// until the export shows "ready" in the owner's list; the portal process's resident memory (VmRSS
// from /proc) is sampled every 10 ms meanwhile and its peak reported. Targets: ≤ 5 s, < 200 MB.
// The ZIP is then downloaded once per round and its manifest checked (not timed).
//
//   npx nx build api && node tools/bench/privacy-export.bench.mjs
//   BENCH_ROUNDS=3 BENCH_EVENTS=1000 …   (a quick look)
//   BENCH_PORT=3320 …                    (portal port; PostgreSQL on BENCH_PORT + 51000)
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { inflateRawSync } from 'node:zlib';
import pg from 'pg';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const INVOICES = Number(process.env.BENCH_INVOICES ?? 120);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3320);
const PG_PORT = PORT + 51_000;
const DIR = 'tmp/bench-export';
const PASSWORD = 'MijnAccount-demo-2026';
const HOST = `callmonkey.localhost:${PORT}`;

function call(method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: PORT, method, path, headers }, (res) => {
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

async function inTenant(client, tenantId, work) {
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
  const first = await call('GET', '/api/tenant', { host: HOST });
  const xsrf = cookieValue(first.cookies, 'XSRF-TOKEN');
  const response = await call(
    'POST',
    '/api/session',
    {
      host: HOST,
      origin: `http://${HOST}`,
      'content-type': 'application/json',
      'x-xsrf-token': xsrf,
      cookie: `XSRF-TOKEN=${xsrf}`,
    },
    JSON.stringify({ email: 'export-owner@bench.example', password: PASSWORD }),
  );
  if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${response.body}`);
  const after = cookieValue(response.cookies, 'XSRF-TOKEN');
  const headers = {
    host: HOST,
    origin: `http://${HOST}`,
    cookie: `ma_sid=${cookieValue(response.cookies, 'ma_sid')}; XSRF-TOKEN=${after}`,
    'x-xsrf-token': after,
  };
  return (method, path, body) =>
    call(method, path, body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, body);
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

async function round(api, portalPid) {
  const before = rssMb(portalPid);
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, rssMb(portalPid));
      await sleep(10);
    }
  })();
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
  return { seconds, peak, before, mb: zip.length / 2 ** 20 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const fmt = (values, digits = 1) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

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
  const [{ password_hash: hash }] = (
    await inTenant(client, demo.id, () =>
      client.query(`SELECT password_hash FROM app_user WHERE email = 'finance@callmonkey.example'`),
    )
  ).rows;
  const accountId = await makeAccount(client, demo.id, hash);
  // Wait for the sealer to chain the events, as they would be in a real account's log.
  for (let i = 0; i < 240; i++) {
    const [chain] = (
      await inTenant(client, demo.id, () =>
        client.query(`SELECT last_seq FROM audit_chain WHERE tenant_id = $1 AND account_id = $2`, [demo.id, accountId]),
      )
    ).rows;
    if (Number(chain?.last_seq ?? 0) >= EVENTS) break;
    await sleep(500);
  }
  const api = await signInOwner();
  const env = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
  console.log(
    `privacy export: ${EVENTS.toLocaleString('en')} access-log events, ${INVOICES} invoices; ${ROUNDS} rounds; ${env}`,
  );
  const results = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const result = await round(api, portal.pid);
    results.push(result);
    console.log(
      `  round ${r}: ${result.seconds.toFixed(2)} s, portal RSS ${result.before.toFixed(0)} → peak ${result.peak.toFixed(0)} MB, ZIP ${result.mb.toFixed(1)} MB`,
    );
  }
  const seconds = results.map((x) => x.seconds);
  const peaks = results.map((x) => x.peak);
  console.log(`export, POST to ready: ${fmt(seconds, 2)} s (median, range; target ≤ 5 s)`);
  console.log(`portal peak RSS during the export: ${fmt(peaks, 0)} MB (target < 200 MB)`);
  console.log(`ZIP size: ${fmt(results.map((x) => x.mb))} MB`);
} finally {
  await client?.end();
  portal.kill('SIGTERM');
  await new Promise((resolve) => portal.once('exit', resolve));
}
