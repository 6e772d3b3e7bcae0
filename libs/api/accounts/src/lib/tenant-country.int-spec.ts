import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * Phones follow the country (issue 16 §4): a number typed without +country is read in the
 * account's billing country, and where there is none (staff, an account without billing details)
 * in the tenant's — not refused, and not read as some fixed default.
 */
describe('phone numbers read against the tenant’s country', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    // Before any request reaches beta (its tenant row is then read fresh): a Canadian tenant.
    await t.owner.query(`UPDATE tenant SET country = 'CA' WHERE id = $1`, [t.beta.id]);
  });
  afterAll(() => t.close());

  async function savePhone(client: PortalClient, phone: string) {
    const current = await client.request('GET', '/api/me/profile');
    const { displayName, preferredLanguage, timeZone } = current.json();
    return client.request('PUT', '/api/me/profile', {
      body: { displayName, phone, preferredLanguage, timeZone },
      headers: { 'if-match': String(current.headers['etag']) },
    });
  }

  it('reads a national number in the tenant’s country when the account has no billing country', async () => {
    const dutch = t.client(t.alpha);
    await dutch.signIn(t.alpha.accounts[1].member.email);
    const saved = await savePhone(dutch, '0612345678');
    expect(saved.statusCode).toBe(200);
    expect(saved.json().phone).toBe('+31612345678');

    const canadian = t.client(t.beta);
    await canadian.signIn(t.beta.accounts[1].member.email);
    expect((await canadian.request('GET', '/api/tenant')).json()).toMatchObject({ country: 'CA' });
    // The profile says where a national number is read, for the page's hint to name it.
    expect((await canadian.request('GET', '/api/me/profile')).json()).toMatchObject({ phoneCountry: 'CA' });
    const montreal = await savePhone(canadian, '(514) 555-0199');
    expect(montreal.statusCode).toBe(200);
    expect(montreal.json().phone).toBe('+15145550199');
    // A Dutch national number means nothing in Canada: refused at its field, not guessed.
    const refused = await savePhone(canadian, '0612345678');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'phone', code: 'isPhoneNumber' })]);
  });

  it('reads the whole input as the number: a valid number with anything around it is refused, not picked out', async () => {
    const dutch = t.client(t.alpha);
    await dutch.signIn(t.alpha.accounts[1].member.email);
    for (const typed of ['06 1234 5678x', 'tel 0612345678']) {
      const refused = await savePhone(dutch, typed);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'phone', code: 'isPhoneNumber' })]);
    }
  });

  it('reads a staff member’s national number in the tenant’s country too', async () => {
    const admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    const saved = await savePhone(admin, '020 123 4567');
    expect(saved.statusCode).toBe(200);
    expect(saved.json().phone).toBe('+31201234567');
    expect(saved.json().phoneCountry).toBe('NL');
  });
});
