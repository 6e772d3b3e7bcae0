import { expect, test } from '@playwright/test';
import { PORT } from '../support';

// Node does not resolve <tenant>.localhost: connect to 127.0.0.1 and send the tenant's Host header.
const base = `http://127.0.0.1:${PORT}`;

test('security headers, request ids and problem details over real HTTP', async ({ request }) => {
  const response = await request.get(`${base}/api/me`, { headers: { host: `callmonkey.localhost:${PORT}` } });
  expect(response.status()).toBe(401);
  const headers = response.headers();
  expect(headers['content-type']).toContain('application/problem+json');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const body = await response.json();
  expect(body).toMatchObject({ status: 401, requestId: headers['x-request-id'], instance: '/api/me' });
});

test('the OpenAPI document lists the API', async ({ request }) => {
  const response = await request.get(`${base}/api/docs-json`);
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining(['/api/me', '/api/session', '/api/tenant', '/api/health']),
  );
  const ui = await request.get(`${base}/api/docs`);
  expect(ui.status()).toBe(200);
  expect(await ui.text()).toContain('swagger-ui');
});

test('the built web app: brotli, hashed files immutable, pages no-cache with their translations preloaded', async ({
  request,
}) => {
  const host = { host: `callmonkey.localhost:${PORT}` };
  const page = await request.get(`${base}/account/billing`, {
    headers: { ...host, 'accept-encoding': 'gzip, deflate, br' },
  });
  expect(page.status()).toBe(200);
  // A first visit gets its XSRF cookie with the page (ADR 0017), which makes that answer its own.
  expect(page.headers()['set-cookie']).toMatch(/^XSRF-TOKEN=anon\./);
  expect(page.headers()['cache-control']).toBe('private, no-cache');
  expect(page.headers()['link']).toBe('</i18n/nl.json>; rel=preload; as=fetch; crossorigin');
  const html = await page.text();
  // The tenant's /api/tenant answer inline, so the app starts without that round trip.
  expect(html).toContain('<script id="ma-tenant" type="application/json">{"slug":"callmonkey"');
  // Every script and style the page names is a hashed file of the build.
  const files = [...html.matchAll(/(?:src|href)="([^"]+-[0-9A-Z]{8,}\.(?:js|css))"/g)].map((m) => m[1]);
  expect(files.length).toBeGreaterThan(1);
  for (const file of files) {
    const response = await request.get(`${base}/${file}`, {
      headers: { ...host, 'accept-encoding': 'gzip, deflate, br' },
    });
    expect({
      file,
      status: response.status(),
      cacheControl: response.headers()['cache-control'],
      vary: response.headers()['vary'],
    }).toEqual({
      file,
      status: 200,
      cacheControl: 'public, max-age=31536000, immutable',
      vary: 'Accept-Encoding',
    });
    // The build's precompressed copy (files under 1 kB are left as they are).
    if ((await response.body()).length >= 1024) {
      expect({ file, encoding: response.headers()['content-encoding'] }).toEqual({ file, encoding: 'br' });
    }
  }
  const gzip = await request.get(`${base}/${files.find((f) => f.startsWith('main-'))}`, {
    headers: { ...host, 'accept-encoding': 'gzip' },
  });
  expect(gzip.headers()['content-encoding']).toBe('gzip');
});
