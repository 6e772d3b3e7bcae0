import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Locator, type Page, expect as baseExpect } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, overflowOf, portal, signInStaffWithTwoFactor } from '../support';

// Issue 18 §8 in the browser: ContactMonkey's tenant admin reads the usage statistics of the demo's
// last 30 days — a chart and a table per feature, small counts shown as "< 5" — in English and
// Dutch, axe-clean, fitting a 360 px phone; a period that ends before it starts is refused at the field.

const EN = {
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  confirmCode: 'Confirm code',
  verify: 'Verify',
};
const CT = portal('contactmonkey');
/** The machine running the suite may be busy: pages get longer than the default 5 s to answer. */
const expect = baseExpect.configure({ timeout: 20_000 });
/** Set LOOK_DIR to keep a screenshot of every language and width. */
const LOOK_DIR = process.env['LOOK_DIR'];

async function everyWay(page: Page, ready: (page: Page) => Locator): Promise<void> {
  for (const language of ['nl', 'en'] as const)
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
      await page.evaluate((l) => (document.cookie = `ma_lang=${l}; Path=/; SameSite=Lax`), language);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(ready(page)).toBeVisible();
      await page.getByTestId('statistics-sign-in').locator('summary').click();
      await expectAccessible(page);
      if (width === 360) expect(await overflowOf(page)).toMatchObject({ culprits: [] });
      if (LOOK_DIR) {
        mkdirSync(LOOK_DIR, { recursive: true });
        await page.screenshot({ path: resolve(LOOK_DIR, `statistics-${language}-${width}.png`), fullPage: true });
      }
    }
}

test('the tenant admin reads the usage statistics: charts with their figures, small counts hidden, nl and en, on a phone', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`${CT}/sign-in`);
  await page.evaluate(() => (document.cookie = 'ma_lang=en; Path=/; SameSite=Lax'));
  await signInStaffWithTwoFactor(page, 'contactmonkey', 'admin@contactmonkey.example', EN);
  await page.getByTestId('nav-statistics').click();
  await expect(page).toHaveURL(/\/admin\/statistics$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Usage statistics' })).toBeVisible();

  // The demo's sign-ins with a password: a real figure and a chart.
  const signIns = page.getByTestId('statistics-sign-in');
  await expect(signIns.locator('canvas[role="img"]')).toHaveAttribute('aria-label', /Sign-ins per day/);
  await expect(page.getByTestId('statistics-total-sign-in-password').locator('td')).toHaveText(/^\d[\d,]*$/);
  // Microsoft 365: below 5 on each day, so hidden in the total too (a total of hidden days would
  // let anyone subtract their way to one of them); data exports: below 5 altogether.
  await expect(page.getByTestId('statistics-total-sign-in-microsoft').locator('td')).toHaveText('< 5');
  await expect(page.getByTestId('statistics-total-export-requested').locator('td')).toHaveText('< 5');
  // The per-day table: 30 days, the small counts as "< 5" there too.
  await signIns.locator('summary').click();
  await expect(signIns.locator('details tbody tr')).toHaveCount(30);
  await expect(signIns.locator('details tbody tr').first().locator('td').nth(2)).toHaveText('< 5');

  // A period that ends before it starts: told at the field, the figures stay.
  await page.getByTestId('statistics-from').fill('2026-03-01');
  await page.getByTestId('statistics-to').fill('2026-02-01');
  await page.getByTestId('statistics-show').click();
  await expect(page.getByTestId('statistics-to-error')).toHaveText('On or after the first day.');
  await expect(page.getByTestId('statistics-total-sign-in-password')).toBeVisible();

  await everyWay(page, (p) => p.getByTestId('statistics-total-sign-in-password'));
  await expect(page.getByRole('heading', { level: 1, name: 'Usage statistics' })).toBeVisible();
});
