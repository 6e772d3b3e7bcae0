// Benchmark of a billing run (issue 17, "Done means"): 100,000 subscriptions of one tenant to
// finalised, numbered invoices through the real engine — the built portal, started by finance over
// the API, worked by its pg-boss jobs, confirmed, finalised — timed from the POST to the run's
// "completed", beside a yardstick in the same run: one INSERT … SELECT writing the same rows
// (invoices with their document, lines, the number counter) in one transaction, the floor.
// PDF/UBL rendering is apart (the portal runs with BILLING_RENDER_WORKER=false; the render jobs are
// queued as in production); its figures come from invoice-documents.bench.mjs, run at the end.
//
// Each round makes two fresh tenants with N accounts and subscriptions (not timed), bills one with
// the engine and the other with the yardstick; rounds alternate so the machine's drift hits both.
//
//   npx nx build api && node tools/bench/billing-run.bench.mjs
//   BENCH_SUBSCRIPTIONS=10000 BENCH_ROUNDS=1 node tools/bench/billing-run.bench.mjs   (a quick look)
//   BENCH_PORT=3600 …                  (portal port; PostgreSQL on BENCH_PORT + 51000)
//   BENCH_DOCUMENTS=0 …                (skip the PDF/UBL figures)
//   BENCH_PG_STATS=1 …                 (after each engine round, its drafting and its finalising: the
//                                       statements PostgreSQL spent most time on, from pg_stat_statements)
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, fmt, inTenant, machine, signIn, startPortal } from './bench-portal.mjs';
import { cpuSeconds } from './cpu.mjs';

const N = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3210);
const DIR = 'tmp/bench-billing';
const TARGET_SECONDS = 30;
const PG_STATS = process.env.BENCH_PG_STATS === '1';

/**
 * A tenant as an admin would leave it (complete Dutch invoicing settings, a 21 % category, one
 * monthly plan at € 19.50), a finance user, and N accounts with a billing address, each with a
 * subscription of 1–3 lines running since the first day of last year. Not timed.
 */
async function makeTenant(client, slug, passwordHash) {
  const [{ id }] = (
    await client.query(
      `INSERT INTO tenant (slug, display_name, default_language, currency, country, brand_color)
       VALUES ($1, $2, 'nl', 'EUR', 'NL', '#0b5394') RETURNING id`,
      [slug, `Bench ${slug}`],
    )
  ).rows;
  await inTenant(client, id, async () => {
    await client.query(`INSERT INTO tenant_sign_in_settings (tenant_id) VALUES ($1)`, [id]);
    await client.query(`INSERT INTO tenant_access_settings (tenant_id) VALUES ($1)`, [id]);
    await client.query(
      `INSERT INTO invoicing_settings (tenant_id, legal_name, street_line, postal_code, city, country, vat_id,
              coc_number, iban, bic, number_prefix, payment_term_days, review_window_hours, footer_nl, footer_en, time_zone)
       VALUES ($1, 'Bench Telecom B.V.', 'Stationsplein 45', '3013 AK', 'Rotterdam', 'NL', 'NL004495445B01', '24356789',
               'NL81RABO0312345678', 'RABONL2U', 'BN', 14, 24, 'Betaling binnen 14 dagen.', 'Payment within 14 days.',
               'Europe/Amsterdam')`,
      [id],
    );
    await client.query(
      `INSERT INTO tax_category (tenant_id, code, category, rate_basis_points, text_nl, text_en)
       VALUES ($1, 'hoog', 'S', 2100, 'Btw 21%', 'VAT 21%')`,
      [id],
    );
    const [plan] = (
      await client.query(
        `INSERT INTO plan (tenant_id, name_nl, name_en, description_nl, description_en, currency, billing_interval, tax_category)
         VALUES ($1, 'Basis telefonie', 'Basic telephony', 'Eén lijn', 'One line', 'EUR', 'month', 'hoog') RETURNING id`,
        [id],
      )
    ).rows;
    await client.query(
      `INSERT INTO plan_price (tenant_id, plan_id, effective_from, unit_price_minor) VALUES ($1, $2, '2000-01-01', 1950)`,
      [id, plan.id],
    );
    await client.query(
      `INSERT INTO app_user (tenant_id, email, display_name, password_hash, kind, staff_roles, email_verified_at)
       VALUES ($1, 'finance@bench.example', 'Bench finance', $2, 'staff', ARRAY['finance'], now())`,
      [id, passwordHash],
    );
    await client.query(
      `INSERT INTO subscriber_account (tenant_id, customer_number, name, company_name, billing_email,
              street, house_number, postal_code, city, country)
       SELECT $1, 'B-' || lpad(n::text, 6, '0'), 'Bench account ' || n, 'Bench ' || n || ' B.V.', 'billing' || n || '@bench.example',
              'Dorpsstraat', (n % 200 + 1)::text, '3542 AB', 'Utrecht', 'NL'
         FROM generate_series(1, $2::int) n`,
      [id, N],
    );
    await client.query(
      `INSERT INTO subscription (tenant_id, account_id, plan_id, quantity, start_date, billing_anchor)
       SELECT $1, a.id, $2, 1 + (row_number() OVER (ORDER BY a.id))::int % 3, date_trunc('year', now())::date - interval '1 year',
              date_trunc('year', now())::date - interval '1 year'
         FROM subscriber_account a WHERE a.tenant_id = $1`,
      [id, plan.id],
    );
  });
  await client.query('ANALYZE');
  return id;
}

