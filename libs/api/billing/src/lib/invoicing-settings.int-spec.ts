import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { type PortalClient, type TestApp, startTestApp, problemFieldCodes } from '@mijn-account/api-testing';
import { CA_BANK_ACCOUNT, CA_SETTINGS, NL_SETTINGS } from './billing-fixtures.testing';

describe('invoicing settings (tenant admin)', () => {
  let t: TestApp;
  let admin: PortalClient;
  let finance: PortalClient;
  let beta: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    finance = t.client(t.alpha);
    await finance.signIn(t.alpha.staff.finance.email);
    await finance.enrolTwoFactor();
    beta = t.client(t.beta);
    await beta.signIn(t.beta.staff['tenant-admin'].email);
    await beta.enrolTwoFactor();
  });
  afterAll(() => t.close());

  const url = '/api/admin/invoicing-settings';
  const get = async (client: PortalClient) => {
    const res = await client.request('GET', url);
    expect(res.statusCode).toBe(200);
    return { body: res.json(), etag: String(res.headers['etag']) };
  };

  it('starts empty and says what invoicing still needs', async () => {
    const { body, etag } = await get(admin);
    expect(etag).toBe('"v1"');
    expect(body).toMatchObject({ legalName: null, paymentTermDays: 14, reviewWindowHours: 24, taxCategories: [] });
    expect(body.missing).toEqual([
      'legalName',
      'address',
      'vatId',
      'cocNumber',
      'iban',
      'numberPrefix',
      'taxCategories',
    ]);
  });

  it('names every bad field (IBAN checksum, BIC, VAT id, postal code, time zone, duplicate code) and writes nothing', async () => {
    const { etag } = await get(admin);
    const bad = await admin.request('PUT', url, {
      headers: { 'if-match': etag },
      body: {
        ...NL_SETTINGS,
        iban: 'NL91ABNA0417164301',
        bic: 'ABN',
        vatId: 'NL123456789B01',
        address: { ...NL_SETTINGS.address, postalCode: '12' },
        timeZone: 'Mars/Olympus',
        taxCategories: [NL_SETTINGS.taxCategories[0], { ...NL_SETTINGS.taxCategories[1], code: 'high' }],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(problemFieldCodes(bad).sort()).toEqual([
      'address.postalCode:isPostalCode',
      'bic:isBic',
      'iban:isIban',
      'taxCategories.1.code:unique',
      'timeZone:isTimeZone',
      'vatId:vatChecksum',
    ]);
    expect((await get(admin)).etag).toBe(etag);
    expect(await t.sql(t.alpha, `SELECT * FROM tax_category`)).toEqual([]);
  });

  it('saves complete settings (normalised), versioned like billing details, and only the admin may', async () => {
    const { etag } = await get(admin);
    expect((await admin.request('PUT', url, { body: NL_SETTINGS })).statusCode).toBe(428);
    expect((await finance.request('PUT', url, { headers: { 'if-match': etag }, body: NL_SETTINGS })).statusCode).toBe(
      403,
    );
    const saved = await admin.request('PUT', url, { headers: { 'if-match': etag }, body: NL_SETTINGS });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers['etag']).toBe('"v2"');
    expect(saved.json()).toMatchObject({
      iban: 'NL91ABNA0417164300',
      bic: 'ABNANL2A',
      address: { postalCode: '1015 CJ', country: 'NL' },
      missing: [],
    });
    expect(saved.json().taxCategories.map((c: { code: string }) => c.code)).toEqual(['high', 'low', 'zero']);
    const stale = await admin.request('PUT', url, { headers: { 'if-match': etag }, body: NL_SETTINGS });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().type).toBe(PROBLEM_TYPES.preconditionFailed);
    // Finance reads them (the run start needs them complete).
    expect((await get(finance)).body.legalName).toBe('Alpha Telecom B.V.');
  });

  it('refuses a bank account from a supplier in SEPA, naming the field, and writes nothing', async () => {
    const { etag } = await get(admin);
    const bad = await admin.request('PUT', url, {
      headers: { 'if-match': etag },
      body: { ...NL_SETTINGS, bankAccount: CA_SETTINGS.bankAccount },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'bankAccount', code: 'notApplicable' })]);
    expect((await get(admin)).etag).toBe(etag);
  });

  it('takes a Canadian supplier with HST 13 %, a GST/HST number and a Canadian bank account instead of an IBAN', async () => {
    const { etag } = await get(beta);
    // Outside SEPA an IBAN is refused, and a Canadian account's three numbers are checked by digits, each at its field.
    const bad = await beta.request('PUT', url, {
      headers: { 'if-match': etag },
      body: {
        ...CA_SETTINGS,
        iban: 'DE89370400440532013000',
        bankAccount: { bankName: '', institutionNumber: '3', transitNumber: '123456', accountNumber: '12345' },
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(problemFieldCodes(bad).sort()).toEqual([
      'bankAccount.accountNumber:isCanadianAccountNumber',
      'bankAccount.bankName:required',
      'bankAccount.institutionNumber:isInstitutionNumber',
      'bankAccount.transitNumber:isTransitNumber',
      'iban:notApplicable',
    ]);
    expect((await get(beta)).etag).toBe(etag);
    // Without an account, invoicing says the bank account (not the IBAN) is missing.
    const without = await beta.request('PUT', url, {
      headers: { 'if-match': etag },
      body: { ...CA_SETTINGS, bankAccount: null },
    });
    expect(without.statusCode).toBe(200);
    expect(without.json().missing).toEqual(['bankAccount']);
    const saved = await beta.request('PUT', url, {
      headers: { 'if-match': String(without.headers['etag']) },
      body: { ...CA_SETTINGS, bankAccount: { ...CA_SETTINGS.bankAccount, transitNumber: '12-345' } },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      vatId: '123456782RT0001',
      iban: null,
      bic: null,
      bankAccount: CA_BANK_ACCOUNT,
      missing: [],
    });
    expect((await get(beta)).body.bankAccount).toEqual(saved.json().bankAccount);
    // Each tenant sees only its own categories.
    expect((await get(admin)).body.taxCategories).toHaveLength(3);
  });

  it('takes an invoice e-mail: required in Canada (no KvK/VAT address scheme), optional in the Netherlands, a bad one refused at its field', async () => {
    // The Netherlands: complete without it (the KvK number is the electronic address); saved when given.
    const nl = await get(admin);
    expect(nl.body).toMatchObject({ invoiceEmail: null, missing: [] });
    const withEmail = await admin.request('PUT', url, {
      headers: { 'if-match': nl.etag },
      body: { ...NL_SETTINGS, invoiceEmail: 'facturen@alpha-telecom.example' },
    });
    expect(withEmail.statusCode).toBe(200);
    expect(withEmail.json()).toMatchObject({ invoiceEmail: 'facturen@alpha-telecom.example', missing: [] });
    // Left out: unchanged.
    const left = await admin.request('PUT', url, {
      headers: { 'if-match': String(withEmail.headers['etag']) },
      body: { ...NL_SETTINGS, footerEn: 'Payment within 14 days, please.' },
    });
    expect(left.statusCode).toBe(200);
    expect(left.json().invoiceEmail).toBe('facturen@alpha-telecom.example');
    // Not an e-mail address: 422 naming the field, in words the web translates (code isEmail), nothing written.
    const etag = String(left.headers['etag']);
    const bad = await admin.request('PUT', url, {
      headers: { 'if-match': etag },
      body: { ...NL_SETTINGS, invoiceEmail: 'facturen at alpha', footerEn: 'Changed as well.' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'invoiceEmail', code: 'isEmail' })]);
    expect((await get(admin)).etag).toBe(etag);
    expect(await t.sql(t.alpha, `SELECT invoice_email, footer_en FROM invoicing_settings`)).toEqual([
      { invoice_email: 'facturen@alpha-telecom.example', footer_en: 'Payment within 14 days, please.' },
    ]);

    // Canada: the settings are not complete without it, and say so.
    const ca = await get(beta);
    const without = await beta.request('PUT', url, {
      headers: { 'if-match': ca.etag },
      body: { ...CA_SETTINGS, invoiceEmail: null },
    });
    expect(without.statusCode).toBe(200);
    expect(without.json()).toMatchObject({ invoiceEmail: null, missing: ['invoiceEmail'] });
    expect((await get(beta)).body.missing).toEqual(['invoiceEmail']);
    const complete = await beta.request('PUT', url, {
      headers: { 'if-match': String(without.headers['etag']) },
      body: CA_SETTINGS,
    });
    expect(complete.statusCode).toBe(200);
    expect(complete.json()).toMatchObject({ invoiceEmail: CA_SETTINGS.invoiceEmail, missing: [] });
  });

  it('says when the number prefix is frozen (a number of this year is issued) and then refuses a new one at its field', async () => {
    expect((await get(admin)).body.numberPrefixFrozen).toBe(false);
    const year = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date()).slice(0, 4),
    );
    await t.sql(
      t.alpha,
      `INSERT INTO invoice_number_counter (tenant_id, kind, year, prefix, last_number) VALUES ($1, 'invoice', $2, 'AT', 1)`,
      [t.alpha.id, year],
    );
    const { body, etag } = await get(admin);
    expect(body.numberPrefixFrozen).toBe(true);
    const refused = await admin.request('PUT', url, {
      headers: { 'if-match': etag },
      body: { ...NL_SETTINGS, numberPrefix: 'NEW' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'numberPrefix', code: 'frozen' })]);
    // The rest still saves with the prefix unchanged.
    expect(
      (
        await admin.request('PUT', url, {
          headers: { 'if-match': etag },
          body: { ...NL_SETTINGS, paymentTermDays: 30 },
        })
      ).statusCode,
    ).toBe(200);
  });
});
