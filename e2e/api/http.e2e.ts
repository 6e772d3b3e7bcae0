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
  expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const body = await response.json();
  expect(body).toMatchObject({ status: 401, requestId: headers['x-request-id'], instance: '/api/me' });
});

test('the OpenAPI document lists the API', async ({ request }) => {
  const response = await request.get(`${base}/api/docs-json`);
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/me', '/api/session', '/api/tenant', '/api/health']));
  const ui = await request.get(`${base}/api/docs`);
  expect(ui.status()).toBe(200);
  expect(await ui.text()).toContain('swagger-ui');
});
