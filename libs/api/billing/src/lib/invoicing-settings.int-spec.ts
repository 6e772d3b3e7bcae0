import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import { NL_SETTINGS } from './billing-fixtures.testing';

describe('invoicing settings (tenant admin)', () => {
  let t: TestApp;
  let admin: PortalClient;
  let finance: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    finance = t.client(t.alpha);
    await finance.signIn(t.alpha.staff.finance.email);
    await finance.enrolTwoFactor();
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
    expect(
      bad
        .json()
        .errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)
        .sort(),
    ).toEqual([
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

  it('takes a Canadian supplier with HST 13 % and a GST/HST number', async () => {
    const beta = t.client(t.beta);
    await beta.signIn(t.beta.staff['tenant-admin'].email);
    await beta.enrolTwoFactor();
    const { etag } = await get(beta);
    const saved = await beta.request('PUT', url, {
      headers: { 'if-match': etag },
      body: {
        ...NL_SETTINGS,
        legalName: 'Beta Communications Inc.',
        address: { streetLine: '100 King St W', postalCode: 'M5X 1A9', city: 'Toronto', region: 'ON', country: 'CA' },
        vatId: '123456782RT0001',
        cocNumber: '123456782',
        iban: 'DE89370400440532013000',
        bic: null,
        timeZone: 'America/Toronto',
        taxCategories: [{ code: 'hst', category: 'S', rateBasisPoints: 1300, textNl: 'HST 13%', textEn: 'HST 13%' }],
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ vatId: '123456782RT0001', missing: [] });
    // Each tenant sees only its own categories.
    expect((await get(admin)).body.taxCategories).toHaveLength(3);
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
