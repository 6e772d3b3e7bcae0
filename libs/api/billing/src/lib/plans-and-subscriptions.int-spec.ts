import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import { NL_SETTINGS, PLAN } from './billing-fixtures.testing';
import { type Period, addDays, daysBetween, periodContaining, prorate } from '@mijn-account/shared-billing-periods';

describe('plans and subscriptions (finance), my subscription (subscriber)', () => {
  let t: TestApp;
  let finance: PortalClient;
  let owner: PortalClient;
  let member: PortalClient;
  let account: string;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

  beforeAll(async () => {
    t = await startTestApp();
    const admin = t.client(t.alpha);
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
    owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    member = t.client(t.alpha);
    await member.signIn(t.alpha.accounts[0].member.email);
    account = t.alpha.accounts[0].id;
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    (await t.sql<{ n: number }>(t.alpha, `SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const fields = (res: { json: () => { errors?: { field: string }[] } }) =>
    (res.json().errors ?? []).map((e) => e.field).sort();

  it('refuses a bad plan naming each field (fractional cents, unknown or foreign currency, unknown category), writing nothing', async () => {
    const fractional = await finance.request('POST', '/api/finance/plans', { body: { ...PLAN, priceMinor: 12.5 } });
    expect(fractional.statusCode).toBe(422);
    expect(fields(fractional)).toEqual(['priceMinor']);
    const unknown = await finance.request('POST', '/api/finance/plans', { body: { ...PLAN, currency: 'XYZ' } });
    expect(fields(unknown)).toEqual(['currency']);
    const foreign = await finance.request('POST', '/api/finance/plans', {
      body: { ...PLAN, currency: 'CAD', taxCategory: 'nope' },
    });
    expect(foreign.statusCode).toBe(422);
    expect(fields(foreign)).toEqual(['currency', 'taxCategory']);
    expect(await count('plan')).toBe(0);
  });

  let plan: { id: string };
  let bigPlan: { id: string };

  it('creates plans and changes a price from a date on', async () => {
    const created = await finance.request('POST', '/api/finance/plans', { body: PLAN });
    expect(created.statusCode).toBe(201);
    plan = created.json();
    expect(plan).toMatchObject({ priceMinor: 3000, archived: false, subscriptions: 0 });
    bigPlan = (
      await finance.request('POST', '/api/finance/plans', { body: { ...PLAN, nameEn: 'Plus', priceMinor: 6000 } })
    ).json();
    const past = await finance.request('POST', `/api/finance/plans/${plan.id}/prices`, {
      body: { priceMinor: 3500, effectiveFrom: '2020-01-01' },
    });
    expect(past.statusCode).toBe(422);
    expect(fields(past)).toEqual(['effectiveFrom']);
  });

  let subscription: { id: string };

  it('refuses a bad subscription (quantity below one, plan of another tenant) naming the field, writing nothing', async () => {
    const betaAdmin = t.client(t.beta);
    await betaAdmin.signIn(t.beta.staff['tenant-admin'].email);
    await betaAdmin.enrolTwoFactor();
    await betaAdmin.request('PUT', '/api/admin/invoicing-settings', {
      headers: { 'if-match': '"v1"' },
      body: NL_SETTINGS,
    });
    const betaPlan = (await betaAdmin.request('POST', '/api/finance/plans', { body: PLAN })).json();
    expect(betaPlan.id).toBeDefined();
    const url = `/api/finance/accounts/${account}/subscriptions`;
    const negative = await finance.request('POST', url, { body: { planId: plan.id, quantity: -1, startDate: today } });
    expect(negative.statusCode).toBe(422);
    expect(fields(negative)).toEqual(['quantity']);
    const foreign = await finance.request('POST', url, {
      body: { planId: betaPlan.id, quantity: 1, startDate: today },
    });
    expect(foreign.statusCode).toBe(422);
    expect(fields(foreign)).toEqual(['planId']);
    expect(await count('subscription')).toBe(0);
    // Another tenant's account is not found at all.
    const otherAccount = await finance.request('POST', `/api/finance/accounts/${t.beta.accounts[0].id}/subscriptions`, {
      body: { planId: plan.id, quantity: 1, startDate: today },
    });
    expect(otherAccount.statusCode).toBe(404);
  });

  it('subscribes an account; a mid-period quantity and plan change leave prorations; every change is in the history', async () => {
    const start = addDays(today, -10);
    const created = await finance.request('POST', `/api/finance/accounts/${account}/subscriptions`, {
      body: { planId: plan.id, quantity: 2, startDate: start },
    });
    expect(created.statusCode).toBe(201);
    subscription = created.json();
    expect(subscription).toMatchObject({ status: 'active', quantity: 2, unitPriceMinor: 3000, billingAnchor: start });
    const etag = String(created.headers['etag']);
    const changed = await finance.request('PUT', `/api/finance/subscriptions/${subscription.id}`, {
      headers: { 'if-match': etag },
      body: { planId: bigPlan.id, quantity: 3, cancelAtPeriodEnd: false },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ planId: bigPlan.id, quantity: 3 });
    const period = periodContaining(
      { startDate: start, billingAnchor: start, interval: 'month', endDate: null },
      today,
    ) as Period;
    const rest = daysBetween(today, period.end);
    const [record] = await t.sql(t.alpha, `SELECT * FROM proration`);
    expect(record).toMatchObject({
      from_quantity: 2,
      to_quantity: 3,
      credit_unit_price_minor: String(prorate(3000, rest, period.fullDays)),
      debit_unit_price_minor: String(prorate(6000, rest, period.fullDays)),
      invoice_id: null,
    });
    const history = await t.sql<{ changes: { field: string }[] }>(
      t.alpha,
      `SELECT changes FROM change_history WHERE subject_type = 'subscription' AND subject_id = $1 ORDER BY id`,
      [account],
    );
    expect(history.map((h) => h.changes.map((c) => c.field))).toEqual([['subscription'], ['plan', 'quantity']]);
  });

  it('logs each finance read of an account’s subscriptions in that account’s access log', async () => {
    const before = await count('audit_event');
    expect((await finance.request('GET', `/api/finance/accounts/${account}/subscriptions`)).statusCode).toBe(200);
    const events = await t.sql(
      t.alpha,
      `SELECT actor_kind::text, actor_id, action, resource, outcome::text FROM audit_event
        WHERE account_id = $1 AND resource = 'subscriptions'`,
      [account],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_kind: 'staff',
      actor_id: t.alpha.staff.finance.id,
      action: 'read',
      resource: 'subscriptions',
      outcome: 'allowed',
    });
    expect(await count('audit_event')).toBe(before + 1);
    // The subscriber's own read is not an access.
    await member.request('GET', '/api/account/subscription');
    expect(await count('audit_event')).toBe(before + 1);
  });

  it('shows the subscriber the plan, price, next invoice date and estimate; the owner cancels at period end and undoes it', async () => {
    const mine = await member.request('GET', '/api/account/subscription');
    expect(mine.statusCode).toBe(200);
    const [view] = mine.json();
    expect(view).toMatchObject({ planName: { nl: 'Basis', en: 'Plus' }, quantity: 3, estimatedAmountMinor: 18000 });
    // The period running today has no invoice yet: the next run bills it (no run day set: due now).
    const period = periodContaining(
      { startDate: view.startDate, billingAnchor: view.billingAnchor, interval: 'month', endDate: null },
      today,
    ) as Period;
    expect(view.nextInvoiceDate).toBe(today);
    expect((await member.request('POST', `/api/account/subscription/${view.id}/cancel`)).statusCode).toBe(403);
    const cancelled = await owner.request('POST', `/api/account/subscription/${view.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    // Cancelled at the end of this period, which is still to be billed.
    expect(cancelled.json()).toMatchObject({
      status: 'cancelling',
      cancelAtPeriodEnd: true,
      endDate: period.end,
      nextInvoiceDate: today,
    });
    const resumed = await owner.request('POST', `/api/account/subscription/${view.id}/resume`);
    expect(resumed.json()).toMatchObject({ status: 'active', endDate: null, nextInvoiceDate: today });
    // Once this period has an invoice (a draft counts: a run drafts a period once), the next one is
    // billed from its first day; with a run day, on that day of the month the next period starts in.
    const [draft] = await t.sql<{ id: string }>(
      t.alpha,
      `INSERT INTO invoice (tenant_id, account_id, subscription_id, period_start, period_end, currency, language)
       VALUES (app_current_tenant(), $1, $2, $3, $4, 'EUR', 'nl') RETURNING id`,
      [account, view.id, period.start, period.end],
    );
    const nextStart = addDays(period.end, 1);
    const read = async () => (await member.request('GET', '/api/account/subscription')).json()[0].nextInvoiceDate;
    expect(await read()).toBe(nextStart);
    await t.sql(t.alpha, `INSERT INTO billing_schedule (tenant_id, run_day) VALUES (app_current_tenant(), 28)`);
    expect(await read()).toBe(`${nextStart.slice(0, 8)}28`);
    await t.sql(t.alpha, `DELETE FROM billing_schedule`);
    await t.sql(t.alpha, `DELETE FROM invoice WHERE id = $1`, [draft.id]);
    const fieldsChanged = await t.sql<{ n: number }>(
      t.alpha,
      `SELECT count(*)::int AS n FROM change_history WHERE subject_type = 'subscription'`,
    );
    expect(fieldsChanged[0].n).toBe(4);
  });

  it('archives a plan in use instead of deleting it', async () => {
    expect((await finance.request('DELETE', `/api/finance/plans/${bigPlan.id}`)).statusCode).toBe(409);
    const archived = await finance.request('POST', `/api/finance/plans/${bigPlan.id}/archive`);
    expect(archived.json()).toMatchObject({ archived: true, subscriptions: 1 });
    const onArchived = await finance.request('POST', `/api/finance/accounts/${account}/subscriptions`, {
      body: { planId: bigPlan.id, quantity: 1, startDate: today },
    });
    expect(fields(onArchived)).toEqual(['planId']);
    const unused = (await finance.request('POST', '/api/finance/plans', { body: { ...PLAN, nameEn: 'Spare' } })).json();
    expect((await finance.request('DELETE', `/api/finance/plans/${unused.id}`)).statusCode).toBe(204);
  });
});
