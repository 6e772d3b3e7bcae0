import { createHash } from 'node:crypto';
import { type PortalClient, type TestApp, startTestApp, problemFields } from '@mijn-account/api-testing';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { NL_SETTINGS, PLAN, calendar } from './billing-fixtures.testing';

/**
 * The subscriber's side of finance: Mijn facturen (owners; members when an owner allows), the stored
 * PDF and UBL served byte for byte, the mail with the PDF attached when an invoice is issued, the
 * owner's own plan or quantity change where the tenant allows it, and the helpdesk's invoices:read.
 */
describe('my invoices and my subscription', () => {
  let t: TestApp;
  let admin: PortalClient;
  let finance: PortalClient;
  let owner: PortalClient;
  let member: PortalClient;
  let otherOwner: PortalClient;
  let planId: string;
  let biggerPlanId: string;
  let subscriptionId: string;
  let invoiceId: string;
  const { first, last, previous } = calendar();
  const account = () => t.alpha.accounts[0];

  beforeAll(async () => {
    t = await startTestApp({ BILLING_POLL_SECONDS: '0.5' });
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    const saved = await admin.request('PUT', '/api/admin/invoicing-settings', {
      headers: { 'if-match': '"v1"' },
      body: { ...NL_SETTINGS, reviewWindowHours: 0 },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().subscribersMayChangePlan).toBe(false);
    finance = t.client(t.alpha);
    await finance.signIn(t.alpha.staff.finance.email);
    await finance.enrolTwoFactor();
    planId = (await finance.request('POST', '/api/finance/plans', { body: PLAN })).json().id;
    biggerPlanId = (
      await finance.request('POST', '/api/finance/plans', {
        body: { ...PLAN, nameNl: 'Groot', nameEn: 'Large', priceMinor: 6000 },
      })
    ).json().id;
    await t.sql(
      t.alpha,
      `UPDATE subscriber_account SET street = 'Dorpsstraat', house_number = '1', postal_code = '1234 AB', city = 'Utrecht',
              country = 'NL', billing_email = 'facturen@example.com' WHERE id = $1`,
      [account().id],
    );
    const created = await finance.request('POST', `/api/finance/accounts/${account().id}/subscriptions`, {
      body: { planId, quantity: 1, startDate: previous },
    });
    expect(created.statusCode).toBe(201);
    subscriptionId = created.json().id;
    owner = t.client(t.alpha);
    await owner.signIn(account().owner.email);
    member = t.client(t.alpha);
    await member.signIn(account().member.email);
    otherOwner = t.client(t.alpha);
    await otherOwner.signIn(t.alpha.accounts[1].owner.email);
  });
  afterAll(() => t.close());

  it('lists nothing before the first invoice', async () => {
    const none = await owner.request('GET', '/api/account/invoices');
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual([]);
  });

  it('mails the issued invoice with its stored PDF attached, in the account’s language, to the billing address', async () => {
    const run = await finance.request('POST', '/api/finance/billing-runs', {
      body: { periodStart: first, periodEnd: last },
      headers: { 'idempotency-key': 'my-invoices-1' },
    });
    expect(run.statusCode).toBe(201);
    const mail = await t.mail.waitFor('facturen@example.com', (m) => m.subject.startsWith('Factuur'), 45_000);
    const [stored] = await t.sql<{ invoice_id: string; number: string; content: Buffer; file_name: string }>(
      t.alpha,
      `SELECT f.invoice_id, i.number, f.content, f.file_name FROM invoice_file f JOIN invoice i ON i.tenant_id = f.tenant_id AND i.id = f.invoice_id
        WHERE i.account_id = $1 AND f.format = 'pdf'`,
      [account().id],
    );
    invoiceId = stored.invoice_id;
    expect(mail.subject).toMatch(new RegExp(`^Factuur ${stored.number} van `));
    expect(mail.text).toContain('moet uiterlijk');
    expect(mail.text).toContain('/account/invoices');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: stored.file_name, contentType: 'application/pdf' });
    expect(mail.attachments[0].content.equals(stored.content)).toBe(true);
    // By reference: the outbox holds no copy of the bytes.
    const [ref] = await t.sql<{ format: string; invoice_id: string }>(
      t.alpha,
      `SELECT format, invoice_id FROM mail_attachment`,
    );
    expect(ref).toEqual({ format: 'pdf', invoice_id: invoiceId });
    expect(t.mail.to('facturen@example.com')).toHaveLength(1);
  });

  it('lists the issued invoice for the owner, and serves its PDF and UBL byte for byte', async () => {
    const list = await owner.request('GET', '/api/account/invoices');
    expect(list.statusCode).toBe(200);
    const [invoice] = list.json();
    expect(invoice).toMatchObject({
      id: invoiceId,
      kind: 'invoice',
      status: 'open',
      overdue: false,
      currency: 'EUR',
      netMinor: 3000,
      taxMinor: 630,
      grossMinor: 3630,
      files: { pdf: true, ubl: true },
    });
    expect(invoice.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const format of ['pdf', 'ubl'] as const) {
      const download = await owner.request('GET', `/api/account/invoices/${invoiceId}/${format}`);
      expect(download.statusCode).toBe(200);
      const [file] = await t.sql<{ content: Buffer; sha256: string; media_type: string }>(
        t.alpha,
        `SELECT content, sha256, media_type FROM invoice_file WHERE invoice_id = $1 AND format = $2`,
        [invoiceId, format],
      );
      expect(download.rawPayload.equals(file.content)).toBe(true);
      expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(file.sha256);
      expect(download.headers['content-type']).toContain(file.media_type);
      expect(String(download.headers['content-disposition'])).toMatch(/^attachment; filename=".+"$/);
      expect(download.headers['cache-control']).toBe('no-store');
    }
  });

  it('shows members the invoices only once an owner allows it; only the owner decides, and it is in the history', async () => {
    const refused = await member.request('GET', '/api/account/invoices');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe(PROBLEM_TYPES.forbidden);
    expect((await member.request('GET', `/api/account/invoices/${invoiceId}/pdf`)).statusCode).toBe(403);
    expect((await member.request('GET', '/api/account/invoice-access')).json()).toEqual({
      membersMaySeeInvoices: false,
    });
    expect(
      (await member.request('PUT', '/api/account/invoice-access', { body: { membersMaySeeInvoices: true } }))
        .statusCode,
    ).toBe(403);
    const bad = await owner.request('PUT', '/api/account/invoice-access', { body: { membersMaySeeInvoices: 'yes' } });
    expect(bad.statusCode).toBe(422);
    expect(problemFields(bad)).toEqual(['membersMaySeeInvoices']);
    const allowed = await owner.request('PUT', '/api/account/invoice-access', {
      body: { membersMaySeeInvoices: true },
    });
    expect(allowed.json()).toEqual({ membersMaySeeInvoices: true });
    const seen = await member.request('GET', '/api/account/invoices');
    expect(seen.statusCode).toBe(200);
    expect(seen.json().map((i: { id: string }) => i.id)).toEqual([invoiceId]);
    expect((await member.request('GET', `/api/account/invoices/${invoiceId}/pdf`)).statusCode).toBe(200);
    const [history] = await t.sql<{ changes: unknown }>(
      t.alpha,
      `SELECT changes FROM change_history WHERE subject_id = $1 AND subject_type = 'billing' ORDER BY at DESC LIMIT 1`,
      [account().id],
    );
    expect(history.changes).toEqual([{ field: 'membersSeeInvoices', from: 'false', to: 'true' }]);
  });

  it('never shows another account’s invoices nor drafts', async () => {
    expect((await otherOwner.request('GET', '/api/account/invoices')).json()).toEqual([]);
    for (const format of ['pdf', 'ubl'])
      expect((await otherOwner.request('GET', `/api/account/invoices/${invoiceId}/${format}`)).statusCode).toBe(404);
    const malformed = await owner.request('GET', '/api/account/invoices/not-an-id/pdf');
    expect(malformed.statusCode).toBe(422);
  });

  it('lets the owner change plan or quantity only where the tenant allows it, prorated, in the history', async () => {
    const path = `/api/account/subscription/${subscriptionId}/change`;
    expect((await owner.request('GET', '/api/account/subscription/options')).json()).toEqual({
      mayChangePlan: false,
      plans: [],
    });
    const closed = await owner.request('POST', path, { body: { planId, quantity: 2 } });
    expect(closed.statusCode).toBe(403);

    const settings = await admin.request('GET', '/api/admin/invoicing-settings');
    const opened = await admin.request('PUT', '/api/admin/invoicing-settings', {
      headers: { 'if-match': String(settings.headers['etag']) },
      body: { ...NL_SETTINGS, reviewWindowHours: 0, subscribersMayChangePlan: true },
    });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().subscribersMayChangePlan).toBe(true);
    const options = (await owner.request('GET', '/api/account/subscription/options')).json();
    expect(options.mayChangePlan).toBe(true);
    expect(options.plans.map((p: { id: string; priceMinor: number }) => [p.id, p.priceMinor]).sort()).toEqual(
      [
        [planId, 3000],
        [biggerPlanId, 6000],
      ].sort(),
    );

    const prorations = () =>
      t.sql<{ n: number }>(t.alpha, `SELECT count(*)::int AS n FROM proration WHERE subscription_id = $1`, [
        subscriptionId,
      ]);
    for (const [body, field] of [
      [{ planId, quantity: -1 }, 'quantity'],
      [{ planId, quantity: 1.5 }, 'quantity'],
      [{ planId: '00000000-0000-4000-8000-000000000000', quantity: 1 }, 'planId'],
    ] as const) {
      const bad = await owner.request('POST', path, { body });
      expect(bad.statusCode).toBe(422);
      expect(problemFields(bad)).toEqual([field]);
    }
    expect((await prorations())[0].n).toBe(0);
    expect((await member.request('POST', path, { body: { planId, quantity: 2 } })).statusCode).toBe(403);
    const foreign = await otherOwner.request('POST', path, { body: { planId, quantity: 2 } });
    expect(foreign.statusCode).toBe(404);

    const changed = await owner.request('POST', path, { body: { planId: biggerPlanId, quantity: 2 } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ planId: biggerPlanId, quantity: 2, planName: { en: 'Large' } });
    expect((await prorations())[0].n).toBe(1);
    const [history] = await t.sql<{ changes: { field: string }[]; changed_by_kind: string }>(
      t.alpha,
      `SELECT changes, changed_by_kind FROM change_history WHERE subject_id = $1 AND subject_type = 'subscription'
        ORDER BY at DESC LIMIT 1`,
      [account().id],
    );
    expect(history.changes.map((c) => c.field)).toEqual(['plan', 'quantity']);
    expect(history.changed_by_kind).toBe('subscriber');
  });

  it('shows a helpdesk agent the invoices under an invoices:read grant only, each read in the access log', async () => {
    const agent = t.client(t.alpha);
    await agent.signIn(t.alpha.staff['helpdesk-agent'].email);
    await agent.enrolTwoFactor();
    const url = `/api/support/accounts/${account().id}/invoices`;
    expect((await agent.request('GET', url)).statusCode).toBe(403);
    const ask = (scopes: string[]) =>
      agent.request('POST', '/api/support/requests', {
        body: {
          accountId: account().id,
          reason: 'service',
          ticket: 'T-17',
          justification: 'Customer asks about an invoice',
          scopes,
          minutes: 30,
        },
      });
    const billingOnly = (await ask(['billing:read'])).json().id;
    await owner.request('POST', `/api/account/access-requests/${billingOnly}/approve`, { body: {} });
    expect((await agent.request('GET', url)).statusCode).toBe(403);
    await agent.request('POST', `/api/support/requests/${billingOnly}/close`, { body: { note: 'done' } });

    const asked = await ask(['invoices:read']);
    expect(asked.statusCode).toBe(201);
    const grantId = asked.json().id;
    expect(
      (await owner.request('POST', `/api/account/access-requests/${grantId}/approve`, { body: {} })).json().status,
    ).toBe('active');
    const read = await agent.request('GET', url);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual((await owner.request('GET', '/api/account/invoices')).json());
    const other = await agent.request('GET', `/api/support/accounts/${t.alpha.accounts[1].id}/invoices`);
    expect(other.statusCode).toBe(403);
    // The PDF the owner downloads, byte for byte; another account's invoice is not found under this grant.
    const pdf = await agent.request('GET', `${url}/${invoiceId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const owners = await owner.request('GET', `/api/account/invoices/${invoiceId}/pdf`);
    expect(pdf.rawPayload.equals(owners.rawPayload)).toBe(true);
    expect(
      (await agent.request('GET', `/api/support/accounts/${t.alpha.accounts[1].id}/invoices/${invoiceId}/pdf`))
        .statusCode,
    ).toBe(403);
    const events = await t.sql<{ outcome: string; grant_id: string | null; fields: string[] }>(
      t.alpha,
      `SELECT outcome, grant_id, fields FROM audit_event WHERE account_id = $1 AND resource = 'invoices' AND action = 'read'
        ORDER BY entry_no`,
      [account().id],
    );
    expect(events.filter((e) => e.outcome === 'allowed')).toEqual([
      { outcome: 'allowed', grant_id: grantId, fields: ['number', 'status', 'totals', 'dueDate'] },
      { outcome: 'allowed', grant_id: grantId, fields: ['pdf'] },
    ]);
    expect(events.filter((e) => e.outcome === 'refused').length).toBeGreaterThanOrEqual(2);
  });

  it('shows a partly paid invoice with what is still due, and a credit note as a credit naming the invoice it corrects', async () => {
    const { today } = calendar();
    const paid = await finance.request('POST', `/api/finance/invoices/${invoiceId}/payments`, {
      body: { amountMinor: 1000, paidOn: today, reference: 'Bank' },
    });
    expect(paid.statusCode).toBe(201);
    const note = await finance.request('POST', `/api/finance/invoices/${invoiceId}/credit-notes`, {
      body: { mode: 'amount', amountMinor: 500, reason: 'Goodwill' },
      headers: { 'idempotency-key': 'my-invoices-cn' },
    });
    expect(note.statusCode).toBe(201);
    const list = (await owner.request('GET', '/api/account/invoices')).json();
    const invoice = list.find((i: { id: string }) => i.id === invoiceId);
    expect(invoice).toMatchObject({
      kind: 'invoice',
      status: 'open',
      grossMinor: 3630,
      paidMinor: 1000,
      creditedMinor: 605,
      outstandingMinor: 3630 - 1000 - 605,
      overpaidMinor: 0,
      corrects: null,
    });
    expect(list.find((i: { id: string }) => i.id === note.json().id)).toMatchObject({
      kind: 'credit-note',
      grossMinor: 605,
      dueDate: null,
      overdue: false,
      paidMinor: 0,
      outstandingMinor: 0,
      corrects: invoice.number,
    });
  });
});
