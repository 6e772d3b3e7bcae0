import { expect } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, overflowOf, portal } from '../support';

/**
 * The database away (issue 19 §1), as a visitor the portal process has not served yet meets it: the
 * server sends the web app's page without a tenant (it cannot look one up), and every API call
 * answers 503. The app shows a neutral page — no tenant name or colour, in the browser's language —
 * with "Try again"; once the service is back, that button brings the portal's own page. Staged in the
 * browser: the page's inline tenant taken out, the API answering 503 as the server then does.
 */
const CASES = [
  {
    locale: 'nl-NL',
    tenant: 'callmonkey',
    name: 'CallMonkey',
    viewport: { width: 1280, height: 800 },
    t: { title: 'Even niet bereikbaar', retry: 'Opnieuw proberen', signIn: 'Aanmelden' },
  },
  {
    locale: 'en-GB',
    tenant: 'contactmonkey',
    name: 'ContactMonkey',
    viewport: { width: 360, height: 740 },
    t: { title: 'Temporarily unavailable', retry: 'Try again', signIn: 'Sign in' },
  },
] as const;

for (const c of CASES) {
  test(`the service away: a neutral page with a retry (${c.locale}, ${c.viewport.width} px)`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: c.viewport, locale: c.locale });
    const page = await context.newPage();
    const away = async () => {
      await page.route('**/api/**', (route) =>
        route.fulfill({
          status: 503,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '5' },
          body: JSON.stringify({ type: 'https://mijn-account.example/problems/unavailable', status: 503 }),
        }),
      );
      // The page the server sends when it cannot look up the tenant: the app's own, without one.
      await page.route(`${portal(c.tenant)}/account/profile`, async (route) => {
        // Fetched from Node, which does not resolve *.localhost: to loopback, with the tenant's Host.
        const url = new URL(route.request().url());
        const response = await route.fetch({
          url: `http://127.0.0.1:${url.port}${url.pathname}`,
          headers: { ...route.request().headers(), host: url.host },
        });
        const html = (await response.text()).replace(/<script id="ma-tenant"[^>]*>[\s\S]*?<\/script>/, '');
        await route.fulfill({ response, body: html });
      });
    };
    await away();
    await page.goto(`${portal(c.tenant)}/account/profile`);

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.t.title);
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', c.locale.slice(0, 2));
    await expect(page.getByText(c.name)).toHaveCount(0);
    await expectAccessible(page);
    const { scrollWidth, innerWidth, culprits } = await overflowOf(page);
    expect(scrollWidth, culprits.join(', ')).toBeLessThanOrEqual(innerWidth);

    // The service is back: "Try again" loads the portal's own page, branded (a visitor who is not
    // signed in is asked to sign in).
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.getByRole('button', { name: c.t.retry }).click();
    await expect(page.getByRole('button', { name: c.t.signIn })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('tenant-name')).toHaveText(c.name);
    await context.close();
  });
}
