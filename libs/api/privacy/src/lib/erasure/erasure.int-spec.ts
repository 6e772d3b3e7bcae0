import { createHash } from 'node:crypto';
import { AuditJobs, AuditReaderService, AuditWriterService } from '@mijn-account/api-audit';
import { withTenant } from '@mijn-account/api-database';
import { FIXTURE_PASSWORD, type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import { ERASURE_ROUTE, PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { ErasureService } from './erasure.service';

const URL = `/api/${ERASURE_ROUTE}`;

const NL_SETTINGS = {
  legalName: 'Alpha Telecom B.V.',
  address: { streetLine: 'Keizersgracht 1', postalCode: '1015cj', city: 'Amsterdam', region: null, country: 'nl' },
  vatId: 'NL004495445B01',
  cocNumber: '12345678',
  iban: 'nl91 abna 0417 1643 00',
  bic: 'abnanl2a',
  numberPrefix: 'AT',
  paymentTermDays: 14,
  reviewWindowHours: 0,
  footerNl: 'Betaling binnen 14 dagen.',
  footerEn: 'Payment within 14 days.',
  timeZone: 'Europe/Amsterdam',
  taxCategories: [{ code: 'high', category: 'S', rateBasisPoints: 2100, textNl: 'Btw hoog', textEn: 'VAT standard' }],
};
const PLAN = {
  nameNl: 'Basis',
  nameEn: 'Basic',
  descriptionNl: 'Eén lijn',
  descriptionEn: 'One line',
  priceMinor: 3000,
  currency: 'EUR',
  interval: 'month',
  taxCategory: 'high',
};

/** Tables that may still hold something of an erased person, and why (ADR 0015). */
const KEPT: Record<string, string> = {
  consent_record: 'proof of consent and its withdrawal',
  invoice: 'the invoice as issued, its customer snapshot with the billing e-mail (7-year fiscal retention)',
  privacy_request: 'proof the request was handled (user id only; what the person wrote is emptied)',
  erasure_request: 'the erasure itself (user id only)',
  mail_message:
    'the final mail, until it is delivered and purged (invoice mails stay as proof of sending, without address or text)',
  privacy_export: "an export's bookkeeping (user id only; its ZIP is deleted)",
};

/**
 * Erasure (issue 18 §3): step-up, the grace period and its cancellation, the job at its end (the
 * person cannot sign in, nothing of them is left but what is kept, the access log still verifies
 * with their name gone, invoices unchanged), the last owner's rule, and tenancy.
 */
describe('erasure', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PRIVACY_WORKER: 'true', BILLING_POLL_SECONDS: '0.5' });
  });
  afterAll(() => t.close());

  async function signedIn(tenant: TestApp['alpha'], email: string): Promise<PortalClient> {
    const client = t.client(tenant);
    expect((await client.signIn(email)).statusCode).toBe(200);
    return client;
  }

  async function stepUp(client: PortalClient): Promise<void> {
    expect(
      (await client.request('POST', '/api/session/step-up', { body: { password: FIXTURE_PASSWORD } })).statusCode,
    ).toBe(204);
  }

  /** Every row of every tenant table (as the owner, this tenant only) whose text holds one of `needles`. */
  async function rowsHolding(needles: string[]): Promise<Record<string, number>> {
    const tables = await t.sql<{ table_name: string }>(
      t.alpha,
      `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables tb
           ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' ORDER BY 1`,
    );
    const found: Record<string, number> = {};
    for (const { table_name } of tables) {
      const [{ n }] = await t.sql<{ n: string }>(
        t.alpha,
        `SELECT count(*) AS n FROM ${table_name} x WHERE x.tenant_id = app_current_tenant() AND lower(x::text) LIKE ANY ($1)`,
        [needles.map((s) => `%${s.toLowerCase()}%`)],
      );
      if (Number(n) > 0) found[table_name] = Number(n);
    }
    return found;
  }

  it('asks for a fresh step-up, then starts the grace period with a mail; cancelling withdraws it', async () => {
    const member = t.alpha.accounts[0].member;
    const client = await signedIn(t.alpha, member.email);
    const before = await client.request('GET', URL);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ pending: null, graceDays: 14, lastOwnerWithOthers: false, accountGoesToo: false });
    await t.sql(t.alpha, `UPDATE user_session SET reauthenticated_at = now() - interval '1 hour'`);
    const refused = await client.request('POST', URL);
    expect(refused.json().type).toBe(PROBLEM_TYPES.stepUpRequired);
    await stepUp(client);
    const asked = await client.request('POST', URL);
    expect(asked.statusCode).toBe(201);
    const pending = asked.json().pending;
    expect(new Date(pending.eraseAfter).getTime() - new Date(pending.requestedAt).getTime()).toBe(14 * 24 * 3600_000);
    expect((await client.request('POST', URL)).statusCode).toBe(409);
    const mail = await t.mail.waitFor(member.email, (m) => m.subject.includes('wissen'));
    expect(mail.text).toContain('/privacy/erasure');
    const [register] = await t.sql<{ type: string; status: string }>(
      t.alpha,
      `SELECT type, status FROM privacy_request WHERE user_id = $1`,
      [member.id],
    );
    expect(register).toEqual({ type: 'erasure', status: 'open' });

    expect((await client.request('DELETE', URL, { headers: { 'if-match': '"v9"' } })).statusCode).toBe(412);
    const etag = asked.headers.etag as string;
    expect((await client.request('DELETE', URL, { headers: { 'if-match': etag } })).statusCode).toBe(204);
    expect((await client.request('GET', URL)).json().pending).toBeNull();
    const [withdrawn] = await t.sql<{ status: string }>(
      t.alpha,
      `SELECT status FROM privacy_request WHERE user_id = $1`,
      [member.id],
    );
    expect(withdrawn.status).toBe('withdrawn');
    // The job at the end of the period finds it cancelled and erases nothing.
    await t.sql(t.alpha, `UPDATE erasure_request SET erase_after = now() - interval '1 minute' WHERE user_id = $1`, [
      member.id,
    ]);
    const [{ id }] = await t.sql<{ id: string }>(t.alpha, `SELECT id FROM erasure_request WHERE user_id = $1`, [
      member.id,
    ]);
    await t.app.get(ErasureService).erase(t.alpha.id, id);
    expect((await client.request('GET', URL)).statusCode).toBe(200);
  });

  it('does not erase when the register closed the request first (refused by the privacy officer)', async () => {
    const member = t.beta.accounts[0].member;
    const client = await signedIn(t.beta, member.email);
    await stepUp(client);
    expect((await client.request('POST', URL)).statusCode).toBe(201);
    await t.sql(
      t.beta,
      `UPDATE privacy_request SET status = 'refused', outcome = 'Identity not confirmed', closed_at = now()
        WHERE user_id = $1 AND type = 'erasure'`,
      [member.id],
    );
    await t.sql(t.beta, `UPDATE erasure_request SET erase_after = now() - interval '1 minute' WHERE user_id = $1`, [
      member.id,
    ]);
    const [{ id }] = await t.sql<{ id: string }>(t.beta, `SELECT id FROM erasure_request WHERE user_id = $1`, [
      member.id,
    ]);
    await t.app.get(ErasureService).erase(t.beta.id, id);
    expect(await t.sql(t.beta, `SELECT id FROM app_user WHERE id = $1`, [member.id])).toHaveLength(1);
    expect(await t.sql(t.beta, `SELECT status FROM erasure_request WHERE id = $1`, [id])).toEqual([
      { status: 'cancelled' },
    ]);
  });

  it('refuses the last owner of an account with other people', async () => {
    const client = await signedIn(t.alpha, t.alpha.accounts[1].owner.email);
    expect((await client.request('GET', URL)).json().lastOwnerWithOthers).toBe(true);
    await stepUp(client);
    const refused = await client.request('POST', URL);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe(PROBLEM_TYPES.lastOwner);
  });

  it('refuses staff, anonymous callers, and never shows another tenant’s pending erasure', async () => {
    expect((await t.client(t.alpha).request('GET', URL)).statusCode).toBe(401);
    const staff = await signedIn(t.alpha, t.alpha.staff['tenant-admin'].email);
    expect([403, 401]).toContain((await staff.request('GET', URL)).statusCode);
    // Same address in both tenants (fixture): beta's owner sees beta's own state only.
    const alphaShared = await signedIn(t.alpha, t.alpha.accounts[0].member.email);
    await stepUp(alphaShared);
    expect((await alphaShared.request('POST', URL)).statusCode).toBe(201);
    const betaShared = await signedIn(t.beta, t.beta.accounts[0].member.email);
    expect((await betaShared.request('GET', URL)).json().pending).toBeNull();
    const pending = await alphaShared.request('GET', URL);
    expect(
      (await alphaShared.request('DELETE', URL, { headers: { 'if-match': pending.headers.etag as string } }))
        .statusCode,
    ).toBe(204);
  });

  it('erases a person at the end of the grace period: signs in no more, nothing left but what is kept, the log verifies without their name, invoices unchanged', async () => {
    // An invoice for the account, so there is something fiscal to keep.
    const admin = await signedIn(t.alpha, t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    expect(
      (
        await admin.request('PUT', '/api/admin/invoicing-settings', {
          headers: { 'if-match': '"v1"' },
          body: NL_SETTINGS,
        })
      ).statusCode,
    ).toBe(200);
    const finance = await signedIn(t.alpha, t.alpha.staff.finance.email);
    await finance.enrolTwoFactor();
    const account = t.alpha.accounts[1];
    await t.sql(
      t.alpha,
      `UPDATE subscriber_account SET street = 'Dorpsstraat', house_number = '1', postal_code = '1234 AB', city = 'Utrecht',
              country = 'NL', billing_email = 'facturen-erase@example.com' WHERE id = $1`,
      [account.id],
    );
    const planId = (await finance.request('POST', '/api/finance/plans', { body: PLAN })).json().id;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    const first = `${today.slice(0, 7)}-01`;
    const [y, m] = today.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    expect(
      (
        await finance.request('POST', `/api/finance/accounts/${account.id}/subscriptions`, {
          body: { planId, quantity: 1, startDate: first },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await finance.request('POST', '/api/finance/billing-runs', {
          body: { periodStart: first, periodEnd: last },
          headers: { 'idempotency-key': 'erasure-1' },
        })
      ).statusCode,
    ).toBe(201);
    await t.mail.waitFor('facturen-erase@example.com', (mail) => mail.subject.startsWith('Factuur'), 45_000);
    const invoices = async () =>
      createHash('sha256')
        .update(
          JSON.stringify(
            await t.sql(
              t.alpha,
              `SELECT i.*, (SELECT json_agg(f ORDER BY f.format) FROM invoice_file f WHERE f.tenant_id = i.tenant_id AND f.invoice_id = i.id) AS files,
                      (SELECT json_agg(l ORDER BY l.position) FROM invoice_line l WHERE l.tenant_id = i.tenant_id AND l.invoice_id = i.id) AS lines
                 FROM invoice i WHERE i.account_id = $1 ORDER BY i.id`,
              [account.id],
            ),
          ),
        )
        .digest('hex');
    const invoicesBefore = await invoices();

    // A ready export of the owner's: its ZIP holds everything about them, so it goes with them.
    const [{ id: accessRequest }] = await t.sql<{ id: string }>(
      t.alpha,
      `INSERT INTO privacy_request (tenant_id, user_id, account_id, type, channel, received_on, deadline, status, closed_at)
       VALUES (app_current_tenant(), $1, $2, 'access', 'portal', current_date, current_date + 30, 'done', now()) RETURNING id`,
      [account.owner.id, account.id],
    );
    const [{ id: exportId }] = await t.sql<{ id: string }>(
      t.alpha,
      `INSERT INTO privacy_export (tenant_id, user_id, request_id, language, status, ready_at, expires_at)
       VALUES (app_current_tenant(), $1, $2, 'nl', 'ready', now(), now() + interval '3 days') RETURNING id`,
      [account.owner.id, accessRequest],
    );
    await t.sql(
      t.alpha,
      `INSERT INTO privacy_export_chunk (tenant_id, export_id, chunk_no, data) VALUES (app_current_tenant(), $1, 1, $2)`,
      [exportId, Buffer.from(`zip of ${account.owner.email}`)],
    );

    // A payment reminder of that invoice went to the billing address, its mail too.
    const [{ id: invoiceId }] = await t.sql<{ id: string }>(t.alpha, `SELECT id FROM invoice WHERE account_id = $1`, [
      account.id,
    ]);
    await t.sql(
      t.alpha,
      `INSERT INTO payment_reminder (tenant_id, invoice_id, reminder_no, recipient, language)
       VALUES (app_current_tenant(), $1, 1, 'facturen-erase@example.com', 'nl')`,
      [invoiceId],
    );
    await t.sql(
      t.alpha,
      `INSERT INTO mail_message (tenant_id, recipient, template, subject, text_body, html_body, sent_at)
       VALUES (app_current_tenant(), 'facturen-erase@example.com', 'payment-reminder', 'Herinnering', 'Beste klant', '<p>Beste klant</p>', now())`,
    );
    for (const person of [account.member, account.owner]) {
      // What they wrote in a request of theirs: their words go, the request stays.
      await t.sql(
        t.alpha,
        `INSERT INTO privacy_request (tenant_id, user_id, account_id, type, channel, details, received_on, deadline)
         VALUES (app_current_tenant(), $1, $2, 'question', 'portal', $3, current_date, current_date + 30)`,
        [person.id, account.id, `Ik ben Name of ${person.email}, bel me`],
      );
      // Their own mail throttle, and someone else's whose address holds theirs (x + their address).
      await t.sql(
        t.alpha,
        `INSERT INTO mail_send_throttle (tenant_id, key, window_started_at, sent)
         VALUES (app_current_tenant(), $1, now(), 1), (app_current_tenant(), $2, now(), 1)`,
        [`to:${person.email}`, `to:x${person.email}`],
      );
    }

    // The member goes first (not the last person), then the owner, who is then the last: the account goes too.
    for (const person of [account.member, account.owner]) {
      const client = await signedIn(t.alpha, person.email);
      // Access-log events by the person, chained and checkpointed before the erasure.
      await withTenant(t.owner, t.alpha.id, (db) =>
        t.app.get(AuditWriterService).appendAs(db, t.alpha.id, account.id, {
          action: 'approve',
          resource: 'access-grant',
          outcome: null,
          actorId: person.id,
          actorName: `Name of ${person.email}`,
          actorKind: 'subscriber',
          ip: '198.51.100.7',
        }),
      );
      await t.app.get(AuditJobs).checkpoint();
      await t.sql(t.alpha, `UPDATE privacy_settings SET erasure_grace_days = 0`);
      await t.sql(
        t.alpha,
        `INSERT INTO privacy_settings (tenant_id, erasure_grace_days) SELECT app_current_tenant(), 0 WHERE NOT EXISTS (SELECT 1 FROM privacy_settings)`,
      );
      await stepUp(client);
      expect((await client.request('POST', URL)).statusCode).toBe(201);
      const final = await t.mail.waitFor(person.email, (mail) => /gewist/.test(mail.subject), 30_000);
      expect(final.text).toContain('Bewaard');
      expect(final.text).toContain('7 jaar');
      expect(final.text).toContain('betalingsherinneringen verstuurden, zonder e-mailadres');
      expect(final.text).toContain('zonder wat je erin schreef');
      // Every entry about them was written salted: a fingerprint stays, the name does not.
      expect(final.text).toContain('vingerafdruk');
      expect(final.text).not.toContain('van vóór deze manier');
      const [request] = await t.sql<{ status: string; outcome: string }>(
        t.alpha,
        `SELECT status, outcome FROM privacy_request WHERE user_id = $1 AND type = 'erasure' AND status <> 'withdrawn'`,
        [person.id],
      );
      expect(request.status).toBe('done');
      expect((await client.request('GET', URL)).statusCode).toBe(401);
    }
    const [erased] = await t.sql<{ name: string; erased_at: Date | null; billing_email: string | null }>(
      t.alpha,
      `SELECT name, erased_at, billing_email FROM subscriber_account WHERE id = $1`,
      [account.id],
    );
    expect(erased).toMatchObject({ name: 'Erased', billing_email: null });
    expect(erased.erased_at).not.toBeNull();
    // Nobody is left to bill: the account's subscriptions ended with the erasure (their last day was
    // yesterday in the tenant's calendar: none shows as running today; one that started today ends
    // today, as a subscription ends no earlier than it starts); the export's content is gone.
    const running = await t.sql<{ id: string }>(
      t.alpha,
      `SELECT id FROM subscription WHERE account_id = $1 AND (end_date IS NULL OR end_date > GREATEST(start_date, $2::date - 1))`,
      [account.id, today],
    );
    expect(running).toEqual([]);
    expect(await t.sql(t.alpha, `SELECT export_id FROM privacy_export_chunk WHERE export_id = $1`, [exportId])).toEqual(
      [],
    );
    expect(await t.sql(t.alpha, `SELECT status FROM privacy_export WHERE id = $1`, [exportId])).toEqual([
      { status: 'expired' },
    ]);

    // Another person's throttle whose key merely contains an erased address is left alone (exact keys only).
    const throttles = await t.sql<{ key: string }>(
      t.alpha,
      `SELECT key FROM mail_send_throttle WHERE key = ANY ($1) ORDER BY key`,
      [[account.member, account.owner].flatMap((p) => [`to:${p.email}`, `to:x${p.email}`])],
    );
    expect(throttles.map((r) => r.key)).toEqual([`to:x${account.member.email}`, `to:x${account.owner.email}`].sort());
    await t.sql(t.alpha, `DELETE FROM mail_send_throttle WHERE key = ANY ($1)`, [throttles.map((r) => r.key)]);
    // Their requests stay, without their words.
    expect(
      await t.sql(t.alpha, `SELECT details FROM privacy_request WHERE user_id = ANY ($1) AND type = 'question'`, [
        [account.member.id, account.owner.id],
      ]),
    ).toEqual([{ details: null }, { details: null }]);
    // The invoice mail stays as proof it was sent (which invoice, when), without address or text;
    // the reminder stays without its address; the reminder's mail is gone.
    const invoiceMails = await t.sql<Record<string, unknown>>(
      t.alpha,
      `SELECT m.recipient, m.text_body, m.html_body, m.sent_at IS NOT NULL AS sent FROM mail_message m
        WHERE EXISTS (SELECT 1 FROM mail_attachment a WHERE a.mail_id = m.id AND a.invoice_id = $1)`,
      [invoiceId],
    );
    expect(invoiceMails).toEqual([{ recipient: '', text_body: '', html_body: '', sent: true }]);
    expect(await t.sql(t.alpha, `SELECT recipient FROM payment_reminder WHERE invoice_id = $1`, [invoiceId])).toEqual([
      { recipient: 'erased' },
    ]);

    // Every tenant table, searched for anything of the two people (their account's billing address too).
    const needles = [
      'facturen-erase@example.com',
      ...[account.member, account.owner].flatMap((p) => [p.id, p.email, `Name of ${p.email}`, '198.51.100.7']),
    ];
    const left = await rowsHolding(needles);
    for (const table of Object.keys(left)) expect([table, KEPT[table] ? 'kept' : 'NOT KEPT']).toEqual([table, 'kept']);
    // The outbox keeps only the final mails, one per person.
    const mails = await t.sql<{ template: string }>(
      t.alpha,
      `SELECT template FROM mail_message WHERE recipient = ANY ($1)`,
      [[account.member.email, account.owner.email]],
    );
    expect(mails.map((r) => r.template)).toEqual(['erasure-done', 'erasure-done']);

    // The access log: every chain still verifies against its signed checkpoints.
    const verified = await withTenant(t.owner, t.alpha.id, (db) =>
      t.app.get(AuditReaderService).verify(db, t.alpha.id, account.id),
    );
    expect(verified.intact).toBe(true);
    expect(verified.firstBroken).toBeNull();
    expect(verified.checkpoints.valid).toBe(verified.checkpoints.total);
    expect(verified.checkpoints.total).toBeGreaterThan(0);
    const names = await t.sql(t.alpha, `SELECT 1 FROM audit_event WHERE actor_name LIKE 'Name of %'`);
    expect(names).toHaveLength(0);

    expect(await invoices()).toBe(invoicesBefore);
    // Last, as a failed attempt is itself recorded: the erased cannot sign in.
    for (const person of [account.member, account.owner])
      expect((await t.client(t.alpha).signIn(person.email)).statusCode).toBe(401);
  }, 240_000);
});
