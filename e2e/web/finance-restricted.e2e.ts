import { expect as baseExpect } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, overflowOf, portal, signInStaffWithTwoFactor, toPhoneWidth } from '../support';

// Issue 18 §3 in the browser: the demo's erased customer (CT-20009, erased through the erasure itself
// when the demo was seeded) is marked restricted on finance's customer list, in Dutch, at 1280 and
// 360 px, axe-clean; the others are not. Its own page offers no subscription change.

const NL = {
  email: 'E-mailadres',
  password: 'Wachtwoord',
  submit: 'Aanmelden',
  confirmCode: 'Code bevestigen',
  verify: 'Controleren',
};
const CT = portal('contactmonkey');
/** The machine running the suite may be busy: pages get longer than the default 5 s to answer. */
const expect = baseExpect.configure({ timeout: 20_000 });

test('finance sees the erased customer marked restricted (nl, 1280 and 360 px)', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`${CT}/sign-in`);
  await page.evaluate(() => (document.cookie = 'ma_lang=nl; Path=/; SameSite=Lax'));
  await signInStaffWithTwoFactor(page, 'contactmonkey', 'finance@contactmonkey.example', NL);
  await page.goto(`${CT}/finance/accounts`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Klanten');
  const erased = page.getByTestId('customers').locator('li', { has: page.getByTestId('customer-CT-20009') });
  const marker = erased.getByTestId('restricted-marker');
  await expect(marker).toHaveText(/^\s*Afgeschermd \(gewist op [^,]*\d{4}\)\s*$/);
  // Only that one: the other customers are not restricted.
  await expect(page.getByTestId('customers').getByTestId('restricted-marker')).toHaveCount(1);
  await expectAccessible(page);

  await toPhoneWidth(page);
  await expect(marker).toBeVisible();
  await expectAccessible(page);
  expect(await overflowOf(page)).toMatchObject({ culprits: [] });

  // Its page says it takes no new subscription or change, and offers none.
  await page.getByTestId('customer-CT-20009').click();
  await expect(page.getByTestId('restricted-no-changes')).toContainText('gewist');
  await expect(
    page.locator('[data-testid^="change-"], [data-testid^="cancel-"], [data-testid^="new-subscription"]'),
  ).toHaveCount(0);
  await expectAccessible(page);
});
