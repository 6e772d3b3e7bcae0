import { expect, type Page } from '@playwright/test';
import { test } from '../fixtures';
import { portal, signIn } from '../support';

const NL = { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' };
const OWNER = 'pieter@jansen-installatie.example';

/** The server's answer to a page path, with this browser's cookies (from the page: Node does not resolve `*.localhost`). */
const htmlOf = (page: Page, path: string) => page.evaluate((p) => fetch(p).then((r) => r.text()), path);

/** Errors the page logs (a hydration mismatch is one: NG05xx) while it loads and settles. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * Home and billing rendered by the server (ADR 0017, issue 16 §8): the page's content is in the HTML,
 * in the visitor's language, and the app takes it over (hydration) without asking the API again.
 */
test("a signed-in visitor's home comes with its content in the HTML, in their language, and is not fetched again", async ({
  page,
}) => {
  const errors = consoleErrors(page);
  await page.goto(`${portal('callmonkey')}/sign-in`);
  await signIn(page, OWNER, NL);
  await expect(page).toHaveURL(/\/account$/);

  const home = await htmlOf(page, '/account');
  expect(home).toMatch(/<h1[^>]*>Mijn account<\/h1>/);
  expect(home).toContain('Pieter Jansen');
  expect(home).toContain('<html lang="nl"');
  const billing = await htmlOf(page, '/account/billing');
  expect(billing).toMatch(/<h1[^>]*>Bedrijf en facturatie<\/h1>/);

  // A fresh load: the answers the render used come in the page, so the browser asks none of them again.
  const reads: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) reads.push(new URL(request.url()).pathname);
  });
  await page.goto(`${portal('callmonkey')}/account`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn account');
  await page
    .getByRole('link', { name: /Bedrijf en facturatie/ })
    .first()
    .waitFor();
  expect(reads.filter((path) => path === '/api/me' || path === '/api/tenant')).toEqual([]);

  // English chosen: the server renders English.
  await page.context().addCookies([{ name: 'ma_lang', value: 'en', url: portal('callmonkey') }]);
  const english = await htmlOf(page, '/account');
  expect(english).toMatch(/<h1[^>]*>My account<\/h1>/);
  expect(english).toContain('<html lang="en"');
  expect(english).toContain('Pieter Jansen');
  await page.goto(`${portal('callmonkey')}/account/billing`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Company and billing');
  // The one expected: the session check on the sign-in page before signing in.
  expect(errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
});

test('a visitor without a session gets no private content in the HTML and is sent to sign-in', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto(`${portal('callmonkey')}/sign-in`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden bij CallMonkey');
  for (const path of ['/account', '/account/billing']) {
    const html = await htmlOf(page, path);
    expect(html).toContain('<ma-root></ma-root>');
    expect(html).not.toContain('Mijn account</h1>');
  }
  // Even with a signed-in hint that no session backs (it ended elsewhere): the render is not sent.
  await page.context().addCookies([{ name: 'ma_signed_in', value: '1', url: portal('callmonkey') }]);
  expect(await htmlOf(page, '/account')).toContain('<ma-root></ma-root>');
  await page.goto(`${portal('callmonkey')}/account/billing`);
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden bij CallMonkey');
  expect(errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
});
