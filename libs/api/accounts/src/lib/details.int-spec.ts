import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { type PortalClient, type TestApp, startTestApp, problemFields } from '@mijn-account/api-testing';

const ADDRESS = {
  street: 'Dorpsstraat',
  houseNumber: '12',
  houseNumberAddition: 'bis',
  postalCode: '1234ab',
  city: 'Utrecht',
  country: 'nl',
};
const BILLING = {
  companyName: 'Bakkerij BV',
  cocNumber: '12345678',
  vatId: 'nl 0044.95445.B01',
  billingEmail: 'Invoices@Example.com',
  address: ADDRESS,
};

describe('profile and billing: versions, validation, history', () => {
  let t: TestApp;
  let owner: PortalClient;
  let member: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    member = t.client(t.alpha);
    await member.signIn(t.alpha.accounts[0].member.email);
  });
  afterAll(() => t.close());

  const get = async (client: PortalClient, url: string) => {
    const res = await client.request('GET', url);
    expect(res.statusCode).toBe(200);
    return { body: res.json(), etag: String(res.headers['etag']) };
  };
  const put = (client: PortalClient, url: string, body: unknown, etag?: string) =>
    client.request('PUT', url, { body, headers: etag ? { 'if-match': etag } : {} });
  const rowCount = async (sql: string) => (await t.sql<{ n: number }>(t.alpha, sql))[0].n;

  it('saves a profile with its ETag, normalises the phone to E.164, and keeps a history', async () => {
    const { body, etag } = await get(owner, '/api/me/profile');
    expect(body).toMatchObject({ email: t.alpha.accounts[0].owner.email, phone: null, timeZone: null });
    const saved = await put(
      owner,
      '/api/me/profile',
      { displayName: 'Eva de Vries', phone: '+31 6 1234 5678', preferredLanguage: 'en', timeZone: 'Europe/Amsterdam' },
      etag,
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      displayName: 'Eva de Vries',
      phone: '+31612345678',
      timeZone: 'Europe/Amsterdam',
    });
    expect(saved.headers['etag']).not.toBe(etag);
    const history = (await owner.request('GET', '/api/me/profile/history')).json();
    // "By" is the name the editor had when they saved.
    expect(history[0]).toMatchObject({ by: 'shared', byKind: 'subscriber' });
    expect(history[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'phone', from: null, to: '+31612345678' },
        { field: 'displayName', from: 'shared', to: 'Eva de Vries' },
      ]),
    );
  });

  it('refuses an edit without If-Match (428) and a stale one (412, with the current version), writing nothing', async () => {
    const { body: current, etag } = await get(owner, '/api/me/profile');
    const body = {
      displayName: current.displayName,
      phone: current.phone,
      preferredLanguage: current.preferredLanguage,
      timeZone: current.timeZone,
    };
    const missing = await put(owner, '/api/me/profile', { ...body, displayName: 'No version' });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().type).toBe(PROBLEM_TYPES.preconditionRequired);

    const tab1 = await put(owner, '/api/me/profile', { ...body, displayName: 'From tab one' }, etag);
    expect(tab1.statusCode).toBe(200);
    const tab2 = await put(owner, '/api/me/profile', { ...body, displayName: 'From tab two' }, etag);
    expect(tab2.statusCode).toBe(412);
    expect(tab2.json()).toMatchObject({
      type: PROBLEM_TYPES.preconditionFailed,
      current: { displayName: 'From tab one', etag: tab1.headers['etag'] },
    });
    expect((await get(owner, '/api/me/profile')).body.displayName).toBe('From tab one');
  });

  it('names every bad profile field and writes nothing', async () => {
    const { etag } = await get(owner, '/api/me/profile');
    const before = await rowCount(`SELECT count(*)::int AS n FROM change_history`);
    const bad = await put(
      owner,
      '/api/me/profile',
      { displayName: 'x'.repeat(10_000), phone: 'call me', preferredLanguage: 'fr', timeZone: 'Mars/Olympus' },
      etag,
    );
    expect(bad.statusCode).toBe(422);
    expect(problemFields(bad).sort()).toEqual(['displayName', 'preferredLanguage']);
    const bad2 = await put(
      owner,
      '/api/me/profile',
      { displayName: 'Eva', phone: 'call me', preferredLanguage: 'nl', timeZone: 'Mars/Olympus' },
      etag,
    );
    expect(problemFields(bad2).sort()).toEqual(['phone', 'timeZone']);
    expect(await rowCount(`SELECT count(*)::int AS n FROM change_history`)).toBe(before);
    expect((await get(owner, '/api/me/profile')).etag).toBe(etag);
  });

  it('lets the owner save billing details, checked and normalised, and members read them', async () => {
    const { etag } = await get(owner, '/api/account/billing');
    const saved = await put(owner, '/api/account/billing', BILLING, etag);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      vatId: 'NL004495445B01',
      vatCheck: { valid: true, checkedAt: expect.any(String) },
      billingEmail: 'invoices@example.com',
      address: { postalCode: '1234 AB', country: 'NL', houseNumberAddition: 'bis' },
    });
    const read = await get(member, '/api/account/billing');
    expect(read.body.address.city).toBe('Utrecht');
    const denied = await put(member, '/api/account/billing', BILLING, read.etag);
    expect(denied.statusCode).toBe(403);
    const history = (await member.request('GET', '/api/account/billing/history')).json();
    expect(history[0].changes).toEqual(expect.arrayContaining([{ field: 'postalCode', from: null, to: '1234 AB' }]));
  });

  it.each([
    ['a Dutch postal code in the wrong form', { address: { ...ADDRESS, postalCode: '12345' } }, 'address.postalCode'],
    ['an emoji in a postal code', { address: { ...ADDRESS, postalCode: '12🍞4 AB' } }, 'address.postalCode'],
    [
      'a Belgian postal code for Germany',
      { address: { ...ADDRESS, postalCode: '1000', country: 'DE' } },
      'address.postalCode',
    ],
    ['an unknown country', { address: { ...ADDRESS, country: 'XX' } }, 'address.country'],
    ['a PO box', { address: { ...ADDRESS, street: 'Postbus' } }, 'address.street'],
    ['a VAT id with a bad check digit', { vatId: 'NL004495446B01' }, 'vatId'],
    ['a VAT id of no EU country', { vatId: 'US123456789' }, 'vatId'],
    ['a 10 kB company name', { companyName: 'x'.repeat(10_240) }, 'companyName'],
    ['a bad billing e-mail', { billingEmail: 'invoices@' }, 'billingEmail'],
  ])('refuses %s, naming the field, and writes nothing', async (_name, change, field) => {
    const { body, etag } = await get(owner, '/api/account/billing');
    const res = await put(owner, '/api/account/billing', { ...BILLING, ...change }, etag);
    expect(res.statusCode).toBe(422);
    expect(problemFields(res)).toEqual([field]);
    const after = await get(owner, '/api/account/billing');
    expect(after).toEqual({ body, etag });
  });

  it('answers 404 for another account’s member and keeps billing per account and tenant', async () => {
    const other = t.client(t.alpha);
    await other.signIn(t.alpha.accounts[1].owner.email);
    expect((await get(other, '/api/account/billing')).body.address).toBeNull();
    expect(
      (
        await owner.request('PUT', `/api/account/members/${t.alpha.accounts[1].member.id}/role`, {
          body: { role: 'owner' },
        })
      ).statusCode,
    ).toBe(404);
    const beta = t.client(t.beta);
    await beta.signIn(t.beta.accounts[0].owner.email);
    expect((await get(beta, '/api/account/billing')).body.companyName).toBeNull();
  });

  it('changes member roles but never leaves the account without an owner', async () => {
    const ownerId = t.alpha.accounts[0].owner.id;
    const last = await owner.request('PUT', `/api/account/members/${ownerId}/role`, { body: { role: 'member' } });
    expect(last.statusCode).toBe(409);
    expect(
      (
        await owner.request('PUT', `/api/account/members/${t.alpha.accounts[0].member.id}/role`, {
          body: { role: 'owner' },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await owner.request('PUT', `/api/account/members/${ownerId}/role`, { body: { role: 'member' } })).statusCode,
    ).toBe(204);
    expect((await member.request('GET', '/api/me')).json().account.role).toBe('owner');
  });

  it('keeps the change history append-only for the runtime role', async () => {
    await expect(t.appSql(t.alpha, `UPDATE change_history SET changes = '[]'`)).rejects.toThrow(
      /permission denied|append-only/,
    );
    await expect(t.appSql(t.alpha, `DELETE FROM change_history`)).rejects.toThrow(/permission denied|append-only/);
  });
});
