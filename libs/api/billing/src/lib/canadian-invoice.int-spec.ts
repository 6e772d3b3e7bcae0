import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import { CA_SETTINGS, PLAN, calendar } from './billing-fixtures.testing';
import { en16931Violations } from './documents/en16931-rules.testing';
import { pdfTexts } from './documents/pdf-text.testing';

/**
 * A supplier outside SEPA (ADR 0021): the Canadian tenant bills through the engine with its Canadian
 * bank account, and the stored PDF and UBL tell customers to pay into that account — no IBAN anywhere.
 */
describe('a Canadian invoice', () => {
  let t: TestApp;
  let finance: PortalClient;
  const { previous, first } = calendar();
  const periodEnd = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp({ BILLING_POLL_SECONDS: '0.5' });
    const admin = t.client(t.beta);
    await admin.signIn(t.beta.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    const saved = await admin.request('PUT', '/api/admin/invoicing-settings', {
      headers: { 'if-match': '"v1"' },
      body: CA_SETTINGS,
    });
    expect(saved.statusCode).toBe(200);
    finance = t.client(t.beta);
    await finance.signIn(t.beta.staff.finance.email);
    await finance.enrolTwoFactor();
    const plan = await finance.request('POST', '/api/finance/plans', {
      // In the test tenant's currency (EUR): an account outside SEPA is a plain credit transfer all the same.
      body: { ...PLAN, taxCategory: 'hst' },
    });
    expect(plan.statusCode).toBe(201);
    await t.sql(
      t.beta,
      `UPDATE subscriber_account SET street = '1 Yonge Street', postal_code = 'M5E 1E5', city = 'Toronto', region = 'ON',
              country = 'CA'`,
    );
    await t.sql(
      t.beta,
      `INSERT INTO subscription (tenant_id, account_id, plan_id, quantity, start_date, billing_anchor)
       SELECT tenant_id, id, $1, 1, $2, $2 FROM subscriber_account`,
      [plan.json().id, previous],
    );
  });
  afterAll(() => t.close());

  const progress = async (id: string, status: string) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const run = (await finance.request('GET', `/api/finance/billing-runs/${id}/progress`)).json();
      if (run.status === status) return run;
      if (Date.now() > deadline) throw new Error(`run ${id} stuck: ${JSON.stringify(run)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('pays into the Canadian account: a credit transfer (30) in the UBL, institution and transit in the PDF', async () => {
    const started = await finance.request('POST', '/api/finance/billing-runs', {
      body: { periodStart: previous, periodEnd },
      headers: { 'idempotency-key': 'ca-1' },
    });
    expect(started.statusCode).toBe(201);
    const id = started.json().id;
    await progress(id, 'review');
    expect((await finance.request('POST', `/api/finance/billing-runs/${id}/finalise`)).statusCode).toBe(200);
    await progress(id, 'completed');
    const deadline = Date.now() + 20_000;
    let files: { format: string; content: Buffer; language: string; number: string }[] = [];
    while (files.length < 2) {
      if (Date.now() > deadline) throw new Error('files not rendered');
      await new Promise((resolve) => setTimeout(resolve, 250));
      files = await t.sql(
        t.beta,
        `SELECT f.format, f.content, i.language, i.number FROM invoice_file f JOIN invoice i ON i.id = f.invoice_id
          WHERE i.sequence_no = 1 ORDER BY f.format`,
      );
    }
    const [pdf, ubl] = files;
    const xml = ubl.content.toString('utf8');
    // Every rule holds: the payment rules (BR-49 a means code, BR-61 an account for a credit transfer) and
    // the seller's electronic address (PEPPOL-EN16931-R020), which in Canada is the invoice e-mail (EM).
    expect(en16931Violations(xml)).toEqual([]);
    expect(xml).toContain('<cbc:EndpointID schemeID="EM">billing@beta-communications.example</cbc:EndpointID>');
    expect(xml).toMatch(
      /<cac:Contact>\s*<cbc:ElectronicMail>billing@beta-communications\.example<\/cbc:ElectronicMail>\s*<\/cac:Contact>/,
    );
    expect(xml).toMatch(
      new RegExp(
        '<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>\\s*<cbc:PaymentID>BC-\\d{4}-000001</cbc:PaymentID>\\s*' +
          '<cac:PayeeFinancialAccount>\\s*<cbc:ID>1234567</cbc:ID>\\s*<cbc:Name>Beta Communications Inc.</cbc:Name>\\s*' +
          '<cac:FinancialInstitutionBranch>\\s*<cbc:ID>000312345</cbc:ID>',
      ),
    );
    const [text] = await pdfTexts([pdf.content]);
    expect(pdf.language).toBe('en');
    expect(text).toContain(
      `to account 1234567 (institution 003, transit 12345) at Royal Bank of Canada in the name of Beta Communications Inc., quoting ${pdf.number}.`,
    );
    expect(text).not.toMatch(/IBAN|BIC/);
    expect(text).toContain('billing@beta-communications.example');
  });
});