/** Finance of the tenant signed in, with the second factor marked on the session (as portal.bench does for the agent). */
async function signInFinance(client, slug, tenantId) {
  const headers = {
    ...(await signIn(PORT, `${slug}.localhost:${PORT}`, 'finance@bench.example')),
    'content-type': 'application/json',
  };
  await inTenant(client, tenantId, () => client.query(`UPDATE user_session SET second_factor_at = now()`));
  return async (method, path, body) => {
    const extra = method === 'POST' ? { 'idempotency-key': randomUUID() } : {};
    const answer = await call(
      PORT,
      method,
      path,
      { ...headers, ...extra },
      body === undefined ? undefined : JSON.stringify(body),
    );
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.body}`);
    return JSON.parse(answer.body);
  };
}

/** This month, in the tenant's calendar (Europe/Amsterdam): the period the run bills. */
function thisMonth() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const [y, m] = today.split('-').map(Number);
  return { periodStart: `${today.slice(0, 7)}-01`, periodEnd: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/** Where PostgreSQL's time went in one phase (BENCH_PG_STATS=1), then a fresh count for the next. */
async function statementReport(phase) {
  if (!PG_STATS) return;
  console.log(`  ${phase}: top statements (ms total, calls, µs per call, WAL, blocks)`);
  for (const s of await bench.topStatements())
    console.log(
      `    ${String(s.ms).padStart(6)} ${String(s.calls).padStart(7)} ${String(s.us_per_call).padStart(7)} ${s.wal.padStart(8)} ${String(s.blocks).padStart(9)}  ${s.query}`,
    );
  await bench.resetStatements();
}

/** The engine: POST the run, watch its progress, confirm the drafts, until completed. */
async function engineRound(client, portalPid, slug, tenantId) {
  const api = await signInFinance(client, slug, tenantId);
  if (PG_STATS) await bench.resetStatements();
  const cpuBefore = cpuSeconds(portalPid);
  const started = performance.now();
  const run = await api('POST', '/api/finance/billing-runs', thisMonth());
  let view = run;
  let drafted = null;
  for (;;) {
    if (view.status === 'review' && drafted === null) {
      drafted = performance.now();
      await statementReport('drafting');
      view = await api('POST', `/api/finance/billing-runs/${run.id}/finalise`, {});
      continue;
    }
    if (view.status === 'completed') break;
    await sleep(100);
    view = await api('GET', `/api/finance/billing-runs/${run.id}/progress`);
  }
  const done = performance.now();
  const cpuAfter = cpuSeconds(portalPid);
  await statementReport('finalising');
  if (view.finalised !== N || view.failed !== 0) throw new Error(`run ended with ${JSON.stringify(view)}`);
  const [check] = (
    await inTenant(client, tenantId, () =>
      client.query(
        `SELECT count(*)::int AS n, min(sequence_no) AS first, max(sequence_no) AS last, count(DISTINCT sequence_no)::int AS distinct
           FROM invoice WHERE tenant_id = $1 AND status = 'open'`,
        [tenantId],
      ),
    )
  ).rows;
  if (check.n !== N || check.first !== 1 || check.last !== N || check.distinct !== N)
    throw new Error(`numbers not 1..${N}: ${JSON.stringify(check)}`);
  return {
    seconds: (done - started) / 1000,
    drafting: (drafted - started) / 1000,
    finalising: (done - drafted) / 1000,
    cpuPortal: cpuAfter.self - cpuBefore.self,
    cpuPostgres: cpuAfter.descendants - cpuBefore.descendants,
  };
}

/**
 * The floor: the same rows in one transaction, set-based — the drafts (one INSERT … SELECT) and their
 * lines (another; the schema lets lines be written to drafts only), then all of them issued in one UPDATE (numbers 1..N, a document of the engine's shape and size: the engine's first invoice as
 * the template with number, customer and totals replaced), and the counter row.
 */
async function yardstickRound(client, portalPid, tenantId, template) {
  const { periodStart, periodEnd } = thisMonth();
  const cpuBefore = cpuSeconds(portalPid);
  const started = performance.now();
  await inTenant(client, tenantId, async () => {
    // The drafts in one INSERT … SELECT, then their lines in another (a trigger lets lines be written
    // to drafts only and looks the draft up per line: in one statement with the drafts that lookup
    // found nothing to index and took minutes for 100,000).
    await client.query(
      `INSERT INTO invoice (tenant_id, account_id, subscription_id, period_start, period_end, currency, language, net_minor)
       SELECT $1, s.account_id, s.id, $2::date, $3::date, 'EUR', 'nl', s.quantity * 1950
         FROM subscription s WHERE s.tenant_id = $1`,
      [tenantId, periodStart, periodEnd],
    );
    await client.query(
      `INSERT INTO invoice_line (tenant_id, invoice_id, position, kind, description, quantity, unit_price_minor, net_minor,
                                 tax_category, period_start, period_end)
       SELECT $1, i.id, 1, 'recurring', 'Basis telefonie', i.net_minor / 1950, 1950, i.net_minor, 'hoog', $2::date, $3::date
         FROM invoice i WHERE i.tenant_id = $1 AND i.status = 'draft'`,
      [tenantId, periodStart, periodEnd],
    );
    // Fresh statistics, so that the planner joins N drafts by hash rather than by nested loop.
    await client.query(`ANALYZE invoice`);
    // Issued in one statement: numbers 1..N, the document (the engine's shape and size), the totals.
    await client.query(
      `WITH numbered AS MATERIALIZED (
         SELECT i.id, i.net_minor, round(i.net_minor * 0.21)::bigint AS tax, row_number() OVER (ORDER BY i.id)::int AS seq,
                'BN-' || extract(year FROM now())::int || '-' || lpad((row_number() OVER (ORDER BY i.id))::text, 6, '0') AS number,
                a.customer_number, a.company_name, a.street, a.house_number, a.postal_code, a.city, a.country, a.billing_email
           FROM invoice i JOIN subscriber_account a ON a.tenant_id = i.tenant_id AND a.id = i.account_id
          WHERE i.tenant_id = $1 AND i.status = 'draft')
       UPDATE invoice i SET status = 'open', year = extract(year FROM now())::int, sequence_no = n.seq, number = n.number,
              issue_date = current_date, due_date = current_date + 14, tax_minor = n.tax, gross_minor = n.net_minor + n.tax,
              finalised_at = now(),
              document = $2::jsonb || jsonb_build_object(
                'number', n.number, 'paymentReference', n.number,
                'customer', jsonb_build_object('customerNumber', n.customer_number, 'name', n.company_name,
                   'address', jsonb_build_object('streetLine', n.street || ' ' || n.house_number, 'postalCode', n.postal_code,
                                                 'city', n.city, 'region', null, 'country', n.country),
                   'vatId', null, 'registrationNumber', null, 'email', n.billing_email),
                'lines', jsonb_build_array(($2::jsonb -> 'lines' -> 0) || jsonb_build_object('quantity', n.net_minor / 1950, 'netMinor', n.net_minor)),
                'totals', ($2::jsonb -> 'totals') || jsonb_build_object('lineTotalMinor', n.net_minor, 'taxExclusiveMinor', n.net_minor,
                   'taxMinor', n.tax, 'taxInclusiveMinor', n.net_minor + n.tax, 'payableMinor', n.net_minor + n.tax))
         FROM numbered n WHERE i.tenant_id = $1 AND i.id = n.id`,
      [tenantId, template],
    );
    await client.query(
      `INSERT INTO invoice_number_counter (tenant_id, kind, year, prefix, last_number)
       VALUES ($1, 'invoice', extract(year FROM now())::int, 'BN', $2)`,
      [tenantId, N],
    );
  });
  const done = performance.now();
  const cpuAfter = cpuSeconds(portalPid);
  return {
    seconds: (done - started) / 1000,
    cpuPortal: cpuAfter.self - cpuBefore.self,
    cpuPostgres: cpuAfter.descendants - cpuBefore.descendants,
  };
}

const bench = await startPortal({
  dir: DIR,
  port: PORT,
  env: { BILLING_RENDER_WORKER: 'false' },
  statementStats: PG_STATS,
});
const { portal, client, passwordHash: hash, stop } = bench;
const results = { engine: [], yardstick: [] };
try {
  const env = machine();
  console.log(`billing run: ${N.toLocaleString('en')} subscriptions, ${ROUNDS} alternating rounds; ${env}`);
  let template = null;
  for (let round = 1; round <= ROUNDS; round++) {
    const engineTenant = await makeTenant(client, `bench-e${round}`, hash);
    const engine = await engineRound(client, portal.pid, `bench-e${round}`, engineTenant);
    results.engine.push(engine);
    console.log(
      `round ${round}: engine done in ${engine.seconds.toFixed(1)} s (CPU portal ${engine.cpuPortal.toFixed(1)} s, PostgreSQL ${engine.cpuPostgres.toFixed(1)} s)`,
    );
    if (!template)
      template = (
        await inTenant(client, engineTenant, () =>
          client.query(`SELECT document FROM invoice WHERE tenant_id = $1 AND sequence_no = 1`, [engineTenant]),
        )
      ).rows[0].document;
    const yardTenant = await makeTenant(client, `bench-y${round}`, hash);
    const yard = await yardstickRound(client, portal.pid, yardTenant, template);
    results.yardstick.push(yard);
    console.log(
      `round ${round}: engine ${engine.seconds.toFixed(1)} s (drafting ${engine.drafting.toFixed(1)} s, finalising ${engine.finalising.toFixed(1)} s; ` +
        `CPU portal ${engine.cpuPortal.toFixed(1)} s, PostgreSQL ${engine.cpuPostgres.toFixed(1)} s) · ` +
        `yardstick ${yard.seconds.toFixed(1)} s (CPU PostgreSQL ${yard.cpuPostgres.toFixed(1)} s) · ratio ${(engine.seconds / yard.seconds).toFixed(1)}`,
    );
  }
  const e = results.engine;
  const y = results.yardstick;
  console.log(
    `\nmedian (range) of ${ROUNDS} rounds, ${N.toLocaleString('en')} subscriptions → finalised, numbered invoices`,
  );
  console.log(`  engine     ${fmt(e.map((r) => r.seconds))} s wall (goal ≤ ${TARGET_SECONDS} s)`);
  console.log(
    `             drafting ${fmt(e.map((r) => r.drafting))} s, finalising ${fmt(e.map((r) => r.finalising))} s`,
  );
  console.log(
    `             CPU: portal ${fmt(e.map((r) => r.cpuPortal))} s, PostgreSQL ${fmt(e.map((r) => r.cpuPostgres))} s`,
  );
  console.log(
    `  yardstick  ${fmt(y.map((r) => r.seconds))} s wall; CPU PostgreSQL ${fmt(y.map((r) => r.cpuPostgres))} s`,
  );
  console.log(
    `  ratio engine / yardstick: wall ${fmt(e.map((r, i) => r.seconds / y[i].seconds))}, ` +
      `CPU ${fmt(e.map((r, i) => (r.cpuPortal + r.cpuPostgres) / (y[i].cpuPortal + y[i].cpuPostgres)))}`,
  );
  console.log(
    `  invoices per second (engine): ${fmt(
      e.map((r) => N / r.seconds),
      0,
    )}; per CPU-second (portal + PostgreSQL): ${fmt(
      e.map((r) => N / (r.cpuPortal + r.cpuPostgres)),
      0,
    )}`,
  );
} finally {
  await stop();
}

// PDF rendering p50 and PDF/UBL per core: the documents benchmark measures them (not repeated here).
if (process.env.BENCH_DOCUMENTS !== '0') {
  console.log('');
  execFileSync('node', ['tools/bench/invoice-documents.bench.mjs'], { stdio: 'inherit' });
}
