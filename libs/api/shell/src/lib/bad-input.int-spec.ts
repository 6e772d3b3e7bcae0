import { type PortalClient, type TestApp, startTestApp, problemFields } from '@mijn-account/api-testing';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from '@mijn-account/shared-contracts';

/**
 * Control characters in text: PostgreSQL cannot store NUL (a 500 before the global rule), and no
 * person types the others. One rule in the validation pipe refuses them in every body, query and
 * route parameter with a 422 naming the field; multi-line fields accept line breaks and tabs only.
 */
describe('bad input: control characters in text', () => {
  let t: TestApp;
  let admin: PortalClient;
  let owner: PortalClient;
  let anonymous: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    anonymous = t.client(t.beta);
    await anonymous.request('GET', '/api/tenant');
  });
  afterAll(() => t.close());

  const refusedFields = (response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
    expect(response.statusCode).toBe(422);
    expect(String(response.headers['content-type'])).toContain(PROBLEM_CONTENT_TYPE);
    const problem = response.json() as { type: string; errors: { field: string; code: string }[] };
    expect(problem.type).toBe(PROBLEM_TYPES.validation);
    return problem.errors.filter((e) => e.code === 'noControlCharacters').map((e) => e.field);
  };

  it('refuses a NUL in a signed-in user’s profile and leaves it unchanged', async () => {
    const profile = await owner.request('GET', '/api/me/profile');
    const response = await owner.request('PUT', '/api/me/profile', {
      headers: { 'if-match': String(profile.headers['etag']) },
      body: { displayName: 'Eva\u0000', phone: null, preferredLanguage: null, timeZone: null },
    });
    expect(refusedFields(response)).toEqual(['displayName']);
    const [user] = await t.sql<{ display_name: string }>(t.alpha, `SELECT display_name FROM app_user WHERE id = $1`, [
      t.alpha.accounts[0].owner.id,
    ]);
    expect(user.display_name).toBe('shared');
  });

  it('names every bad field at once, nested ones by their path, beside the DTO’s own errors', async () => {
    const billing = await owner.request('GET', '/api/account/billing');
    const response = await owner.request('PUT', '/api/account/billing', {
      headers: { 'if-match': String(billing.headers['etag']) },
      body: {
        companyName: 'Bakkerij\u0000',
        cocNumber: null,
        vatId: 'NL\u001b[31m',
        billingEmail: 'not an e-mail',
        address: {
          street: 'Dorpsstraat\u0007',
          houseNumber: '1',
          houseNumberAddition: null,
          postalCode: '1234 AB',
          city: 'Utrecht\u0085',
          country: 'NL',
        },
      },
    });
    expect(refusedFields(response).sort()).toEqual(['address.city', 'address.street', 'companyName', 'vatId']);
    expect(problemFields(response)).toContain('billingEmail');
    const [row] = await t.sql<{ n: number }>(t.alpha, `SELECT count(*)::int AS n FROM change_history`);
    expect(row.n).toBe(0);
  });

  it('refuses a lone surrogate, which the e-mail check itself could not take (a 500 before)', async () => {
    const billing = await owner.request('GET', '/api/account/billing');
    const response = await owner.request('PUT', '/api/account/billing', {
      headers: { 'if-match': String(billing.headers['etag']) },
      body: { companyName: null, cocNumber: null, vatId: null, billingEmail: '\ud800eva@example.com', address: null },
    });
    expect(refusedFields(response)).toEqual(['billingEmail']);
  });

  it('refuses it in anonymous routes too (sign-up on another tenant), and writes nothing', async () => {
    await t.sql(t.beta, `UPDATE tenant_sign_in_settings SET self_sign_up = true`);
    const response = await anonymous.request('POST', '/api/sign-up', {
      body: {
        email: 'new@beta.example',
        password: 'a long enough password',
        displayName: 'New\u0000',
        accountName: 'Acme\u0000',
      },
    });
    expect(refusedFields(response).sort()).toEqual(['accountName', 'displayName']);
    expect(await t.sql(t.beta, `SELECT id FROM action_token`)).toEqual([]);
    expect(await t.sql(t.beta, `SELECT id FROM mail_message`)).toEqual([]);
  });

  it('refuses it in staff forms: newsletter names, a sign-in provider’s client id', async () => {
    const list = await admin.request('POST', '/api/admin/newsletters', {
      body: { nameNl: 'Nieuws\u0000', nameEn: 'News', descriptionNl: 'a\u0000', descriptionEn: 'b', visible: true },
    });
    expect(refusedFields(list).sort()).toEqual(['descriptionNl', 'nameNl']);
    expect(await t.sql(t.alpha, `SELECT id FROM newsletter_list`)).toEqual([]);

    const provider = await admin.request('PUT', '/api/admin/sign-in-settings/providers/google', {
      body: { enabled: false, issuer: 'https://accounts.google.com', clientId: 'portal\u0000', clientSecret: 'secret' },
    });
    expect(refusedFields(provider)).toEqual(['clientId']);
    expect(await t.sql(t.alpha, `SELECT provider FROM tenant_identity_provider`)).toEqual([]);
  });

  it('accepts line breaks and tabs in a multi-line field only, and no other control character there', async () => {
    const list = await admin.request('POST', '/api/admin/newsletters', {
      body: { nameNl: 'Nieuws', nameEn: 'News', descriptionNl: 'Maandelijks', descriptionEn: 'Monthly', visible: true },
    });
    expect(list.statusCode).toBe(201);
    const id = (list.json() as { id: string }).id;
    const fine = await admin.request('POST', `/api/admin/newsletters/${id}/issues`, {
      body: { subject: 'Nieuw', body: 'Een.\r\n\r\n\tTwee.' },
    });
    expect(fine.statusCode).toBe(202);
    const newlineInSubject = await admin.request('POST', `/api/admin/newsletters/${id}/issues`, {
      body: { subject: 'Nieuw\nBcc: x', body: 'Een.' },
    });
    expect(refusedFields(newlineInSubject)).toEqual(['subject']);
    const nulInBody = await admin.request('POST', `/api/admin/newsletters/${id}/issues`, {
      body: { subject: 'Nieuw', body: 'Een.\n\u0000' },
    });
    expect(refusedFields(nulInBody)).toEqual(['body']);
    expect((await t.sql(t.alpha, `SELECT subject FROM newsletter_issue`)).length).toBe(1);
  });

  it('refuses it in route parameters and query strings that no DTO describes', async () => {
    const param = await admin.request('PUT', '/api/admin/sign-in-settings/providers/google%00', {
      body: { enabled: false, issuer: 'https://accounts.google.com', clientId: 'portal' },
    });
    expect(refusedFields(param)).toEqual(['provider']);
    const query = await anonymous.request('GET', '/api/newsletters/manage?token=abc%00def');
    expect(refusedFields(query)).toEqual(['token']);
  });
});
