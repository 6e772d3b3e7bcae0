import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { type PortalClient, type TestApp, startTestApp, problemFields } from '@mijn-account/api-testing';
import { NL_SETTINGS, PLAN, calendar } from './billing-fixtures.testing';
import { en16931Violations } from './documents/en16931-rules.testing';
import { EXPORT_BATCH } from './invoices/invoice-exports.service';

/**
 * Finance's tenant-wide invoices against PostgreSQL: the filtered, keyset-paged list; one invoice in
 * full; its stored files byte for byte; credit notes in their own gapless series, idempotent, never
 * more than invoiced; each read in the account's access log; the exports for the accountant.
 */
describe('finance invoices', () => {
  let t: TestApp;
  let finance: PortalClient;
  const { today, first, last, previous } = calendar();
  const year = today.slice(0, 4);
  let ids: { id: string; account_id: string; gross_minor: string; number: string }[];

  beforeAll(async () => {
    t = await startTestApp({ BILLING_BATCH_SIZE: '50', BILLING_POLL_SECONDS: '0.5' });
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
      `INSERT INTO subscriber_account (tenant_id, customer_number, name, street, house_number, postal_code, city, country, billing_email)
       SELECT $1, 'ALPHA-F' || g, 'Fietsen ' || g, 'Dorpsstraat', g::text, '1234 AB', 'Utrecht', 'NL', 'fietsen' || g || '@example.com'
         FROM generate_series(1, 4) g`,
      [t.alpha.id],
    );
    await t.sql(
      t.alpha,
      `INSERT INTO subscription (tenant_id, account_id, plan_id, quantity, start_date, billing_anchor)
       SELECT tenant_id, id, $1, 2, $2, $2 FROM subscriber_account WHERE customer_number LIKE 'ALPHA-F%'`,
      [plan.id, previous],
    );
    const run = (
      await finance.request('POST', '/api/finance/billing-runs', {
        body: { periodStart: first, periodEnd: last },
        headers: { 'idempotency-key': 'run-1' },
      })
    ).json();
    await until(
      async () =>
        (await finance.request('GET', `/api/finance/billing-runs/${run.id}/progress`)).json().status === 'review',
    );
    await finance.request('POST', `/api/finance/billing-runs/${run.id}/finalise`);
    await until(
      async () =>
        (await finance.request('GET', `/api/finance/billing-runs/${run.id}/progress`)).json().status === 'completed',
    );
    ids = await t.sql(t.alpha, `SELECT id, account_id, gross_minor::text, number FROM invoice ORDER BY sequence_no`);
    expect(ids.length).toBe(4);
  });
  afterAll(() => t.close());

  const until = async (done: () => Promise<boolean>) => {
    const deadline = Date.now() + 45_000;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const rendered = (id: string) =>
    until(async () => (await t.sql(t.alpha, `SELECT 1 FROM invoice_file WHERE invoice_id = $1`, [id])).length === 2);
  const list = (query = '') => finance.request('GET', `/api/finance/invoices${query}`);
  const credit = (invoiceId: string, key: string, body: unknown) =>
    finance.request('POST', `/api/finance/invoices/${invoiceId}/credit-notes`, {
      body,
      headers: { 'idempotency-key': key },
    });

  it('lists the tenant’s invoices newest first, a page at a time, with filters', async () => {
    const all: { id: string; number: string }[] = [];
    let next: string | null = null;
    do {
      const page = await list(`?limit=2${next ? `&after=${next}` : ''}`);
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      all.push(...body.items);
      next = body.next;
    } while (next);
    expect(all.map((i) => i.id).sort()).toEqual(ids.map((i) => i.id).sort());
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);

    const searched = (await list('?q=ALPHA-F3')).json();
    expect(searched.items).toEqual([
      expect.objectContaining({
        customerNumber: 'ALPHA-F3',
        customerName: 'Fietsen 3',
        status: 'open',
        overdue: false,
        grossMinor: 7260,
        paidMinor: 0,
        outstandingMinor: 7260,
      }),
    ]);
    expect((await list(`?q=${ids[1].number}`)).json().items.map((i: { id: string }) => i.id)).toEqual([ids[1].id]);
    expect((await list('?status=paid,void')).json().items).toEqual([]);
    expect((await list(`?from=${today}&to=${today}&status=open`)).json().items).toHaveLength(ids.length);
    expect((await list('?from=2000-01-01&to=2000-12-31')).json().items).toEqual([]);
    expect((await list(`?accountId=${ids[0].account_id}`)).json().items).toHaveLength(1);
    // Overdue: open and past the due date (moved in the database past the trigger, as time would).
    expect((await list('?overdue=true')).json().items).toEqual([]);
  });

  it('refuses bad filters naming the field', async () => {
    const bad = await list('?status=lost&from=2026-02-30&limit=0');
    expect(bad.statusCode).toBe(422);
    expect(problemFields(bad).sort()).toEqual(['limit']);
    const worse = await list('?status=lost&from=2026-02-30&after=nonsense');
    expect(problemFields(worse)).toEqual(['status', 'from', 'after']);
  });

  it('shows one invoice in full: parties, lines with their periods, tax, payments, files', async () => {
    await rendered(ids[0].id);
    const detail = await finance.request('GET', `/api/finance/invoices/${ids[0].id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      id: ids[0].id,
      kind: 'invoice',
      number: `AT-${year}-000001`,
      supplier: { name: 'Alpha Telecom B.V.', vatId: 'NL004495445B01' },
      customer: { customerNumber: expect.any(String) },
      lines: [{ position: 1, quantity: 2, unitPriceMinor: 3000, periodStart: first, periodEnd: last }],
      payments: [],
      creditNotes: [],
      creditedInvoice: null,
      files: [
        { format: 'pdf', fileName: `AT-${year}-000001.pdf`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        { format: 'ubl', fileName: `AT-${year}-000001.xml` },
      ],
    });
    expect(detail.json().taxBreakdown.length).toBeGreaterThan(0);
    expect((await finance.request('GET', '/api/finance/invoices/not-an-id')).statusCode).toBe(404);
  });

  it('serves the stored PDF and UBL byte for byte, with the number and the SHA-256 as ETag', async () => {
    const [stored] = await t.sql<{ content: Buffer; sha256: string }>(
      t.alpha,
      `SELECT content, sha256 FROM invoice_file WHERE invoice_id = $1 AND format = 'pdf'`,
      [ids[0].id],
    );
    const pdf = await finance.request('GET', `/api/finance/invoices/${ids[0].id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`inline; filename="AT-${year}-000001.pdf"`);
    expect(pdf.headers['etag']).toBe(`"${stored.sha256}"`);
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(stored.sha256);
    expect(Buffer.compare(pdf.rawPayload, stored.content)).toBe(0);
    expect(String(pdf.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
    const again = await finance.request('GET', `/api/finance/invoices/${ids[0].id}/pdf`, {
      headers: { 'if-none-match': `"${stored.sha256}"` },
    });
    expect(again.statusCode).toBe(304);
    const ubl = await finance.request('GET', `/api/finance/invoices/${ids[0].id}/ubl`);
    expect(ubl.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(ubl.headers['content-disposition']).toBe(`attachment; filename="AT-${year}-000001.xml"`);
    expect(ubl.body).toContain('<Invoice');
  });

  it('logs every finance read in the account’s access log, with the reason finance', async () => {
    const accountId = ids[2].account_id;
    const before = await t.sql<{ n: number }>(
      t.alpha,
      `SELECT count(*)::int AS n FROM audit_event WHERE account_id = $1`,
      [accountId],
    );
    await finance.request('GET', `/api/finance/invoices/${ids[2].id}`);
    await list(`?accountId=${accountId}`);
    const events = await t.sql<{ actor_kind: string; action: string; resource: string; reason: string }>(
      t.alpha,
      `SELECT actor_kind::text, action, resource, reason FROM audit_event WHERE account_id = $1 ORDER BY at DESC, entry_no DESC LIMIT 2`,
      [accountId],
    );
    expect(events).toEqual([
      { actor_kind: 'staff', action: 'read', resource: 'invoices', reason: 'finance' },
      { actor_kind: 'staff', action: 'read', resource: 'invoices', reason: 'finance' },
    ]);
    const after = await t.sql<{ n: number }>(
      t.alpha,
      `SELECT count(*)::int AS n FROM audit_event WHERE account_id = $1`,
      [accountId],
    );
    expect(after[0].n).toBe(before[0].n + 2);
  });

  it('issues credit notes numbered 1..N in their own series, each naming the invoice it corrects', async () => {
    const whole = await credit(ids[0].id, 'cn-1', { mode: 'whole', reason: 'Sent to the wrong customer' });
    expect(whole.statusCode).toBe(201);
    expect(whole.json()).toMatchObject({
      kind: 'credit-note',
      number: `AT-CN-${year}-000001`,
      status: 'open',
      grossMinor: Number(ids[0].gross_minor),
      creditedInvoice: { id: ids[0].id, number: ids[0].number },
      note: 'Sent to the wrong customer',
      lines: [{ quantity: 2, unitPriceMinor: 3000 }],
    });
    const lines = await credit(ids[1].id, 'cn-2', {
      mode: 'lines',
      lines: [{ position: 1, quantity: 1 }],
      reason: 'One line less',
    });
    expect(lines.json()).toMatchObject({ number: `AT-CN-${year}-000002`, netMinor: 3000, grossMinor: 3630 });
    const amount = await credit(ids[1].id, 'cn-3', { mode: 'amount', amountMinor: 1000, reason: 'Goodwill' });
    expect(amount.json()).toMatchObject({
      number: `AT-CN-${year}-000003`,
      netMinor: 1000,
      taxMinor: 210,
      grossMinor: 1210,
    });
    const numbers = await t.sql<{ sequence_no: number; credited_invoice_id: string }>(
      t.alpha,
      `SELECT sequence_no, credited_invoice_id FROM invoice WHERE kind = 'credit-note' ORDER BY sequence_no`,
    );
    expect(numbers).toEqual([
      { sequence_no: 1, credited_invoice_id: ids[0].id },
      { sequence_no: 2, credited_invoice_id: ids[1].id },
      { sequence_no: 3, credited_invoice_id: ids[1].id },
    ]);
    // The fully credited invoice has nothing left to pay; the other one shows what was credited.
    const first = (await finance.request('GET', `/api/finance/invoices/${ids[0].id}`)).json();
    expect(first).toMatchObject({
      status: 'paid',
      outstandingMinor: 0,
      creditNotes: [{ number: `AT-CN-${year}-000001` }],
    });
    const second = (await finance.request('GET', `/api/finance/invoices/${ids[1].id}`)).json();
    expect(second).toMatchObject({ status: 'open', creditedMinor: 4840, outstandingMinor: 7260 - 4840 });
    // A payment of the rest, not more.
    const tooMuch = await finance.request('POST', `/api/finance/invoices/${ids[1].id}/payments`, {
      body: { amountMinor: 7260 - 4840 + 1, paidOn: today, reference: 'Bank' },
    });
    expect(tooMuch.json().errors[0]).toMatchObject({ field: 'amountMinor', code: 'atMostOutstanding' });
    // Rendered by the render job as a UBL CreditNote that names the invoice.
    const id = lines.json().id;
    await rendered(id);
    const ubl = await finance.request('GET', `/api/finance/invoices/${id}/ubl`);
    expect(ubl.body).toContain('<CreditNote');
    expect(ubl.body).toContain(`<cbc:ID>${ids[1].number}</cbc:ID>`);
    // The EN 16931 rules a validator recomputes (totals, tax breakdown, BR-55 reference) hold for it.
    expect(en16931Violations(ubl.body)).toEqual([]);
    const amountNote = amount.json().id;
    await rendered(amountNote);
    expect(en16931Violations((await finance.request('GET', `/api/finance/invoices/${amountNote}/ubl`)).body)).toEqual(
      [],
    );
    expect((await finance.request('GET', `/api/finance/invoices/${id}/pdf`)).statusCode).toBe(200);
    // Issued, so immutable like an invoice.
    await expect(
      t.sql(t.alpha, `UPDATE invoice SET credited_invoice_id = NULL, kind = 'invoice' WHERE id = $1`, [id]),
    ).rejects.toThrow(/never changes/);
  });

  it('replays an Idempotency-Key with the same request and refuses it with another', async () => {
    const body = { mode: 'amount', amountMinor: 100, reason: 'Late delivery' };
    const firstAnswer = await credit(ids[3].id, 'cn-idem', body);
    expect(firstAnswer.statusCode).toBe(201);
    const replay = await credit(ids[3].id, 'cn-idem', body);
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(firstAnswer.json().id);
    const other = await credit(ids[3].id, 'cn-idem', { ...body, amountMinor: 200 });
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0]).toMatchObject({ field: 'Idempotency-Key', code: 'idempotencyKeyReused' });
    expect(
      await t.sql(t.alpha, `SELECT count(*)::int AS n FROM invoice WHERE credited_invoice_id = $1`, [ids[3].id]),
    ).toEqual([{ n: 1 }]);
  });

  it('refuses bad input naming the field, and more than was invoiced, writing nothing', async () => {
    const count = async () =>
      (await t.sql<{ n: number }>(t.alpha, `SELECT count(*)::int AS n FROM invoice WHERE kind = 'credit-note'`))[0].n;
    const before = await count();
    const cases: [unknown, string[]][] = [
      [{ mode: 'whole', reason: 'Again' }, ['mode']], // ids[0] is credited in full already
      [{ mode: 'lines', reason: 'x' }, ['lines']],
      [{ mode: 'lines', lines: [{ position: 9, quantity: 1 }], reason: 'x' }, ['lines[0].position']],
      [{ mode: 'lines', lines: [{ position: 1, quantity: 3 }], reason: 'x' }, ['lines[0].quantity']],
      [{ mode: 'amount', amountMinor: 1.5, reason: 'x' }, ['amountMinor']],
      [{ mode: 'amount', amountMinor: -5, reason: 'x' }, ['amountMinor']],
      [{ mode: 'amount', reason: 'x' }, ['amountMinor']],
      [{ mode: 'amount', amountMinor: 100 }, ['reason']],
      [{ mode: 'everything', reason: 'x' }, ['mode']],
    ];
    for (const [i, [body, fields]] of cases.entries()) {
      const answer = await credit(ids[0].id, `bad-${i}`, body);
      expect({ i, status: answer.statusCode }).toEqual({ i, status: 422 });
      expect({ i, fields: [...new Set(problemFields(answer))] }).toEqual({
        i,
        fields,
      });
    }
    const tooMuch = await credit(ids[2].id, 'too-much', { mode: 'amount', amountMinor: 6001, reason: 'x' });
    expect(tooMuch.json().errors[0]).toMatchObject({ field: 'amountMinor', code: 'atMostInvoiced' });
    const keyless = await finance.request('POST', `/api/finance/invoices/${ids[2].id}/credit-notes`, {
      body: { mode: 'whole', reason: 'x' },
    });
    expect(keyless.json().errors[0].field).toBe('Idempotency-Key');
    expect(await count()).toBe(before);
  });

  it('exports the period’s invoices and credit notes as CSV, in words of the language asked, safe in spreadsheets', async () => {
    const [who] = await t.sql<{ customer_number: string; name: string }>(
      t.alpha,
      `SELECT customer_number, name FROM subscriber_account WHERE id = $1`,
      [ids[1].account_id],
    );
    // Renamed after issue: the export prints the name the invoice was issued to, never today's formula.
    await t.sql(t.alpha, `UPDATE subscriber_account SET name = '=HYPERLINK("x")' WHERE id = $1`, [ids[1].account_id]);
    const customer = `${who.customer_number},${who.name}`;
    const en = await finance.request('GET', `/api/finance/exports/invoices.csv?from=${today}&to=${today}&language=en`);
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(en.headers['content-disposition']).toBe(`attachment; filename="invoices-${today}-${today}.csv"`);
    const [header, ...rows] = en.body.trim().split('\n');
    expect(header).toBe(
      'number,kind,issue date,customer number,customer,VAT id,currency,net,tax S 21%,gross,status,paid,credits',
    );
    expect(rows).toHaveLength(4 + 4);
    expect(rows).toContain(`${ids[1].number},invoice,${today},${customer},,EUR,60.00,12.60,72.60,open,0.00,`);
    expect(rows).toContain(
      `AT-CN-${year}-000002,credit note,${today},${customer},,EUR,-30.00,-6.30,-36.30,issued,,${ids[1].number}`,
    );
    const nl = await finance.request('GET', `/api/finance/exports/invoices.csv?from=${today}&to=${today}&language=nl`);
    expect(nl.body.split('\n')[0]).toBe(
      'nummer,soort,factuurdatum,klantnummer,klant,btw-nummer,valuta,netto,btw S 21%,totaal,status,betaald,crediteert',
    );
    expect(nl.body).toContain(`${ids[0].number},factuur,${today},`);
    // A credit note asks nothing: issued, never open.
    expect(nl.body).toContain(`AT-CN-${year}-000002,creditnota,${today},`);
    expect(nl.body).toMatch(new RegExp(`AT-CN-${year}-000002,.*,uitgereikt,`));
    expect(nl.body).not.toContain('HYPERLINK');
    const codes = await finance.request('GET', `/api/finance/exports/invoices.csv?from=${today}&to=${today}`);
    expect(codes.body.split('\n')[0]).toContain('number,kind,issueDate');
    const bad = await finance.request('GET', `/api/finance/exports/invoices.csv?from=${today}&to=2000-01-01`);
    expect(bad.statusCode).toBe(422);
    expect(problemFields(bad)).toEqual(['to']);
    const missing = await finance.request('GET', `/api/finance/exports/invoices.csv?from=${today}`);
    expect(problemFields(missing)).toContain('to');
  });

  it('exports the period’s stored UBL files in a ZIP, byte for byte', async () => {
    const all = await t.sql<{ id: string }>(t.alpha, `SELECT id FROM invoice`);
    for (const { id } of all) await rendered(id);
    const zip = await finance.request('GET', `/api/finance/exports/ubl.zip?from=${today}&to=${today}`);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const entries = unzip(zip.rawPayload);
    const stored = await t.sql<{ file_name: string; content: Buffer }>(
      t.alpha,
      `SELECT file_name, content FROM invoice_file WHERE format = 'ubl' ORDER BY file_name`,
    );
    expect([...entries.keys()].sort()).toEqual(stored.map((f) => f.file_name));
    for (const f of stored) expect(Buffer.compare(entries.get(f.file_name) as Buffer, f.content)).toBe(0);
    const none = await finance.request('GET', '/api/finance/exports/ubl.zip?from=2000-01-01&to=2000-01-31');
    expect(unzip(none.rawPayload).size).toBe(0);
  });

  it('refuses anonymous callers, subscribers, staff without the finance role and other tenants', async () => {
    const paths = [
      ['GET', '/api/finance/invoices'],
      ['GET', `/api/finance/invoices/${ids[2].id}`],
      ['GET', `/api/finance/invoices/${ids[2].id}/pdf`],
      ['POST', `/api/finance/invoices/${ids[2].id}/credit-notes`],
      ['GET', `/api/finance/exports/invoices.csv?from=${today}&to=${today}`],
      ['GET', `/api/finance/exports/ubl.zip?from=${today}&to=${today}`],
    ] as const;
    const anonymous = t.client(t.alpha);
    await anonymous.request('GET', '/api/tenant');
    const owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    const agent = t.client(t.alpha);
    await agent.signIn(t.alpha.staff['helpdesk-agent'].email);
    await agent.enrolTwoFactor();
    const beta = t.client(t.beta);
    await beta.signIn(t.beta.staff.finance.email);
    await beta.enrolTwoFactor();
    for (const [method, path] of paths) {
      const body = method === 'POST' ? { mode: 'whole', reason: 'x' } : undefined;
      const headers = { 'idempotency-key': `refused-${path}` };
      expect((await anonymous.request(method, path, { body, headers })).statusCode).toBe(401);
      expect((await owner.request(method, path, { body, headers })).statusCode).toBe(403);
      expect((await agent.request(method, path, { body, headers })).statusCode).toBe(403);
    }
    for (const [method, path] of paths.slice(1, 4)) {
      const body = method === 'POST' ? { mode: 'whole', reason: 'x' } : undefined;
      const answer = await beta.request(method, path, { body, headers: { 'idempotency-key': 'beta' } });
      expect({ path, status: answer.statusCode }).toEqual({ path, status: 404 });
    }
    expect((await beta.request('GET', '/api/finance/invoices')).json().items).toEqual([]);
    const betaCsv = await beta.request('GET', `/api/finance/exports/invoices.csv?from=${today}&to=${today}`);
    expect(betaCsv.body.trim().split('\n')).toHaveLength(1);
  });

  it('meets ten concurrent retries of one request with one credit note, and ten rivals for the rest with one, numbers without a gap', async () => {
    const creditNotesOf = (invoiceId: string) =>
      t.sql<{ id: string; gross_minor: string }>(
        t.alpha,
        `SELECT id, gross_minor::text FROM invoice WHERE kind = 'credit-note' AND credited_invoice_id = $1`,
        [invoiceId],
      );
    expect(await creditNotesOf(ids[2].id)).toEqual([]);
    // The same request ten times at once (a client retrying on a timeout): one credit note, ten equal answers.
    const body = { mode: 'amount', amountMinor: 250, reason: 'Retried on a timeout' };
    const retries = await Promise.all(Array.from({ length: 10 }, () => credit(ids[2].id, 'cn-race', body)));
    expect(retries.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(retries.map((r) => r.json().id)).size).toBe(1);
    expect(await creditNotesOf(ids[2].id)).toHaveLength(1);

    // Ten different requests, each for more than half of what is left: one gets it, nine are told why not.
    const left = Number(ids[2].gross_minor) - retries[0].json().grossMinor;
    const half = Math.ceil(left / 2);
    const rivals = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        credit(ids[2].id, `cn-rival-${i}`, { mode: 'amount', amountMinor: half, reason: `Rival ${i}` }),
      ),
    );
    expect(rivals.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const refused of rivals.filter((r) => r.statusCode !== 201)) {
      expect(refused.statusCode).toBe(422);
      expect(refused.json().errors[0]).toMatchObject({ field: 'amountMinor', code: 'atMostInvoiced' });
    }
    const notes = await creditNotesOf(ids[2].id);
    expect(notes).toHaveLength(2);
    expect(notes.reduce((sum, n) => sum + Number(n.gross_minor), 0)).toBeLessThanOrEqual(Number(ids[2].gross_minor));

    // The refused ones took no number: the series is still 1..N.
    const series = await t.sql<{ sequence_no: number }>(
      t.alpha,
      `SELECT sequence_no::int AS sequence_no FROM invoice WHERE kind = 'credit-note' AND year = $1 ORDER BY sequence_no`,
      [Number(year)],
    );
    expect(series.map((r) => r.sequence_no)).toEqual(series.map((_, i) => i + 1));
  });

  it('streams a CSV of a period larger than one batch whole and in number order', async () => {
    // Copies of an issued invoice, numbered after the last one, in the reverse of their insertion
    // order: the batches are read by id, the rows must still come out by number.
    const extra = EXPORT_BATCH * 2 + 37;
    await t.sql(
      t.alpha,
      `INSERT INTO invoice (tenant_id, account_id, currency, language, status, year, sequence_no, number, issue_date,
                            document, net_minor, tax_minor, gross_minor)
       SELECT i.tenant_id, i.account_id, i.currency, i.language, 'open', i.year, m.last + $1::int + 1 - g,
              'AT-BULK-' || g, i.issue_date, jsonb_set(i.document, '{number}', to_jsonb('AT-BULK-' || g)),
              i.net_minor, i.tax_minor, i.gross_minor
         FROM invoice i, (SELECT max(sequence_no) AS last FROM invoice WHERE kind = 'invoice') m, generate_series(1, $1::int) g
        WHERE i.kind = 'invoice' AND i.sequence_no = 1`,
      [extra],
    );
    const expected = await t.sql<{ number: string }>(
      t.alpha,
      `SELECT number FROM invoice WHERE status <> 'draft' AND issue_date = $1 ORDER BY kind, year, sequence_no`,
      [today],
    );
    expect(expected.length).toBeGreaterThan(EXPORT_BATCH * 2 + 37);
    const csv = await finance.request('GET', `/api/finance/exports/invoices.csv?from=${today}&to=${today}`);
    expect(csv.statusCode).toBe(200);
    const [header, ...rows] = csv.body.trim().split('\n');
    expect(header.split(',')[0]).toBe('number');
    expect(rows.map((row) => row.split(',')[0])).toEqual(expected.map((r) => r.number));
    expect(rows.filter((row) => row.startsWith('AT-BULK-'))).toHaveLength(extra);
  });

  it('shows what the customer is owed when a credit note after a payment covers more than the total (ADR 0014)', async () => {
    // ids[3]: €72,60, €1,21 credited before; €50,00 paid, then one of its two lines (€36,30) credited.
    const invoice = ids[3];
    const paid = await finance.request('POST', `/api/finance/invoices/${invoice.id}/payments`, {
      body: { amountMinor: 5000, paidOn: today, reference: 'Bank' },
    });
    expect(paid.statusCode).toBe(201);
    const note = await credit(invoice.id, 'cn-after-payment', {
      mode: 'lines',
      lines: [{ position: 1, quantity: 1 }],
      reason: 'One line less',
    });
    expect(note.statusCode).toBe(201);
    const overpaid = 5000 + 121 + 3630 - 7260;
    const detail = (await finance.request('GET', `/api/finance/invoices/${invoice.id}`)).json();
    expect(detail).toMatchObject({ status: 'paid', paidMinor: 5000, outstandingMinor: 0, overpaidMinor: overpaid });
    const listed = (await list(`?accountId=${invoice.account_id}&kind=invoice`)).json().items;
    expect(listed.find((i: { id: string }) => i.id === invoice.id)).toMatchObject({ overpaidMinor: overpaid });
    const customer = (await finance.request('GET', `/api/finance/accounts/${invoice.account_id}/invoices`)).json();
    expect(customer.find((i: { id: string }) => i.id === invoice.id)).toMatchObject({
      status: 'paid',
      outstandingMinor: 0,
      overpaidMinor: overpaid,
    });
    for (const [language, word] of [
      ['en', 'overpaid'],
      ['nl', 'te veel betaald'],
    ]) {
      const csv = await finance.request(
        'GET',
        `/api/finance/exports/invoices.csv?from=${today}&to=${today}&language=${language}`,
      );
      const row = csv.body.split('\n').find((r) => r.startsWith(`${invoice.number},`));
      expect(row?.split(',')[10]).toBe(word);
    }
  });
});

/** The entries of a ZIP archive (read from its central directory), stored or deflated. */
function unzip(archive: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = archive.readUInt32LE(end + 16);
  for (let i = 0; i < archive.readUInt16LE(end + 10); i++) {
    const method = archive.readUInt16LE(at + 10);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const skip = nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = archive.readUInt32LE(at + 42);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + skip;
  }
  return entries;
}
