import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import { NL_SETTINGS, PLAN, calendar } from './billing-fixtures.testing';

const ROOT = join(__dirname, '../../../../..');

/** The built-from-source portal (`apps/api/src/main.ts`) in a process of its own: here, the billing worker. */
function startWorker(t: TestApp): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('ts-node/register/transpile-only'),
      '-r',
      require.resolve('tsconfig-paths/register'),
      join(ROOT, 'apps/api/src/main.ts'),
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.int.json'),
        PORT: String(40_000 + Math.floor(Math.random() * 10_000)),
        DATABASE_URL: t.db.appUrl,
        MIGRATION_DATABASE_URL: t.db.ownerUrl,
        SMTP_URL: t.mail.url,
        SEED_DEMO: 'false',
        WEB_DIST: '/nonexistent',
        LOG_LEVEL: 'info',
        AUDIT_SEAL_SECONDS: '0',
        AUDIT_CHECKPOINT_MINUTES: '0',
        BILLING_BATCH_SIZE: '1',
        BILLING_POLL_SECONDS: '0.5',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('portal ready')) resolve(child);
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${out}`)));
  });
}

/**
 * A billing run whose worker is killed (SIGKILL, no chance to clean up) in the middle of
 * finalising, then started again: every subscription ends with exactly one invoice, numbered
 * 1..N without a gap or a duplicate — a batch that died rolled back its numbers with it.
 */
describe('a billing run killed half-way', () => {
  let t: TestApp;
  let finance: PortalClient;
  const { first, last, previous, today } = calendar();
  const SUBSCRIPTIONS = 200;

  beforeAll(async () => {
    // This process answers HTTP but works no billing jobs: the child processes do.
    t = await startTestApp({ BILLING_WORKER: 'false' });
    const admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    await admin.request('PUT', '/api/admin/invoicing-settings', { headers: { 'if-match': '"v1"' }, body: NL_SETTINGS });
    finance = t.client(t.alpha);
    await finance.signIn(t.alpha.staff.finance.email);
    await finance.enrolTwoFactor();
    const plan = (await finance.request('POST', '/api/finance/plans', { body: PLAN })).json();
    await t.sql(
      t.alpha,
      `INSERT INTO subscriber_account (tenant_id, customer_number, name, street, house_number, postal_code, city, country)
       SELECT $1, 'ALPHA-K' || g, 'Kill ' || g, 'Dorpsstraat', g::text, '1234 AB', 'Utrecht', 'NL'
         FROM generate_series(1, $2::int) g`,
      [t.alpha.id, SUBSCRIPTIONS - 2],
    );
    await t.sql(
      t.alpha,
      `UPDATE subscriber_account SET street = 'Dorpsstraat', house_number = '1', postal_code = '1234 AB', city = 'Utrecht', country = 'NL'
        WHERE street IS NULL`,
    );
    await t.sql(
      t.alpha,
      `INSERT INTO subscription (tenant_id, account_id, plan_id, quantity, start_date, billing_anchor)
       SELECT tenant_id, id, $1, 1, $2, $2 FROM subscriber_account`,
      [plan.id, previous],
    );
  });
  afterAll(() => t.close());

  const run = async (id: string) => (await finance.request('GET', `/api/finance/billing-runs/${id}/progress`)).json();
  const until = async (id: string, done: (r: Record<string, number | string>) => boolean, poll = 200) => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const r = await run(id);
      if (done(r)) return r;
      if (Date.now() > deadline) throw new Error(`run stuck: ${JSON.stringify(r)}`);
      await new Promise((resolve) => setTimeout(resolve, poll));
    }
  };

  it('ends with numbers 1..N, no gap, no duplicate, one invoice per subscription', async () => {
    const started = await finance.request('POST', '/api/finance/billing-runs', {
      body: { periodStart: first, periodEnd: last },
      headers: { 'idempotency-key': 'crash-1' },
    });
    expect(started.statusCode).toBe(201);
    const id = started.json().id as string;

    const worker = await startWorker(t);
    await until(id, (r) => r['status'] === 'review');
    expect((await finance.request('POST', `/api/finance/billing-runs/${id}/finalise`)).statusCode).toBe(200);
    // Kill the worker as soon as some invoices are numbered, in the middle of its batches.
    await until(id, (r) => Number(r['finalised']) >= 3, 5);
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
    const halfway = await run(id);
    expect(halfway.status).toBe('finalising');
    expect(halfway.finalised).toBeLessThan(SUBSCRIPTIONS);
    // What the killed batch did is not there: every number taken belongs to a committed invoice.
    const numbered = await t.sql<{ n: number; max: number | null }>(
      t.alpha,
      `SELECT count(*)::int AS n, max(sequence_no) AS max FROM invoice WHERE number IS NOT NULL`,
    );
    expect(numbered[0].n).toBe(halfway.finalised);
    expect(numbered[0].max).toBe(halfway.finalised);

    // Started again: the same run goes on where it stopped.
    const again = await finance.request('POST', '/api/finance/billing-runs', {
      body: { periodStart: first, periodEnd: last },
      headers: { 'idempotency-key': 'crash-2' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(id);
    const second = await startWorker(t);
    try {
      const done = await until(id, (r) => r['status'] === 'completed');
      expect(done).toMatchObject({ finalised: SUBSCRIPTIONS, failed: 0 });
    } finally {
      second.kill('SIGKILL');
    }
    const invoices = await t.sql<{ subscription_id: string; sequence_no: number; number: string }>(
      t.alpha,
      `SELECT subscription_id, sequence_no, number FROM invoice ORDER BY sequence_no`,
    );
    expect(invoices.map((i) => i.sequence_no)).toEqual(Array.from({ length: SUBSCRIPTIONS }, (_, i) => i + 1));
    expect(new Set(invoices.map((i) => i.subscription_id)).size).toBe(SUBSCRIPTIONS);
    expect(invoices.at(-1)?.number).toBe(`AT-${today.slice(0, 4)}-${String(SUBSCRIPTIONS).padStart(6, '0')}`);
  }, 300_000);
});
