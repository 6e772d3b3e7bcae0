import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { BillingDto } from '@mijn-account/api-accounts';
import { AuditReaderService, AuditSigner } from '@mijn-account/api-audit';
import { loadConfig } from '@mijn-account/api-core';
import { withTenant } from '@mijn-account/api-database';
import { PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import type {
  AccessGrantView,
  BillingDetails,
  ChangeHistoryEntry,
  NewsletterListView,
  SignInEventInfo,
} from '@mijn-account/shared-contracts';
import { DEMO_PASSWORD, DEMO_TENANTS, seedDemoData } from './demo-data';

interface LogEvent {
  action: string;
  resource: string;
  fields: string[];
  outcome: string | null;
  actorName: string;
  seq: number | null;
}

/** The demo content, seeded into a fresh database as `npm start` does, seen through the API as its users see it. */
describe('demo data', () => {
  let t: TestApp;
  const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent' });
  let seconds = 0;
  beforeAll(async () => {
    t = await startTestApp();
    const started = Date.now();
    expect(await seedDemoData(t.owner, config)).toBe(true);
    seconds = (Date.now() - started) / 1000;
  }, 120_000);
  afterAll(() => t?.close());

  const tenantId = async (slug: string): Promise<string> =>
    ((await t.owner.query(`SELECT id FROM tenant WHERE slug = $1`, [slug])) as { id: string }[])[0].id;
  const sql = async <T>(slug: string, text: string, params: unknown[] = []): Promise<T[]> =>
    withTenant(t.owner, await tenantId(slug), (db) => db.query(text, params));
  const signedIn = async (slug: string, email: string): Promise<PortalClient> => {
    const client = new PortalClient(t.app, `${slug}.localhost`);
    expect((await client.signIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
    return client;
  };
  const get = async <T>(client: PortalClient, url: string): Promise<T> => {
    const response = await client.request('GET', url);
    expect(response.statusCode).toBe(200);
    return response.json() as T;
  };

  it('is seeded once, quickly; a second start changes nothing', async () => {
    // Mostly the one password hash; generous for a shared machine.
    expect(seconds).toBeLessThan(30);
    const count = async () => (await t.owner.query(`SELECT count(*)::int AS n FROM tenant`)) as { n: number }[];
    const before = await count();
    expect(await seedDemoData(t.owner, config)).toBe(false);
    expect(await count()).toEqual(before);
  });

  it('leaves what the browser tests start from: no sessions, known devices, queued mail or open grants; Jansen’s billing and phones empty', async () => {
    for (const slug of ['callmonkey', 'contactmonkey']) {
      const [state] = await sql<Record<string, number>>(
        slug,
        `SELECT (SELECT count(*)::int FROM user_session) AS sessions, (SELECT count(*)::int FROM known_device) AS devices,
                (SELECT count(*)::int FROM mail_message) AS mails,
                (SELECT count(*)::int FROM access_grant WHERE status <> 'closed') AS open_grants,
                (SELECT count(*)::int FROM user_identity) AS identities`,
      );
      expect(state).toEqual({ sessions: 0, devices: 0, mails: 0, open_grants: 0, identities: 0 });
    }
    const pieter = await signedIn('callmonkey', 'pieter@jansen-installatie.example');
    const billing = await get<BillingDetails>(pieter, '/api/account/billing');
    expect(billing).toMatchObject({ companyName: null, vatId: null, address: null });
    expect(await get<ChangeHistoryEntry[]>(pieter, '/api/account/billing/history')).toEqual([]);
    const phones = await sql<{ email: string; phone_e164: string | null }>(
      'callmonkey',
      `SELECT email, phone_e164 FROM app_user WHERE email IN ('pieter@jansen-installatie.example', 'sanne@jansen-installatie.example')`,
    );
    expect(phones.map((p) => p.phone_e164)).toEqual([null, null]);
    // ContactMonkey's "Product news": nobody on it; Olivia and Noah on no list.
    const [product] = await sql<{ confirmed: number; olivia_noah: number }>(
      'contactmonkey',
      `SELECT (SELECT count(*)::int FROM newsletter_subscription s WHERE s.list_id = l.id AND s.status = 'confirmed') AS confirmed,
              (SELECT count(*)::int FROM newsletter_subscription s JOIN app_user u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
                WHERE u.email IN ('olivia@mapleleaf.example', 'noah@northernlights.example')) AS olivia_noah
         FROM newsletter_list l WHERE l.name_en = 'Product news'`,
    );
    expect(product).toEqual({ confirmed: 0, olivia_noah: 0 });
    // The accounts the helpdesk browser tests use have no helpdesk past.
    const eva = await signedIn('callmonkey', 'eva@bakkerijdevries.example');
    expect(await get<AccessGrantView[]>(eva, '/api/account/access-requests')).toEqual([]);
    expect((await get<{ events: LogEvent[] }>(eva, '/api/account/access-log')).events).toEqual([]);
    const olivia = await signedIn('contactmonkey', 'olivia@mapleleaf.example');
    expect(await get<AccessGrantView[]>(olivia, '/api/account/access-requests')).toEqual([]);
  });

  it('fills billing details with valid Dutch and Canadian addresses, saved by the owners, with their history', async () => {
    const expected = [
      {
        slug: 'callmonkey',
        owner: 'eva@bakkerijdevries.example',
        country: 'NL',
        postalCode: '3512 PH',
        edits: 2,
        vat: true,
      },
      {
        slug: 'contactmonkey',
        owner: 'olivia@mapleleaf.example',
        country: 'CA',
        postalCode: 'M5R 2A5',
        edits: 1,
        // A GST/HST number (business number + RT0001), checked for form and check digits (issue 16 §4).
        vat: true,
      },
      {
        slug: 'contactmonkey',
        owner: 'emma@northernlights.example',
        country: 'CA',
        postalCode: 'K2P 1L4',
        edits: 2,
        vat: false,
      },
    ];
    for (const e of expected) {
      const client = await signedIn(e.slug, e.owner);
      const billing = await get<BillingDetails>(client, '/api/account/billing');
      expect(billing.address).toMatchObject({ country: e.country, postalCode: e.postalCode });
      expect(billing.companyName).toBeTruthy();
      expect(billing.billingEmail).toMatch(/@/);
      expect(billing.vatCheck?.valid ?? false).toBe(e.vat);
      // What the billing page would send back unchanged passes the API's own validation.
      const update = {
        companyName: billing.companyName,
        cocNumber: billing.cocNumber,
        vatId: billing.vatId,
        billingEmail: billing.billingEmail,
        address: billing.address,
      };
      expect(
        await validate(plainToInstance(BillingDto, update), { whitelist: true, forbidNonWhitelisted: true }),
      ).toEqual([]);
      const history = await get<ChangeHistoryEntry[]>(client, '/api/account/billing/history');
      expect(history).toHaveLength(e.edits);
      expect(history.every((h) => h.byKind === 'subscriber')).toBe(true);
      expect(history.at(-1)?.changes.map((c) => c.field)).toEqual(
        expect.arrayContaining(['companyName', 'street', 'postalCode', 'country']),
      );
    }
    const eva = await signedIn('callmonkey', 'eva@bakkerijdevries.example');
    const profile = await get<ChangeHistoryEntry[]>(eva, '/api/me/profile/history');
    expect(profile).toEqual([
      expect.objectContaining({
        by: 'Eva de Vries',
        changes: expect.arrayContaining([{ field: 'phone', from: null, to: '+31623456789' }]),
      }),
    ]);
  });

  it('keeps one past helpdesk grant per tenant, closed with its note, its reads and steps in a log that verifies intact', async () => {
    const cases = [
      {
        slug: 'callmonkey',
        owner: 'pieter@jansen-installatie.example',
        reads: ['billing', 'profiles', 'billing'],
        decidedBy: 'Pieter Jansen',
      },
      {
        slug: 'contactmonkey',
        owner: 'emma@northernlights.example',
        reads: ['billing', 'profiles'],
        decidedBy: 'Helpdesk Supervisor (ContactMonkey)',
      },
    ];
    for (const c of cases) {
      const demo = DEMO_TENANTS.find((d) => d.slug === c.slug);
      const client = await signedIn(c.slug, c.owner);
      const grants = await get<AccessGrantView[]>(client, '/api/account/access-requests');
      expect(grants).toEqual([
        expect.objectContaining({
          status: 'closed',
          closeNote: demo?.pastGrant.closeNote,
          decidedBy: c.decidedBy,
          ticket: demo?.pastGrant.ticket,
        }),
      ]);
      const log = await get<{
        events: LogEvent[];
        verification: { intact: boolean; unsealed: number; checkpoints: { total: number; valid: number } };
      }>(client, '/api/account/access-log');
      // Newest first, as the page lists them; every event chained and the head signed.
      expect(
        log.events
          .map((e) => (e.resource === 'access-grant' ? e.action : `${e.action} ${e.resource} ${e.outcome}`))
          .reverse(),
      ).toEqual(['request-created', 'request-approved', ...c.reads.map((r) => `read ${r} allowed`), 'grant-closed']);
      expect(log.events.every((e) => e.seq !== null)).toBe(true);
      expect(log.events.find((e) => e.resource === 'profiles')?.fields).toEqual([
        'name',
        'email',
        'phone',
        'language',
        'timeZone',
      ]);
      expect(log.verification).toMatchObject({ intact: true, unsealed: 0, checkpoints: { total: 1, valid: 1 } });
    }
    const reports = await new AuditReaderService(new AuditSigner(config)).verifyAllChains(t.owner);
    const demoReports = reports.filter((r) => r.tenant === 'callmonkey' || r.tenant === 'contactmonkey');
    expect(demoReports).toHaveLength(2);
    expect(demoReports.every((r) => r.intact && r.unsealed === 0)).toBe(true);
  });

  it('has a few past sign-ins for every subscriber, and subscriptions with their consent records', async () => {
    const eva = await signedIn('callmonkey', 'eva@bakkerijdevries.example');
    const signIns = await get<SignInEventInfo[]>(eva, '/api/me/security/sign-ins');
    // This suite's sign-ins first, then the three of the past days.
    const past = signIns.filter((s) => Date.parse(s.at) < Date.now() - 12 * 3_600_000);
    expect(past).toHaveLength(3);
    expect(signIns.slice(-3)).toEqual(past);
    expect(past.every((s) => s.outcome === 'success' && s.method === 'password')).toBe(true);
    expect(past.map((s) => s.device)).toEqual([
      expect.stringMatching(/^Chrome/),
      expect.stringMatching(/^Safari/),
      expect.stringMatching(/^Firefox/),
    ]);
    const without = await sql<{ email: string }>(
      'contactmonkey',
      `SELECT email FROM app_user u WHERE kind = 'subscriber' AND (SELECT count(*) FROM sign_in_event e WHERE e.user_id = u.id) < 3`,
    );
    expect(without).toEqual([]);

    const lists = await get<NewsletterListView[]>(eva, '/api/me/newsletters');
    expect(lists.map((l) => [l.name, l.status])).toEqual([
      ['Productnieuws', 'confirmed'],
      ['Webinars', 'confirmed'],
    ]);
    const ledger = await sql<{ email: string; list: string; action: string; method: string; wording: string }>(
      'callmonkey',
      `SELECT r.email, l.name_nl AS list, r.action, r.method, r.wording FROM consent_record r
         JOIN newsletter_list l ON l.tenant_id = r.tenant_id AND l.id = r.list_id ORDER BY r.email, l.name_nl, r.id`,
    );
    expect(ledger.map((r) => [r.email, r.list, r.action, r.method])).toEqual([
      ['eva@bakkerijdevries.example', 'Productnieuws', 'opted-in', 'portal'],
      ['eva@bakkerijdevries.example', 'Productnieuws', 'confirmed', 'mail-link'],
      ['eva@bakkerijdevries.example', 'Webinars', 'opted-in', 'portal'],
      ['eva@bakkerijdevries.example', 'Webinars', 'confirmed', 'mail-link'],
      ['joris@bakkerijdevries.example', 'Productnieuws', 'opted-in', 'portal'],
      ['joris@bakkerijdevries.example', 'Productnieuws', 'confirmed', 'mail-link'],
      ['joris@bakkerijdevries.example', 'Productnieuws', 'opted-out', 'portal'],
      ['sanne@jansen-installatie.example', 'Webinars', 'opted-in', 'portal'],
      ['sanne@jansen-installatie.example', 'Webinars', 'confirmed', 'mail-link'],
    ]);
    expect(ledger[0].wording).toContain('“Productnieuws”');
    const joris = await signedIn('callmonkey', 'joris@bakkerijdevries.example');
    expect(
      (await get<NewsletterListView[]>(joris, '/api/me/newsletters')).find((l) => l.name === 'Productnieuws')?.status,
    ).toBe('unsubscribed');
    const [webinars] = await sql<{ confirmed: number }>(
      'contactmonkey',
      `SELECT count(*)::int AS confirmed FROM newsletter_subscription s JOIN newsletter_list l ON l.tenant_id = s.tenant_id AND l.id = s.list_id
        WHERE l.name_en = 'Webinars' AND s.status = 'confirmed'`,
    );
    expect(webinars.confirmed).toBe(2);
  });

  it('bills last month through the engine: numbered invoices with their PDF and UBL, one paid, one in part, the rest overdue', async () => {
    const expected = {
      callmonkey: {
        prefix: 'CM',
        currency: 'EUR',
        invoices: 2,
        statuses: ['open', 'paid'],
        partly: 0,
        // The KvK number is the seller's electronic address; the invoice e-mail its contact.
        email: 'facturen@callmonkey.example',
        endpoint: '<cbc:EndpointID schemeID="0106">24356789</cbc:EndpointID>',
      },
      contactmonkey: {
        prefix: 'CT',
        currency: 'CAD',
        invoices: 3,
        statuses: ['open', 'open', 'paid'],
        partly: 1,
        // No KvK/VAT scheme in Canada: the invoice e-mail is the seller's electronic address (ADR 0021).
        email: 'billing@contactmonkey.example',
        endpoint: '<cbc:EndpointID schemeID="EM">billing@contactmonkey.example</cbc:EndpointID>',
      },
    };
    for (const [slug, e] of Object.entries(expected)) {
      const [settings] = await sql<{ complete: boolean; categories: number }>(
        slug,
        `SELECT legal_name IS NOT NULL AND (iban IS NOT NULL OR bank_account_number IS NOT NULL) AND number_prefix IS NOT NULL AS complete,
                (SELECT count(*)::int FROM tax_category) AS categories FROM invoicing_settings`,
      );
      expect(settings).toEqual({ complete: true, categories: 3 });
      const [counts] = await sql<{ plans: number; accounts_without: number; runs: string[] }>(
        slug,
        `SELECT (SELECT count(*)::int FROM plan) AS plans,
                (SELECT count(*)::int FROM subscriber_account a WHERE NOT EXISTS
                   (SELECT 1 FROM subscription s WHERE s.account_id = a.id)) AS accounts_without,
                (SELECT array_agg(status) FROM billing_run) AS runs`,
      );
      expect(counts).toEqual({ plans: 3, accounts_without: 0, runs: ['completed'] });
      const invoices = await sql<{
        number: string;
        status: string;
        currency: string;
        issue_date: string;
        due_date: string;
        period_start: string;
        files: string[];
        paid: number;
        gross: number;
      }>(
        slug,
        `SELECT i.number, i.status, i.currency, i.issue_date::text, i.due_date::text, i.period_start::text,
                (SELECT array_agg(f.format ORDER BY f.format) FROM invoice_file f WHERE f.invoice_id = i.id) AS files,
                (SELECT COALESCE(sum(p.amount_minor), 0)::int FROM payment p WHERE p.invoice_id = i.id) AS paid,
                i.gross_minor::int AS gross
           FROM invoice i ORDER BY i.number`,
      );
      expect(invoices).toHaveLength(e.invoices);
      const year = invoices[0].issue_date.slice(0, 4);
      expect(invoices.map((i) => i.number)).toEqual(
        invoices.map((_, n) => `${e.prefix}-${year}-${String(n + 1).padStart(6, '0')}`),
      );
      const today = new Date().toISOString().slice(0, 10);
      for (const invoice of invoices) {
        expect(invoice).toMatchObject({ currency: e.currency, files: ['pdf', 'ubl'] });
        // Issued on the first day of last month for the periods starting in it: due, and past it.
        expect(invoice.issue_date).toBe(invoice.period_start);
        expect(invoice.issue_date.slice(8)).toBe('01');
        expect(invoice.due_date < today).toBe(true);
      }
      expect(invoices.map((i) => i.status).sort()).toEqual(e.statuses);
      expect(invoices.filter((i) => i.status === 'paid').every((i) => i.paid === i.gross)).toBe(true);
      expect(invoices.filter((i) => i.status === 'open' && i.paid > 0 && i.paid < i.gross)).toHaveLength(e.partly);
      expect(invoices.filter((i) => i.status === 'open' && i.paid === 0)).toHaveLength(1);
      const [ubl] = await sql<{ email: string; xml: string }>(
        slug,
        `SELECT s.invoice_email AS email, convert_from(f.content, 'UTF8') AS xml
           FROM invoicing_settings s, invoice_file f WHERE f.format = 'ubl' LIMIT 1`,
      );
      expect(ubl.email).toBe(e.email);
      const seller = ubl.xml.slice(0, ubl.xml.indexOf('</cac:AccountingSupplierParty>'));
      expect(seller).toContain(e.endpoint);
      expect(seller).toContain(`<cbc:ElectronicMail>${e.email}</cbc:ElectronicMail>`);
    }
    // The stored files are what the renderer makes of the stored document, with their hashes.
    const [file] = await sql<{ ok: boolean; head: string }>(
      'callmonkey',
      `SELECT encode(sha256(content), 'hex') = sha256 AS ok, convert_from(substring(content from 1 for 5), 'UTF8') AS head
         FROM invoice_file WHERE format = 'pdf' LIMIT 1`,
    );
    expect(file).toEqual({ ok: true, head: '%PDF-' });
    // Nothing was left queued for the worker (it would issue the drafts again, today).
    const jobs = await t.owner.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name IN ('billing-draft', 'billing-finalise', 'billing-render')`,
    );
    expect(jobs).toEqual([{ n: 0 }]);
    // The subscriber sees the subscription; Jansen's began this month.
    const eva = await signedIn('callmonkey', 'eva@bakkerijdevries.example');
    const mine = await get<{ planName: { nl: string } }[]>(eva, '/api/account/subscription');
    expect(mine.map((m) => m.planName.nl).sort()).toEqual(['Basis telefonie', 'Vakblad Bereikbaar (jaarabonnement)']);
  });
  it('has one account erased through the erasure itself, which finance’s customer list marks restricted', async () => {
    const [account] = await sql<{ id: string; name: string; street: string | null; erased: boolean; ended: boolean }>(
      'contactmonkey',
      `SELECT a.id, a.name, a.street, a.erased_at IS NOT NULL AS erased,
              (SELECT bool_and(s.end_date IS NOT NULL) FROM subscription s WHERE s.account_id = a.id) AS ended
         FROM subscriber_account a WHERE customer_number = 'CT-20009'`,
    );
    expect(account).toMatchObject({ name: 'Erased', street: null, erased: true, ended: true });
    expect(await sql('contactmonkey', `SELECT 1 FROM app_user WHERE account_id = $1`, [account.id])).toEqual([]);
    expect(
      await sql('contactmonkey', `SELECT status FROM erasure_request WHERE account_id = $1`, [account.id]),
    ).toEqual([{ status: 'done' }]);
    const finance = await signedIn('contactmonkey', 'finance@contactmonkey.example');
    await sql('contactmonkey', `UPDATE user_session SET second_factor_at = now() WHERE second_factor_at IS NULL`);
    const customers = await get<{ items: { customerNumber: string; restricted: unknown }[] }>(
      finance,
      '/api/finance/accounts',
    );
    expect(customers.items.filter((c) => c.restricted !== null).map((c) => c.customerNumber)).toEqual(['CT-20009']);
  });
});
