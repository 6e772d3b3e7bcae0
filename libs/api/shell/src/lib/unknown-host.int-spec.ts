import { type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * A host name no tenant answers on gets a neutral page (no tenant's name) in the browser's
 * language, not an unstyled English "Not found"; the API on such a host stays problem details.
 */
describe('unknown tenant host', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const page = (acceptLanguage?: string, url = '/account/billing') =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { host: 'gamma.localhost', ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
    });

  it.each([
    ['nl-NL,nl;q=0.9,en;q=0.8', 'nl', 'Niet gevonden'],
    ['en-GB,en;q=0.9', 'en', 'Not found'],
    ['de-DE,de;q=0.9,nl;q=0.5,en;q=0.4', 'nl', 'Niet gevonden'],
    ['en;q=0.3,nl;q=0.7', 'nl', 'Niet gevonden'],
    ['fr-FR', 'en', 'Not found'],
    [undefined, 'en', 'Not found'],
  ])('Accept-Language %s: a 404 page in %s', async (acceptLanguage, language, title) => {
    const response = await page(acceptLanguage);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['content-language']).toBe(language);
    expect(response.headers['vary']).toContain('Accept-Language');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain(`<html lang="${language}">`);
    expect(response.body).toContain(`<h1>${title}</h1>`);
    expect(response.body).toContain('name="viewport"');
    // Neutral: no tenant of this deployment is named, and nothing is loaded from anywhere.
    for (const slug of [t.alpha.slug, t.beta.slug]) expect(response.body.toLowerCase()).not.toContain(slug);
    expect(response.body).not.toMatch(/<script|<link|src=/);
  });

  it('keeps problem details for the API on an unknown host', async () => {
    const response = await page('nl', '/api/tenant');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
