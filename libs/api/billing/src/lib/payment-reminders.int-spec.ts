import { type PortalClient, type TestApp, startTestApp, problemFields } from '@mijn-account/api-testing';
import { NL_SETTINGS, PLAN, calendar } from './billing-fixtures.testing';
import { PaymentReminders } from './reminders/payment-reminders';

/**
 * Payment reminders (issue 17 §6): the tenant's settings, and the job that reminds overdue open
 * invoices in the account's language through the outbox — each reminder once, also when several
 * workers run the job at the same moment — up to the maximum, the interval apart.
 */
describe('payment reminders', () => {
  let t: TestApp;
  let admin: PortalClient;
  let finance: PortalClient;
  const { first, last, previous } = calendar();
  const settingsUrl = '/api/admin/invoicing-settings';
  const REMINDERS = { afterDays: 3, max: 2, intervalDays: 7 };

  beforeAll(async () => {
    t = await startTestApp({ BILLING_POLL_SECONDS: '0.5' });
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    finance = t.client(t.alpha);
    await finance.signIn(t.alpha.staff.finance.email);
    await finance.enrolTwoFactor();
  }, 120_000);
  afterAll(() => t?.close());

  const etag = async () => (await admin.request('GET', settingsUrl)).headers.etag as string;

  it('keeps the reminder settings with the invoicing settings: off at first, refused out of range, unchanged when left out', async () => {
    const initial = await admin.request('GET', settingsUrl);
    expect(initial.json().reminders).toEqual({ afterDays: 7, max: 0, intervalDays: 14 });
    const saved = await admin.request('PUT', settingsUrl, {
      headers: { 'if-match': initial.headers.etag as string },
      body: { ...NL_SETTINGS, reminders: REMINDERS },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().reminders).toEqual(REMINDERS);
    const bad = await admin.request('PUT', settingsUrl, {
      headers: { 'if-match': await etag() },
      body: { ...NL_SETTINGS, reminders: { afterDays: -1, max: 11, intervalDays: 0 } },
    });
    expect(bad.statusCode).toBe(422);
    expect(problemFields(bad).sort()).toEqual(['reminders.afterDays', 'reminders.intervalDays', 'reminders.max']);
    const kept = await admin.request('PUT', settingsUrl, {
      headers: { 'if-match': await etag() },
      body: { ...NL_SETTINGS, footerNl: 'Betaal op tijd.' },
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().reminders).toEqual(REMINDERS);
  });

  it('reminds each overdue open invoice once per turn, in the account language, up to the maximum, the interval apart', async () => {
    // Two accounts with an address; the second's owner reads English. Billed for this month.
    const [nl, en] = t.alpha.accounts;
    await t.sql(
      t.alpha,
      `UPDATE subscriber_account SET street = 'Dorpsstraat', house_number = '1', postal_code = '1234 AB', city = 'Utrecht',
              country = 'NL'`,
    );
    await t.sql(t.alpha, `UPDATE app_user SET preferred_language = 'en' WHERE id = $1`, [en.owner.id]);
    await t.sql(t.alpha, `UPDATE subscriber_account SET billing_email = 'invoices@nl.example' WHERE id = $1`, [nl.id]);
    const plan = (await finance.request('POST', '/api/finance/plans', { body: PLAN })).json();
    for (const account of [nl, en])
      expect(
        (
          await finance.request('POST', `/api/finance/accounts/${account.id}/subscriptions`, {
            body: { planId: plan.id, quantity: 1, startDate: previous, billingAnchor: previous },
          })
        ).statusCode,
      ).toBe(201);
    const started = await finance.request('POST', '/api/finance/billing-runs', {
      body: { periodStart: first, periodEnd: last },
      headers: { 'idempotency-key': 'reminders-run' },
    });
    const runId = started.json().id as string;
    const until = async (status: string) => {
      for (let i = 0; i < 200; i++) {
        const run = (await finance.request('GET', `/api/finance/billing-runs/${runId}/progress`)).json();
        if (run.status === status) return run;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`run not ${status}`);
    };
    await until('review');
    await finance.request('POST', `/api/finance/billing-runs/${runId}/finalise`);
    expect(await until('completed')).toMatchObject({ finalised: 2, failed: 0 });

    const invoices = await t.sql<{ id: string; account_id: string; due_date: string; number: string }>(
      t.alpha,
      `SELECT id, account_id, due_date::text, number FROM invoice WHERE status = 'open' ORDER BY number`,
    );
    expect(invoices).toHaveLength(2);
    const due = invoices[0].due_date;
    const daysAfterDue = (days: number) => new Date(Date.parse(`${due}T12:00:00Z`) + days * 86_400_000);
    const reminders = t.app.get(PaymentReminders);
    const mails = () =>
      t.sql<{ recipient: string; subject: string; text_body: string }>(
        t.alpha,
        `SELECT recipient, subject, text_body FROM mail_message WHERE template = 'payment-reminder' ORDER BY subject`,
      );
    const rows = () =>
      t.sql<{ invoice_id: string; reminder_no: number; language: string }>(
        t.alpha,
        `SELECT invoice_id, reminder_no, language FROM payment_reminder ORDER BY invoice_id, reminder_no`,
      );

    // Not yet: three days after the due date is the first day it may go.
    await reminders.runFor(t.alpha.id, daysAfterDue(3));
    expect(await rows()).toEqual([]);

    // Three workers at once: one reminder per invoice, one mail each, in the account's language.
    await Promise.all([1, 2, 3].map(() => reminders.runFor(t.alpha.id, daysAfterDue(4))));
    expect((await rows()).map((r) => r.reminder_no)).toEqual([1, 1]);
    const firstMails = await mails();
    expect(firstMails.map((m) => [m.recipient, m.subject.split(':')[0]]).sort()).toEqual(
      [
        ['invoices@nl.example', 'Herinnering'],
        [en.owner.email, 'Reminder'],
      ].sort(),
    );
    const nlMail = firstMails.find((m) => m.recipient === 'invoices@nl.example');
    const nlNumber = invoices.find((i) => i.account_id === nl.id)?.number as string;
    expect(nlMail?.text_body).toContain(nlNumber);
    expect(nlMail?.text_body).toMatch(/€\s?36,30/); // € 30.00 + 21 % btw still open
    expect(nlMail?.text_body).toContain('/account/invoices');

    // The same day again, and before the interval has passed: nothing new.
    await reminders.runFor(t.alpha.id, daysAfterDue(4));
    await reminders.runFor(t.alpha.id, daysAfterDue(10));
    expect(await rows()).toHaveLength(2);

    // Paid in the meantime: the English invoice gets no second reminder; the Dutch one does.
    const enInvoice = invoices.find((i) => i.account_id === en.id) as (typeof invoices)[number];
    const paid = await finance.request('POST', `/api/finance/invoices/${enInvoice.id}/payments`, {
      body: { amountMinor: 3630, paidOn: calendar().today, reference: 'bank' },
    });
    expect(paid.statusCode).toBe(201);
    await Promise.all([1, 2].map(() => reminders.runFor(t.alpha.id, daysAfterDue(11))));
    expect((await rows()).filter((r) => r.reminder_no === 2).map((r) => r.language)).toEqual(['nl']);
    expect((await mails()).filter((m) => m.subject.startsWith('Tweede herinnering'))).toHaveLength(1);

    // At most two.
    await reminders.runFor(t.alpha.id, daysAfterDue(40));
    expect(await rows()).toHaveLength(3);
    // Finance sees on the invoice which reminders went out, when and to whom.
    const nlInvoice = invoices.find((i) => i.account_id === nl.id) as (typeof invoices)[number];
    const detail = (await finance.request('GET', `/api/finance/invoices/${nlInvoice.id}`)).json();
    expect(detail.reminders.map((r: { reminderNo: number; recipient: string }) => [r.reminderNo, r.recipient])).toEqual(
      [
        [1, 'invoices@nl.example'],
        [2, 'invoices@nl.example'],
      ],
    );

    // The other tenant has its reminders off and got none; the rows cannot be changed or removed.
    expect(await reminders.runFor(t.beta.id, daysAfterDue(40))).toBe(0);
    expect(await t.sql(t.beta, `SELECT 1 FROM payment_reminder`)).toEqual([]);
    await expect(t.appSql(t.alpha, `DELETE FROM payment_reminder`)).rejects.toThrow();
  });
});
