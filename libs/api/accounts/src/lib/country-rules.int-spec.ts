import { type PortalClient, type TestApp, startTestApp, problemFields } from '@mijn-account/api-testing';

/** Issue 16 §4: addresses, registration and tax ids, phone numbers by the account's country. */
const CA_ADDRESS = {
  street: '1250 René-Lévesque Blvd W',
  houseNumber: null,
  houseNumberAddition: null,
  postalCode: 'h3b2y5',
  city: 'Montréal',
  region: 'qc',
  country: 'CA',
};
const CA_BILLING = {
  companyName: 'Érable Inc.',
  cocNumber: '123 456 782',
  vatId: '123456782 RT0001',
  billingEmail: null,
  address: CA_ADDRESS,
};

describe('billing details and phone numbers that follow the country', () => {
  let t: TestApp;
  let canadian: PortalClient;
  let dutch: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    canadian = t.client(t.beta);
    await canadian.signIn(t.beta.accounts[0].owner.email);
    dutch = t.client(t.alpha);
    await dutch.signIn(t.alpha.accounts[1].owner.email);
  });
  afterAll(() => t.close());

  const get = async (client: PortalClient, url: string) => {
    const res = await client.request('GET', url);
    expect(res.statusCode).toBe(200);
    return { body: res.json(), etag: String(res.headers['etag']) };
  };
  const put = (client: PortalClient, url: string, body: unknown, etag: string) =>
    client.request('PUT', url, { body, headers: { 'if-match': etag } });

  it('accepts a Canadian address, business number and GST/HST account, written the Canadian way', async () => {
    const { etag } = await get(canadian, '/api/account/billing');
    const saved = await put(canadian, '/api/account/billing', CA_BILLING, etag);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      cocNumber: '123456782',
      vatId: '123456782RT0001',
      vatCheck: { valid: true },
      address: {
        street: '1250 René-Lévesque Blvd W',
        houseNumber: null,
        postalCode: 'H3B 2Y5',
        region: 'QC',
        country: 'CA',
      },
    });
    const history = (await canadian.request('GET', '/api/account/billing/history')).json();
    expect(history[0].changes).toEqual(expect.arrayContaining([{ field: 'region', from: null, to: 'QC' }]));
  });

  it('reads a phone number in the national format of the account’s country and stores E.164', async () => {
    const { body, etag } = await get(canadian, '/api/me/profile');
    const saved = await put(
      canadian,
      '/api/me/profile',
      { ...body, email: undefined, phoneCountry: undefined, phone: '(514) 555-0199', timeZone: 'America/Toronto' },
      etag,
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ phone: '+15145550199', timeZone: 'America/Toronto' });
  });

  it.each([
    ['a Dutch postal code in Canada', { address: { ...CA_ADDRESS, postalCode: '1234 AB' } }, 'address.postalCode'],
    ['no province', { address: { ...CA_ADDRESS, region: null } }, 'address.region'],
    ['a US state as province', { address: { ...CA_ADDRESS, region: 'TX' } }, 'address.region'],
    ['a business number with a bad check digit', { cocNumber: '123456789' }, 'cocNumber'],
    ['a GST/HST number with a bad business number', { vatId: '123456789RT0001' }, 'vatId'],
    ['an EU VAT id in Canada', { vatId: 'NL004495445B01' }, 'vatId'],
    [
      'a house number missing in the Netherlands',
      { address: { ...CA_ADDRESS, region: null, postalCode: '1234 AB', country: 'NL' } },
      'address.houseNumber',
    ],
    [
      'a tax id in the US',
      {
        vatId: 'NL004495445B01',
        cocNumber: null,
        address: { ...CA_ADDRESS, region: 'NY', postalCode: '10001', country: 'US' },
      },
      'vatId',
    ],
  ])('refuses %s with a 422 naming the field, and writes nothing', async (_name, change, field) => {
    const before = await get(canadian, '/api/account/billing');
    const res = await put(canadian, '/api/account/billing', { ...CA_BILLING, ...change }, before.etag);
    expect(res.statusCode).toBe(422);
    expect(problemFields(res)).toEqual([field]);
    expect(await get(canadian, '/api/account/billing')).toEqual(before);
  });

  it('refuses a phone number that is not one of the account’s country, naming the field', async () => {
    const { body, etag } = await get(canadian, '/api/me/profile');
    const res = await put(
      canadian,
      '/api/me/profile',
      { ...body, email: undefined, phoneCountry: undefined, phone: '(514) 555-019' },
      etag,
    );
    expect(res.statusCode).toBe(422);
    expect(problemFields(res)).toEqual(['phone']);
  });

  it('accepts the everyday Dutch mobile number 0612345678 for a Dutch account and stores +31612345678', async () => {
    const billing = await get(dutch, '/api/account/billing');
    const address = {
      street: 'Dorpsstraat',
      houseNumber: '12',
      houseNumberAddition: null,
      postalCode: '1234ab',
      city: 'Utrecht',
      region: null,
      country: 'NL',
    };
    expect(
      (await put(dutch, '/api/account/billing', { ...billing.body, vatCheck: undefined, address }, billing.etag))
        .statusCode,
    ).toBe(200);
    const { body, etag } = await get(dutch, '/api/me/profile');
    const saved = await put(
      dutch,
      '/api/me/profile',
      { ...body, email: undefined, phoneCountry: undefined, phone: '0612345678' },
      etag,
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json().phone).toBe('+31612345678');
  });

  it('still loads and saves an address stored by the old form (house number apart, no province)', async () => {
    await t.sql(
      t.beta,
      `UPDATE subscriber_account SET street = 'Bay Street', house_number = '1200', postal_code = 'M5R 2A5', city = 'Toronto', country = 'CA', coc_number = 'AB1234', region = NULL WHERE id = $1`,
      [t.beta.accounts[1].id],
    );
    const other = t.client(t.beta);
    await other.signIn(t.beta.accounts[1].owner.email);
    const { body, etag } = await get(other, '/api/account/billing');
    expect(body.address).toEqual({
      street: 'Bay Street',
      houseNumber: '1200',
      houseNumberAddition: null,
      postalCode: 'M5R 2A5',
      city: 'Toronto',
      region: null,
      country: 'CA',
    });
    const saved = await put(
      other,
      '/api/account/billing',
      { ...body, vatCheck: undefined, companyName: 'Old Form Ltd.' },
      etag,
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ companyName: 'Old Form Ltd.', cocNumber: 'AB1234', address: body.address });
  });
});
