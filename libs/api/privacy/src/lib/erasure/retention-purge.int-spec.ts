import { createHash } from 'node:crypto';
import { AuditJobs, AuditReaderService, AuditWriterService } from '@mijn-account/api-audit';
import { withTenant } from '@mijn-account/api-database';
import { type TestApp, startTestApp } from '@mijn-account/api-testing';
import { REQUEST_RETENTION_YEARS, RetentionPurge } from './retention-purge.job';

let sequence = 100;

/** Enough of an issued document for finance's detail page. */
const DOCUMENT = {
  lines: [],
  supplier: { legalName: 'Alpha', address: {}, vatId: null, registrationNumber: null, iban: 'NL91', bic: null },
  customer: { name: 'Erased', address: {}, vatId: null, registrationNumber: null, customerNumber: 'C1', email: null },
  totals: { subtotals: [] },
  paymentReference: 'AT',
};

/**
 * The retention purge (issue 18 §3, ADR 0015): what an erasure kept goes when its retention ends —
 * and nothing else, by the job or by the runtime role on its own.
 */
describe('retention purge', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** An issued document (as the owner): drafted, a line, issued on `issued`, its PDF, a payment, a reminder and the mail that carried it. */
  async function issued(
    accountId: string,
    issuedOn: string,
    creditOf: string | null = null,
  ): Promise<{ id: string; mail: string }> {
    const kind = creditOf ? 'credit-note' : 'invoice';
    const [{ id }] = await t.sql<{ id: string }>(
      t.alpha,
      `INSERT INTO invoice (tenant_id, kind, account_id, currency, language, credited_invoice_id)
       VALUES (app_current_tenant(), $1, $2, 'EUR', 'nl', $3) RETURNING id`,
      [kind, accountId, creditOf],
    );
    await t.sql(
      t.alpha,
      `INSERT INTO invoice_line (tenant_id, invoice_id, position, kind, description, quantity, unit_price_minor, net_minor, tax_category)
       VALUES (app_current_tenant(), $1, 1, 'one-off', 'Basis', 1, 1000, 1000, 'high')`,
      [id],
    );
    const no = ++sequence;
    await t.sql(
      t.alpha,
      `UPDATE invoice SET status = 'open', year = extract(year FROM $2::date), sequence_no = $3::int, number = 'AT-' || $3::text,
              issue_date = $2::date, due_date = $2::date + 14, document = $4::jsonb, net_minor = 1000,
              tax_minor = 210, gross_minor = 1210, finalised_at = now()
        WHERE id = $1`,
      [id, issuedOn, no, JSON.stringify(DOCUMENT)],
    );
    const pdf = Buffer.from(`pdf ${id}`);
    await t.sql(
      t.alpha,
      `INSERT INTO invoice_file (tenant_id, invoice_id, format, media_type, file_name, sha256, content)
       VALUES (app_current_tenant(), $1, 'pdf', 'application/pdf', 'f.pdf', $2, $3)`,
      [id, createHash('sha256').update(pdf).digest('hex'), pdf],
    );
    await t.sql(
      t.alpha,
      `INSERT INTO payment (tenant_id, invoice_id, amount_minor, paid_on, reference) VALUES (app_current_tenant(), $1, 1210, $2, 'bank')`,
      [id, issuedOn],
    );
    await t.sql(
      t.alpha,
      `INSERT INTO payment_reminder (tenant_id, invoice_id, reminder_no, recipient, language) VALUES (app_current_tenant(), $1, 1, 'pay@example.com', 'nl')`,
      [id],
    );
    const [{ id: mail }] = await t.sql<{ id: string }>(
      t.alpha,
      `INSERT INTO mail_message (tenant_id, recipient, template, subject, text_body, html_body, sent_at)
       VALUES (app_current_tenant(), 'pay@example.com', 'invoice-issued', 'Factuur', 'x', 'x', now()) RETURNING id`,
    );
    await t.sql(
      t.alpha,
      `INSERT INTO mail_attachment (tenant_id, mail_id, position, invoice_id, format) VALUES (app_current_tenant(), $1, 1, $2, 'pdf')`,
      [mail, id],
    );
    return { id, mail };
  }

  /** What is left of a document and what hangs on it, table by table. */
  async function leftOf(doc: { id: string; mail: string }): Promise<number[]> {
    const counts: number[] = [];
    for (const [table, column] of [
      ['invoice', 'id'],
      ['invoice_line', 'invoice_id'],
      ['invoice_file', 'invoice_id'],
      ['payment', 'invoice_id'],
      ['payment_reminder', 'invoice_id'],
      ['mail_attachment', 'invoice_id'],
      ['mail_message', 'id'],
    ]) {
      const value = table === 'mail_message' ? doc.mail : doc.id;
      const [{ n }] = await t.sql<{ n: number }>(
        t.alpha,
        `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`,
        [value],
      );
      counts.push(n);
    }
    return counts;
  }

  const year = new Date().getUTCFullYear();
  const ALL = [1, 1, 1, 1, 1, 1, 1];
  const NONE = [0, 0, 0, 0, 0, 0, 0];

  it('purges an erased account’s documents past their 7 years with what hangs on them, keeps the rest, and the log still verifies', async () => {
    const erased = t.alpha.accounts[0];
    const kept = t.alpha.accounts[1];
    // Access-log events on the account, chained and checkpointed.
    for (const action of ['read', 'approve'] as const)
      await withTenant(t.owner, t.alpha.id, (db) =>
        t.app.get(AuditWriterService).appendAs(db, t.alpha.id, erased.id, {
          action,
          resource: 'invoice',
          outcome: null,
          actorId: null,
          actorName: 'Finance',
          actorKind: 'staff',
          ip: null,
        }),
      );
    await t.app.get(AuditJobs).checkpoint();

    const old = await issued(erased.id, `${year - 8}-03-01`);
    const oldCredit = await issued(erased.id, `${year - 8}-11-30`, old.id);
    const recent = await issued(erased.id, `${year - 1}-06-15`);
    // An old invoice with a credit note still in its retention: kept together.
    const oldWithRecentCredit = await issued(erased.id, `${year - 8}-05-01`);
    const recentCredit = await issued(erased.id, `${year - 1}-02-01`, oldWithRecentCredit.id);
    // Seven years from the end of the year of issue: issued 7 years ago, kept until 31 December this year.
    const sevenYears = await issued(erased.id, `${year - 7}-01-02`);
    // Not erased: kept however old.
    const notErased = await issued(kept.id, `${year - 9}-01-10`);
    await t.sql(t.alpha, `UPDATE subscriber_account SET erased_at = now() - interval '1 day' WHERE id = $1`, [
      erased.id,
    ]);
    // The erasure's final mails: the delivered one goes, the one still waiting stays.
    const finals = await t.sql<{ id: string; sent: boolean }>(
      t.alpha,
      `INSERT INTO mail_message (tenant_id, recipient, template, subject, text_body, html_body, sent_at)
       VALUES (app_current_tenant(), 'gone@example.com', 'erasure-done', 'Gewist', 'x', 'x', now()),
              (app_current_tenant(), 'going@example.com', 'erasure-done', 'Gewist', 'x', 'x', NULL)
       RETURNING id, sent_at IS NOT NULL AS sent`,
    );
    const betaBefore = await t.sql(t.beta, `SELECT count(*)::int AS n FROM invoice`);

    expect(await t.app.get(RetentionPurge).runFor(t.alpha.id)).toEqual({
      invoices: 2,
      finalMails: 1,
      requests: 0,
      consentRecords: 0,
      accessLogEvents: 0,
    });

    expect(await leftOf(old)).toEqual(NONE);
    expect(await leftOf(oldCredit)).toEqual(NONE);
    for (const doc of [recent, oldWithRecentCredit, recentCredit, sevenYears, notErased])
      expect(await leftOf(doc)).toEqual(ALL);
    const mails = await t.sql<{ id: string }>(t.alpha, `SELECT id FROM mail_message WHERE template = 'erasure-done'`);
    expect(mails.map((m) => m.id)).toEqual(finals.filter((f) => !f.sent).map((f) => f.id));
    expect(await t.sql(t.beta, `SELECT count(*)::int AS n FROM invoice`)).toEqual(betaBefore);
    // A second run finds nothing more.
    expect(await t.app.get(RetentionPurge).runFor(t.alpha.id)).toEqual({
      invoices: 0,
      finalMails: 0,
      requests: 0,
      consentRecords: 0,
      accessLogEvents: 0,
    });

    const verified = await withTenant(t.owner, t.alpha.id, (db) =>
      t.app.get(AuditReaderService).verify(db, t.alpha.id, erased.id),
    );
    expect(verified.intact).toBe(true);
    expect(verified.checkpoints.total).toBeGreaterThan(0);
    expect(verified.checkpoints.valid).toBe(verified.checkpoints.total);
  });

  it('detaches a privacy request from its person and free text 5 years after it closed, and keeps the register', async () => {
    const person = t.alpha.accounts[1].owner;
    const closedAgo = (years: number, days: number) =>
      t.sql<{ id: string }>(
        t.alpha,
        `INSERT INTO privacy_request (tenant_id, user_id, account_id, type, channel, details, received_on, deadline,
                                      extended_until, extension_reason, status, outcome, registered_by, closed_at)
         VALUES (app_current_tenant(), $1, $2, 'question', 'email', 'Waarom krijg ik deze mail, Jan?',
                 current_date - 2000, current_date - 1970, current_date - 1950, 'Vraag aan de verwerker, Jan',
                 'done', 'Beantwoord per mail aan Jan', $1, now() - make_interval(years => $3::int, days => $4::int))
         RETURNING id`,
        [person.id, t.alpha.accounts[1].id, years, days],
      );
    const [past] = await closedAgo(REQUEST_RETENTION_YEARS, 1);
    const [within] = await closedAgo(REQUEST_RETENTION_YEARS, -1);
    const betaBefore = await t.sql(t.beta, `SELECT * FROM privacy_request ORDER BY id`);

    expect(await t.app.get(RetentionPurge).runFor(t.alpha.id)).toEqual({
      invoices: 0,
      finalMails: 0,
      requests: 1,
      consentRecords: 0,
      accessLogEvents: 0,
    });

    const read = (id: string) =>
      t.sql(
        t.alpha,
        `SELECT user_id, account_id, registered_by, details, outcome, extension_reason, type, channel, status,
                received_on IS NOT NULL AS received, extended_until IS NOT NULL AS extended, closed_at IS NOT NULL AS closed
           FROM privacy_request WHERE id = $1`,
        [id],
      );
    const kept = { type: 'question', channel: 'email', status: 'done', received: true, extended: true, closed: true };
    expect(await read(past.id)).toEqual([
      {
        ...kept,
        user_id: null,
        account_id: null,
        registered_by: null,
        details: null,
        outcome: null,
        extension_reason: '(removed after retention)',
      },
    ]);
    expect(await read(within.id)).toEqual([
      {
        ...kept,
        user_id: person.id,
        account_id: t.alpha.accounts[1].id,
        registered_by: person.id,
        details: 'Waarom krijg ik deze mail, Jan?',
        outcome: 'Beantwoord per mail aan Jan',
        extension_reason: 'Vraag aan de verwerker, Jan',
      },
    ]);
    expect(await t.sql(t.beta, `SELECT * FROM privacy_request ORDER BY id`)).toEqual(betaBefore);
    // A second run finds nothing more.
    expect((await t.app.get(RetentionPurge).runFor(t.alpha.id)).requests).toBe(0);
  });

  it('shows finance the kept records as restricted: read and download stay (logged), nothing new is made on them', async () => {
    const erased = t.alpha.accounts[0];
    const finance = t.client(t.alpha);
    expect((await finance.signIn(t.alpha.staff.finance.email)).statusCode).toBe(200);
    await t.sql(t.alpha, `UPDATE user_session SET second_factor_at = now() WHERE second_factor_at IS NULL`);
    const [{ erased_at }] = await t.sql<{ erased_at: Date }>(
      t.alpha,
      `SELECT erased_at FROM subscriber_account WHERE id = $1`,
      [erased.id],
    );
    const marker = { erasedAt: erased_at.toISOString(), keptUntil: `${year + 6}-12-31` };
    const logged = async () =>
      Number(
        (
          await t.sql<{ n: string }>(
            t.alpha,
            `SELECT count(*) AS n FROM audit_event WHERE account_id = $1 AND action = 'read' AND actor_kind = 'staff'`,
            [erased.id],
          )
        )[0].n,
      );
    const before = await logged();
    const list = await finance.request('GET', `/api/finance/invoices?accountId=${erased.id}`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; issueDate: string; restricted: unknown }[];
    const recent = items.find((i) => i.issueDate === `${year - 1}-06-15`);
    expect(recent?.restricted).toEqual(marker);
    const detail = await finance.request('GET', `/api/finance/invoices/${recent?.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().restricted).toEqual(marker);
    expect((await finance.request('GET', `/api/finance/invoices/${recent?.id}/pdf`)).statusCode).toBe(200);
    const account = await finance.request('GET', `/api/finance/accounts/${erased.id}`);
    expect(account.json().restricted).toEqual(marker);
    // The customer list marks it too; the others on it are not restricted.
    const customers = (await finance.request('GET', '/api/finance/accounts')).json().items as {
      id: string;
      restricted: unknown;
    }[];
    expect(customers.find((c) => c.id === erased.id)?.restricted).toEqual(marker);
    expect(customers.filter((c) => c.id !== erased.id).map((c) => c.restricted)).toEqual(
      customers.filter((c) => c.id !== erased.id).map(() => null),
    );
    // Another account is not restricted.
    const other = await finance.request('GET', `/api/finance/accounts/${t.alpha.accounts[1].id}`);
    expect(other.json().restricted).toBeNull();
    expect(await logged()).toBeGreaterThanOrEqual(before + 3);

    const credit = await finance.request('POST', `/api/finance/invoices/${recent?.id}/credit-notes`, {
      headers: { 'idempotency-key': 'erased-credit' },
      body: { mode: 'whole', reason: 'Correctie' },
    });
    expect(credit.statusCode).toBe(409);
    expect(credit.json().errors).toEqual([expect.objectContaining({ field: 'accountId', code: 'accountErased' })]);
    const subscription = await finance.request('POST', `/api/finance/accounts/${erased.id}/subscriptions`, {
      body: { planId: '00000000-0000-4000-8000-000000000000', quantity: 1, startDate: `${year}-01-01` },
    });
    expect(subscription.statusCode).toBe(409);
    expect(subscription.json().detail).toContain('erased');
    expect(await t.sql(t.alpha, `SELECT 1 FROM invoice WHERE credited_invoice_id = $1`, [recent?.id])).toEqual([]);
  });

  it('lets the runtime role delete no issued invoice, file or payment itself, even with the purge’s setting', async () => {
    const [{ id }] = await t.sql<{ id: string }>(
      t.alpha,
      `SELECT i.id FROM invoice i JOIN subscriber_account a ON a.id = i.account_id
        WHERE a.erased_at IS NULL ORDER BY i.issue_date LIMIT 1`,
    );
    const asRuntime = (sql: string) => t.appSql(t.alpha, sql, [id]);
    const withSetting = (table: string, column: string) =>
      `WITH flag AS (SELECT set_config('app.fiscal_purge', 'on', true) AS on)
       DELETE FROM ${table} WHERE ${column} = $1 AND EXISTS (SELECT 1 FROM flag)`;
    await expect(asRuntime(`DELETE FROM invoice WHERE id = $1`)).rejects.toThrow(/never deleted/);
    await expect(asRuntime(withSetting('invoice', 'id'))).rejects.toThrow(/never deleted/);
    await expect(asRuntime(withSetting('invoice_file', 'invoice_id'))).rejects.toThrow(/permission denied/);
    await expect(asRuntime(withSetting('payment', 'invoice_id'))).rejects.toThrow(/permission denied/);
    // The purge function serves the caller's own tenant only.
    await expect(t.appSql(t.alpha, `SELECT purge_retained_records($1)`, [t.beta.id])).rejects.toThrow(
      /not this tenant/,
    );
    expect(await t.sql(t.alpha, `SELECT id FROM invoice WHERE id = $1`, [id])).toHaveLength(1);
  });
  // The registers' own retention (ADR 0015): last in this file, as the runs above expect none of it.

  it('deletes a person’s consent records 5 years after the purpose ended for them, and nothing the runtime role can do itself', async () => {
    const person = t.alpha.accounts[1].owner;
    const gone = '00000000-0000-4000-8000-00000000e2a5';
    const goneLately = '00000000-0000-4000-8000-00000000e2a6';
    const record = (user: string, purpose: string, action: string, yearsAgo: number) =>
      t.sql<{ id: string }>(
        t.alpha,
        `INSERT INTO consent_record (tenant_id, purpose, user_id, email, action, method, wording, privacy_version, at)
         VALUES (app_current_tenant(), $1, $2, 'p@example.com', $3, 'portal', 'Ja', '1', now() - make_interval(years => $4::int))
         RETURNING id`,
        [purpose, user, action, yearsAgo],
      );
    const purged = [
      ...(await record(person.id, 'statistics', 'objected', 7)),
      ...(await record(person.id, 'statistics', 'withdrawn', 6)),
      ...(await record(gone, 'age', 'given', 6)),
    ];
    const kept = [
      // Objected long ago and never withdrawn: the objection still holds for a living person.
      ...(await record(person.id, 'direct-marketing', 'objected', 6)),
      // Ended only 4 years ago.
      ...(await record(person.id, 'cookies', 'given', 7)),
      ...(await record(person.id, 'cookies', 'withdrawn', 4)),
      // A person erased, but their last record is within the 5 years.
      ...(await record(goneLately, 'age', 'given', 3)),
    ];
    const ids = [...purged, ...kept].map((r) => r.id);
    // The runtime role cannot delete a record, with the purge's setting or without.
    await expect(
      t.appSql(
        t.alpha,
        `WITH flag AS (SELECT set_config('app.fiscal_purge', 'on', true) AS on)
         DELETE FROM consent_record WHERE id = $1 AND EXISTS (SELECT 1 FROM flag)`,
        [purged[0].id],
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(t.appSql(t.alpha, `SELECT purge_consent_records($1)`, [t.beta.id])).rejects.toThrow(/not this tenant/);
    // Nor can the owner outside the purge: the ledger stays append-only.
    await expect(t.sql(t.alpha, `DELETE FROM consent_record WHERE id = $1`, [purged[0].id])).rejects.toThrow(
      /append-only/,
    );
    const betaBefore = await t.sql(t.beta, `SELECT count(*)::int AS n FROM consent_record`);

    expect((await t.app.get(RetentionPurge).runFor(t.alpha.id)).consentRecords).toBe(3);

    const left = await t.sql<{ id: string }>(
      t.alpha,
      `SELECT id FROM consent_record WHERE id = ANY ($1::bigint[]) ORDER BY id`,
      [ids],
    );
    expect(left.map((r) => r.id)).toEqual(kept.map((r) => r.id));
    expect(await t.sql(t.beta, `SELECT count(*)::int AS n FROM consent_record`)).toEqual(betaBefore);
    expect((await t.app.get(RetentionPurge).runFor(t.alpha.id)).consentRecords).toBe(0);
  });

  it('purges an erased account’s access log up to a signed checkpoint past retention; the rest still verifies and a tampered entry after it is caught', async () => {
    const [{ id: accountId }] = await t.sql<{ id: string }>(
      t.alpha,
      `INSERT INTO subscriber_account (tenant_id, customer_number, name) VALUES (app_current_tenant(), 'ALPHA-OLD', 'Old')
       RETURNING id`,
    );
    const append = (resource: string) =>
      withTenant(t.owner, t.alpha.id, (db) =>
        t.app.get(AuditWriterService).appendAs(db, t.alpha.id, accountId, {
          action: 'read',
          resource,
          outcome: 'allowed',
          actorId: null,
          actorName: 'Helpdesk',
          actorKind: 'staff',
          ip: '192.0.2.7',
        }),
      );
    /** As the owner with the log's triggers off: what only a forger (or this test's clock) could do. */
    const forge = (sql: string, params: unknown[] = []) =>
      withTenant(t.owner, t.alpha.id, async (db) => {
        await db.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
        await db.query(sql, params);
        await db.query(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
      });
    // Three events six years old (dated back before sealing: their hashes cover the date), signed at 3;
    // two recent ones, signed at 5.
    for (const resource of ['profile', 'billing', 'invoice']) await append(resource);
    await forge(`UPDATE audit_event SET at = at - interval '6 years' WHERE account_id = $1`, [accountId]);
    await t.app.get(AuditJobs).checkpoint();
    for (const resource of ['profile', 'billing']) await append(resource);
    await t.app.get(AuditJobs).checkpoint();
    const verify = () =>
      withTenant(t.owner, t.alpha.id, (db) => t.app.get(AuditReaderService).verify(db, t.alpha.id, accountId));
    expect(await verify()).toMatchObject({ intact: true, events: 5, checkpoints: { total: 2, valid: 2 } });

    // Not erased yet: nothing goes, however old.
    expect((await t.app.get(RetentionPurge).runFor(t.alpha.id)).accessLogEvents).toBe(0);
    await t.sql(t.alpha, `UPDATE subscriber_account SET erased_at = now() - interval '6 years' WHERE id = $1`, [
      accountId,
    ]);
    // The runtime role can neither delete the log nor move the chain's start.
    await expect(t.appSql(t.alpha, `DELETE FROM audit_seal WHERE account_id = $1`, [accountId])).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      t.appSql(t.alpha, `UPDATE audit_chain SET purged_through = 3 WHERE account_id = $1`, [accountId]),
    ).rejects.toThrow(/purge point/);
    await expect(t.appSql(t.alpha, `SELECT purge_access_log($1)`, [t.beta.id])).rejects.toThrow(/not this tenant/);

    expect((await t.app.get(RetentionPurge).runFor(t.alpha.id)).accessLogEvents).toBe(3);
    expect((await t.app.get(RetentionPurge).runFor(t.alpha.id)).accessLogEvents).toBe(0);

    const left = await t.sql<{ seq: string; resource: string }>(
      t.alpha,
      `SELECT s.seq, e.resource FROM audit_seal s JOIN audit_event e ON e.tenant_id = s.tenant_id AND e.entry_no = s.entry_no
        WHERE s.account_id = $1 ORDER BY s.seq`,
      [accountId],
    );
    expect(left).toEqual([
      { seq: '4', resource: 'profile' },
      { seq: '5', resource: 'billing' },
    ]);
    expect(
      await t.sql(t.alpha, `SELECT count(*)::int AS n FROM audit_event WHERE account_id = $1`, [accountId]),
    ).toEqual([{ n: 2 }]);
    const checkpoints = await t.sql<{ seq: string }>(
      t.alpha,
      `SELECT seq FROM audit_checkpoint WHERE account_id = $1 ORDER BY seq`,
      [accountId],
    );
    expect(checkpoints.map((c) => c.seq)).toEqual(['3', '5']);
    // What remains verifies from the signed checkpoint at 3, and both checkpoints hold.
    expect(await verify()).toMatchObject({ intact: true, events: 2, checkpoints: { total: 2, valid: 2 } });

    // A tampered entry after the purge point is still caught.
    await forge(`UPDATE audit_event SET ticket = 'T-forged' WHERE account_id = $1 AND resource = 'profile'`, [
      accountId,
    ]);
    expect(await verify()).toMatchObject({
      intact: false,
      firstBroken: { seq: 4, problem: 'its content does not match its hash' },
    });
  });
});
