import { type PortalClient, type TestApp, startTestApp, problemFields } from '@mijn-account/api-testing';
import { NL_SETTINGS, PLAN, calendar } from './billing-fixtures.testing';
import { BillingScheduler } from './runs/billing-scheduler';

/**
 * Finance's review of a run (drafts in keyset pages, one-off lines, deleting a draft, retrying the
 * failed ones), the dashboard's figures, and the scheduled run per tenant.
 */
describe('billing run review, dashboard and schedule', () => {
  let t: TestApp;
  let finance: PortalClient;
  let admin: PortalClient;
  let planId: string;
  const { today, first, last } = calendar();
  const BULK = 5;
  const runs = '/api/finance/billing-runs';

  beforeAll(async () => {
    t = await startTestApp({ BILLING_BATCH_SIZE: '2', BILLING_POLL_SECONDS: '0.5' });
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    const saved = await admin.request('PUT', '/api/admin/invoicing-settings', {
      headers: { 'if-match': '"v1"' },
      body: NL_SETTINGS,
    });
    expect(saved.statusCode).toBe(200);
    finance = t.client(t.alpha);
    await finance.signIn(t.alpha.staff.finance.email);
    await finance.enrolTwoFactor();
    planId = (await finance.request('POST', '/api/finance/plans', { body: PLAN })).json().id;
    // Account 1 has an address; account 2 has none (its draft fails to finalise until it gets one).
    await t.sql(
      t.alpha,
      `UPDATE subscriber_account SET street = 'Dam', house_number = '1', postal_code = '1012 JS', city = 'Amsterdam',
              country = 'NL' WHERE id = $1`,
      [t.alpha.accounts[0].id],
    );
    await t.sql(
      t.alpha,
      `INSERT INTO subscriber_account (tenant_id, customer_number, name, street, house_number, postal_code, city, country)
       SELECT $1, 'ALPHA-R' || g, 'Review ' || g, 'Dorpsstraat', g::text, '1234 AB', 'Utrecht', 'NL' FROM generate_series(1, $2::int) g`,
      [t.alpha.id, BULK],
    );
    await t.sql(
      t.alpha,
      `INSERT INTO subscription (tenant_id, account_id, plan_id, quantity, start_date, billing_anchor)
       SELECT tenant_id, id, $1, 1, $2, $2 FROM subscriber_account`,
      [planId, first],
    );
  });
  afterAll(() => t.close());

  const until = async (id: string, done: (run: Record<string, unknown>) => boolean) => {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const run = (await finance.request('GET', `${runs}/${id}/progress`)).json();
      if (done(run)) return run;
      if (Date.now() > deadline) throw new Error(`run ${id} stuck: ${JSON.stringify(run)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const count = async (sql: string, params: unknown[] = []) => (await t.sql<{ n: number }>(t.alpha, sql, params))[0].n;
  const subscriptions = BULK + 2;
  let runId: string;
  let beta: PortalClient;

  it('shows an empty dashboard: nothing open, no run, no schedule; another tenant sees what its settings miss', async () => {
    const summary = await finance.request('GET', '/api/finance/summary');
    expect(summary.statusCode).toBe(200);
    expect(summary.json()).toEqual({ currencies: [], lastRun: null, nextScheduledRun: null, missing: [], today });
    beta = t.client(t.beta);
    await beta.signIn(t.beta.staff.finance.email);
    await beta.enrolTwoFactor();
    expect((await beta.request('GET', '/api/finance/summary')).json().missing).toEqual([
      'legalName',
      'address',
      'vatId',
      'cocNumber',
      'iban',
      'numberPrefix',
      'taxCategories',
    ]);
  });

  it('refuses the new routes to anonymous users, subscribers, staff without the finance role and other tenants', async () => {
    const paths: [string, string][] = [
      ['GET', '/api/finance/summary'],
      ['GET', '/api/finance/billing-schedule'],
      ['GET', `${runs}/00000000-0000-4000-8000-000000000000/drafts`],
      ['GET', `${runs}/00000000-0000-4000-8000-000000000000/drafts/00000000-0000-4000-8000-000000000000`],
      ['POST', `${runs}/00000000-0000-4000-8000-000000000000/retry`],
    ];
    const anonymous = t.client(t.alpha);
    const owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    const agent = t.client(t.alpha);
    await agent.signIn(t.alpha.staff['helpdesk-agent'].email);
    await agent.enrolTwoFactor();
    for (const [method, path] of paths) {
      expect([method, path, (await anonymous.request(method as 'GET', path)).statusCode]).toEqual([method, path, 401]);
      expect([method, path, (await owner.request(method as 'GET', path)).statusCode]).toEqual([method, path, 403]);
      expect([method, path, (await agent.request(method as 'GET', path)).statusCode]).toEqual([method, path, 403]);
    }
  });

  it('lists a run in review a page at a time, by id, with customer names and totals', async () => {
    const started = await finance.request('POST', runs, {
      body: { periodStart: first, periodEnd: last },
      headers: { 'idempotency-key': 'review-1' },
    });
    expect(started.statusCode).toBe(201);
    runId = started.json().id;
    await until(runId, (run) => run['status'] === 'review');
    const seen: {
      id: string;
      customerName: string;
      customerNumber: string;
      netMinor: number;
      lineCount: number;
      problem: string | null;
    }[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await finance.request('GET', `${runs}/${runId}/drafts?limit=3${after ? `&after=${after}` : ''}`);
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().items);
      after = page.json().nextCursor;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(subscriptions);
    expect(new Set(seen.map((d) => d.id)).size).toBe(subscriptions);
    expect([...seen.map((d) => d.id)].sort()).toEqual(seen.map((d) => d.id));
    // Its first line's tax category comes with it: what the review proposes for a one-off line.
    expect(seen.find((d) => d.customerName === 'Review 1')).toMatchObject({
      netMinor: 3000,
      lineCount: 1,
      taxCategory: PLAN.taxCategory,
      failure: null,
    });
    // Before finalising, the review says which draft will not be numbered, and why (no billing address).
    expect(seen.filter((d) => d.problem !== null)).toEqual([
      expect.objectContaining({ customerNumber: t.alpha.accounts[1].customerNumber, problem: 'noBillingAddress' }),
    ]);
    expect((await finance.request('GET', `${runs}/${runId}/progress`)).json()).toMatchObject({
      willFail: 1,
      skips: [],
    });
    const bad = await finance.request('GET', `${runs}/${runId}/drafts?limit=0&after=nope`);
    expect(bad.statusCode).toBe(422);
    expect(problemFields(bad).sort()).toEqual(['after', 'limit']);
    expect((await beta.request('GET', `${runs}/${runId}/drafts`)).statusCode).toBe(404);
  });

  const draftOf = async (customerNumber: string) =>
    (
      await t.sql<{ id: string }>(
        t.alpha,
        `SELECT i.id FROM invoice i JOIN subscriber_account a ON a.id = i.account_id WHERE a.customer_number = $1`,
        [customerNumber],
      )
    )[0].id;

  it('adds a one-off line to a draft, refusing bad input by field without writing', async () => {
    const draft = await draftOf('ALPHA-R1');
    const lines = `${runs}/${runId}/drafts/${draft}/lines`;
    const bad = await finance.request('POST', lines, {
      body: { description: '', quantity: 0, unitPriceMinor: 12.5, taxCategory: 'high' },
    });
    expect(bad.statusCode).toBe(422);
    expect(problemFields(bad).sort()).toEqual(['description', 'quantity', 'unitPriceMinor']);
    const unknownCategory = await finance.request('POST', lines, {
      body: { description: 'Installatie', quantity: 1, unitPriceMinor: 7500, taxCategory: 'luxury' },
    });
    expect(unknownCategory.statusCode).toBe(422);
    expect(unknownCategory.json().errors).toEqual([expect.objectContaining({ field: 'taxCategory' })]);
    expect(await count(`SELECT count(*)::int AS n FROM invoice_line WHERE invoice_id = $1`, [draft])).toBe(1);

    const added = await finance.request('POST', lines, {
      body: { description: 'Installatie', quantity: 2, unitPriceMinor: 7500, taxCategory: 'high' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ id: draft, netMinor: 18000, lineCount: 2 });
    const credit = await finance.request('POST', lines, {
      body: { description: 'Korting', quantity: -1, unitPriceMinor: 1000, taxCategory: 'high' },
    });
    expect(credit.json()).toMatchObject({ netMinor: 17000, lineCount: 3 });
    // A discount is a negative quantity; one that would take the draft below nothing is refused at
    // the quantity (that is a credit note's work), and nothing is written.
    const tooMuch = await finance.request('POST', lines, {
      body: { description: 'Korting', quantity: -18, unitPriceMinor: 1000, taxCategory: 'high' },
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors).toEqual([
      expect.objectContaining({ field: 'quantity', code: 'draftBelowZero', params: { max: 17 } }),
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM invoice_line WHERE invoice_id = $1`, [draft])).toBe(3);

    // Opened in the review: every line in order, with its period, quantity, price, tax category and net.
    const opened = await finance.request('GET', `${runs}/${runId}/drafts/${draft}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ id: draft, customerName: 'Review 1', netMinor: 17000, lineCount: 3 });
    expect(opened.json().lines).toEqual([
      {
        position: 1,
        kind: 'recurring',
        description: expect.any(String),
        periodStart: first,
        periodEnd: last,
        quantity: 1,
        unitPriceMinor: 3000,
        netMinor: 3000,
        taxCategory: 'high',
      },
      {
        position: 2,
        kind: 'one-off',
        description: 'Installatie',
        periodStart: null,
        periodEnd: null,
        quantity: 2,
        unitPriceMinor: 7500,
        netMinor: 15000,
        taxCategory: 'high',
      },
      expect.objectContaining({
        position: 3,
        description: 'Korting',
        quantity: -1,
        unitPriceMinor: 1000,
        netMinor: -1000,
      }),
    ]);
    // Another run's id, an unknown draft and another tenant's session find nothing.
    const elsewhere = `${runs}/00000000-0000-4000-8000-000000000000/drafts/${draft}`;
    expect((await finance.request('GET', elsewhere)).statusCode).toBe(404);
    expect(
      (await finance.request('GET', `${runs}/${runId}/drafts/00000000-0000-4000-8000-000000000000`)).statusCode,
    ).toBe(404);
    expect((await beta.request('GET', `${runs}/${runId}/drafts/${draft}`)).statusCode).toBe(404);
    const unknown = await finance.request(
      'POST',
      `${runs}/${runId}/drafts/00000000-0000-4000-8000-000000000000/lines`,
      {
        body: { description: 'X', quantity: 1, unitPriceMinor: 1, taxCategory: 'high' },
      },
    );
    expect(unknown.statusCode).toBe(404);

    // An erased account's records are kept, restricted (issue 18 §3): nothing new is billed on its draft.
    const erasedDraft = await draftOf('ALPHA-R3');
    await t.sql(t.alpha, `UPDATE subscriber_account SET erased_at = now() WHERE customer_number = 'ALPHA-R3'`);
    const refused = await finance.request('POST', `${runs}/${runId}/drafts/${erasedDraft}/lines`, {
      body: { description: 'Installatie', quantity: 1, unitPriceMinor: 7500, taxCategory: 'high' },
    });
    // The review says why it will not be numbered: the erasure (its address, still there here, is not the cause).
    const reviewed = (await finance.request('GET', `${runs}/${runId}/drafts/${erasedDraft}`)).json();
    const progress = (await finance.request('GET', `${runs}/${runId}/progress`)).json();
    await t.sql(t.alpha, `UPDATE subscriber_account SET erased_at = NULL WHERE customer_number = 'ALPHA-R3'`);
    expect(reviewed).toMatchObject({ id: erasedDraft, problem: 'accountErased' });
    expect(progress.willFail).toBe(2);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'accountId', code: 'accountErased' })]);
    expect(await count(`SELECT count(*)::int AS n FROM invoice_line WHERE invoice_id = $1`, [erasedDraft])).toBe(1);
  });

  it('deletes a draft, and a later run bills its subscription and period again', async () => {
    const draft = await draftOf('ALPHA-R2');
    const deleted = await finance.request('DELETE', `${runs}/${runId}/drafts/${draft}`);
    expect(deleted.statusCode).toBe(204);
    expect(await count(`SELECT count(*)::int AS n FROM invoice WHERE id = $1`, [draft])).toBe(0);
    expect((await finance.request('GET', `${runs}/${runId}/progress`)).json()).toMatchObject({
      drafted: subscriptions - 1,
    });
    expect((await finance.request('DELETE', `${runs}/${runId}/drafts/${draft}`)).statusCode).toBe(404);
  });

  it('finalises, keeps the draft without an address as failed, and finalises it after the address is fixed', async () => {
    expect((await finance.request('POST', `${runs}/${runId}/finalise`)).statusCode).toBe(200);
    const done = await until(runId, (run) => run['status'] === 'completed');
    expect(done).toMatchObject({ finalised: subscriptions - 2, failed: 1 });
    const failedDraft = await draftOf('ALPHA-2');
    const listed = (await finance.request('GET', `${runs}/${runId}/drafts`)).json();
    expect(listed.items).toEqual([expect.objectContaining({ id: failedDraft, failure: expect.any(String) })]);
    // Issued invoices never change: a line on one is a conflict, not a 500.
    const issued = await draftOf('ALPHA-R1');
    const late = await finance.request('POST', `${runs}/${runId}/drafts/${issued}/lines`, {
      body: { description: 'Te laat', quantity: 1, unitPriceMinor: 100, taxCategory: 'high' },
    });
    expect(late.statusCode).toBe(409);

    await t.sql(
      t.alpha,
      `UPDATE subscriber_account SET street = 'Markt', house_number = '2', postal_code = '3511 AA', city = 'Utrecht',
              country = 'NL' WHERE id = $1`,
      [t.alpha.accounts[1].id],
    );
    const retried = await finance.request('POST', `${runs}/${runId}/retry`);
    expect(retried.statusCode).toBe(200);
    const again = await until(runId, (run) => run['status'] === 'completed');
    expect(again).toMatchObject({ finalised: subscriptions - 1, failed: 0 });
    expect((await finance.request('POST', `${runs}/${runId}/retry`)).statusCode).toBe(409);
    const numbers = await t.sql<{ sequence_no: number }>(
      t.alpha,
      `SELECT sequence_no FROM invoice WHERE status <> 'draft' ORDER BY sequence_no`,
    );
    expect(numbers.map((n) => n.sequence_no)).toEqual(Array.from({ length: subscriptions - 1 }, (_, i) => i + 1));

    // The deleted draft's subscription is billed by the next run of the period; nothing else is.
    const rerun = await finance.request('POST', runs, {
      body: { periodStart: first, periodEnd: last },
      headers: { 'idempotency-key': 'review-2' },
    });
    const redrafted = await until(rerun.json().id, (run) => run['status'] === 'review');
    expect(redrafted).toMatchObject({ drafted: 1, skipped: subscriptions - 1, willFail: 0 });
    // Each skipped subscription is named, with why: its period was billed by the first run.
    const skips = (redrafted as { skips: { customerNumber: string; reason: string }[] }).skips;
    expect(skips).toHaveLength(subscriptions - 1);
    expect(new Set(skips.map((s) => s.reason))).toEqual(new Set(['alreadyBilled']));
  });

  it('sums open and overdue amounts per currency from payments and due dates', async () => {
    // An older invoice, overdue since yesterday's due date, half paid (inserted issued: the trigger refuses edits).
    const [account] = t.alpha.accounts;
    const [{ id: old }] = await t.sql<{ id: string }>(
      t.alpha,
      `INSERT INTO invoice (tenant_id, account_id, status, currency, language, year, sequence_no, number, issue_date, due_date,
                            document, net_minor, tax_minor, gross_minor)
       VALUES ($1, $2, 'open', 'EUR', 'nl', 2001, 1, 'AT-2001-000001', '2001-01-01', (now() - interval '2 days')::date, '{}', 1000, 210, 1210)
       RETURNING id`,
      [t.alpha.id, account.id],
    );
    await t.sql(
      t.alpha,
      `INSERT INTO payment (tenant_id, invoice_id, amount_minor, paid_on, reference) VALUES ($1, $2, 210, '2001-01-05', 'deel')`,
      [t.alpha.id, old],
    );
    const summary = (await finance.request('GET', '/api/finance/summary')).json();
    const open = subscriptions - 1;
    // Account R1 has 3000 + 15000 − 1000 net: 17000 + 21 % = 20570; the others 3000 + 630 = 3630.
    expect(summary.currencies).toEqual([
      {
        currency: 'EUR',
        openMinor: 20570 + (open - 1) * 3630 + 1000,
        openCount: open + 1,
        overdueMinor: 1000,
        overdueCount: 1,
      },
    ]);
    expect(summary.lastRun).toMatchObject({ status: 'review', drafted: 1 });
  });

  it('keeps a run day of 1 to 28, starts the month once on that day in the tenant time zone, and finalises it after the review window', async () => {
    const refused = await finance.request('PUT', '/api/finance/billing-schedule', { body: { runDay: 29 } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].field).toBe('runDay');
    expect(await count(`SELECT count(*)::int AS n FROM billing_schedule`)).toBe(0);

    // Run day 28: not passed yet on the 1st–28th, so the month is still to come (today or later).
    const set = await finance.request('PUT', '/api/finance/billing-schedule', { body: { runDay: 28 } });
    expect(set.statusCode).toBe(200);
    const view = set.json();
    expect(view).toMatchObject({ runDay: 28, timeZone: 'Europe/Amsterdam' });
    expect(view.nextRun >= today).toBe(true);
    expect((await finance.request('GET', '/api/finance/summary')).json().nextScheduledRun).toBe(view.nextRun);

    // No review window: the scheduled run's drafts are finalised as soon as they are drafted.
    const current = await admin.request('GET', '/api/admin/invoicing-settings');
    const noWindow = await admin.request('PUT', '/api/admin/invoicing-settings', {
      headers: { 'if-match': current.headers['etag'] as string },
      body: { ...NL_SETTINGS, reviewWindowHours: 0 },
    });
    expect(noWindow.statusCode).toBe(200);

    // A tick before the run day starts nothing; just after midnight in Amsterdam on the 28th (23:30 UTC the day before: 00:30 CET, 01:30 CEST) it does.
    const scheduler = t.app.get(BillingScheduler);
    const month = today.slice(0, 7);
    const [y, m] = month.split('-').map(Number);
    const nextMonth = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    // Use next month, so the period has begun by the tick's "now" whatever today is.
    await t.sql(t.alpha, `UPDATE billing_schedule SET last_period_start = NULL`);
    expect(await scheduler.tick(new Date(`${nextMonth}-27T21:00:00Z`))).toEqual([]);
    const ticks = await Promise.all(
      Array.from({ length: 5 }, () => scheduler.tick(new Date(`${nextMonth}-27T23:30:00Z`))),
    );
    const started = ticks.flat();
    expect(started).toHaveLength(1);
    expect(started[0].tenantId).toBe(t.alpha.id);
    const [scheduled] = await t.sql<{ period_start: string; period_end: string; started_by_name: string }>(
      t.alpha,
      `SELECT period_start::text, period_end::text, started_by_name FROM billing_run WHERE id = $1`,
      [started[0].runId],
    );
    expect(scheduled).toMatchObject({ period_start: `${nextMonth}-01`, started_by_name: 'schedule' });
    expect(await scheduler.tick(new Date(`${nextMonth}-28T10:00:00Z`))).toEqual([]);
    // Nobody confirms: the end of the (empty) review window finalises it, numbers going on without a gap.
    const finished = await until(started[0].runId, (r) => r['status'] === 'completed');
    expect(finished).toMatchObject({ drafted: subscriptions, finalised: subscriptions, failed: 0 });
    const numbers = await t.sql<{ sequence_no: number }>(
      t.alpha,
      `SELECT sequence_no FROM invoice WHERE status <> 'draft' AND year = (SELECT max(year) FROM invoice WHERE run_id = $1)
        ORDER BY sequence_no`,
      [started[0].runId],
    );
    expect(numbers.map((n) => n.sequence_no)).toEqual(numbers.map((_, i) => i + 1));
    expect((await finance.request('GET', '/api/finance/billing-schedule')).json().runDay).toBe(28);
  });
});
