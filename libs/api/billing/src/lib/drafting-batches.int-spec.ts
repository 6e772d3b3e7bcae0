import { DataSource } from 'typeorm';
import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import { beginTenantTransaction, withTenant } from '@mijn-account/api-database';
import { NL_SETTINGS, PLAN, calendar } from './billing-fixtures.testing';
import { BillingEngine } from './runs/billing-engine';

/**
 * A run's drafting batches are worked side by side (BILLING_DRAFT_CONCURRENCY, ADR 0012): planned
 * once, each claimed by one transaction, one being worked never holding up the others, and the run
 * moved to review exactly once, by whichever batch ends last. The jobs are driven by hand here
 * (this process works none), one transaction a step.
 */
describe('drafting batches side by side', () => {
  let t: TestApp;
  let finance: PortalClient;
  const { first, last, previous } = calendar();

  beforeAll(async () => {
    t = await startTestApp({ BILLING_WORKER: 'false', BILLING_BATCH_SIZE: '2' });
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
       SELECT $1, 'ALPHA-P' || g, 'Parallel ' || g, 'Dorpsstraat', g::text, '1234 AB', 'Utrecht', 'NL'
         FROM generate_series(1, 5) g`,
      [t.alpha.id],
    );
    await t.sql(
      t.alpha,
      `INSERT INTO subscription (tenant_id, account_id, plan_id, quantity, start_date, billing_anchor)
       SELECT tenant_id, id, $1, 1, $2, $2 FROM subscriber_account`,
      [plan.id, previous],
    );
  });
  afterAll(() => t.close());

  it('plans once, drafts the other batches while one is held, and moves to review once, after the held one', async () => {
    const subscriptions = (
      await t.sql<{ n: number }>(t.alpha, `SELECT count(*)::int AS n FROM subscription WHERE tenant_id = $1`, [
        t.alpha.id,
      ])
    )[0].n;
    const started = await finance.request('POST', '/api/finance/billing-runs', {
      body: { periodStart: first, periodEnd: last },
      headers: { 'idempotency-key': 'parallel-1' },
    });
    expect(started.statusCode).toBe(201);
    const runId: string = started.json().id;
    const engine = t.app.get(BillingEngine);
    const dataSource = t.app.get(DataSource);
    const step = () => withTenant(dataSource, t.alpha.id, (db) => engine.draftBatch(db, t.alpha.id, runId));

    // Two jobs start at once: one plans the batches (two ids each, the last open-ended) and asks for
    // one more job; the other waits for the plan under the run's lock, or, when it reads after the
    // plan was committed, claims and drafts batch 1 at once.
    const planning = await Promise.all([step(), step()]);
    expect(planning).toEqual(expect.arrayContaining([{ step: 'draft', alongside: 1 }, { step: 'draft' }]));
    const batches = Math.floor(subscriptions / 2) + 1;
    const planned = await t.sql<{ batch_no: number; done: boolean }>(
      t.alpha,
      `SELECT batch_no, done FROM billing_run_batch WHERE run_id = $1 ORDER BY batch_no`,
      [runId],
    );
    expect(planned.map((b) => b.batch_no)).toEqual(Array.from({ length: batches }, (_, i) => i + 1));
    const undone = planned.filter((b) => !b.done).map((b) => b.batch_no);
    expect(undone.length).toBeGreaterThanOrEqual(batches - 1);

    // A job is working the first undone batch (two ids, its transaction open): the others are
    // claimed and drafted without waiting for it.
    const held = await beginTenantTransaction(dataSource, t.alpha.id);
    await held.manager.query(
      `SELECT 1 FROM billing_run_batch WHERE tenant_id = $1 AND run_id = $2 AND batch_no = $3 FOR UPDATE`,
      [t.alpha.id, runId, undone[0]],
    );
    try {
      for (let i = 1; i < undone.length; i++) expect(await step()).toEqual({ step: 'draft' });
      // Nothing left to claim: this job ends, and the run waits for the held batch.
      expect(await step()).toBeNull();
      const waiting = (await finance.request('GET', `/api/finance/billing-runs/${runId}/progress`)).json();
      expect(waiting).toMatchObject({ status: 'drafting', drafted: subscriptions - 2 });
    } finally {
      // The job working the held batch dies: its batch is free again.
      await held.rollback();
    }
    expect(await step()).toMatchObject({ step: 'finalise' });
    expect(await step()).toBeNull();
    const done = (await finance.request('GET', `/api/finance/billing-runs/${runId}/progress`)).json();
    expect(done).toMatchObject({ status: 'review', toBill: subscriptions, drafted: subscriptions, skipped: 0 });
    const drafts = await t.sql<{ n: number; subscriptions: number }>(
      t.alpha,
      `SELECT count(*)::int AS n, count(DISTINCT subscription_id)::int AS subscriptions FROM invoice WHERE run_id = $1`,
      [runId],
    );
    expect(drafts[0]).toEqual({ n: subscriptions, subscriptions });
    expect(
      (await t.sql(t.alpha, `SELECT 1 FROM billing_run_batch WHERE run_id = $1 AND NOT done`, [runId])).length,
    ).toBe(0);
  });
});
