import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Locator, type Page, expect as baseExpect } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, overflowOf, portal, signInStaffWithTwoFactor } from '../support';

// Issue 17 §1–§2 in the browser: ContactMonkey's admin (in Dutch) completes the invoicing settings,
// finance (in English) creates a plan and gives a customer a subscription. Every page passes axe and
// fits a 360 px phone in both languages.

const NL = {
  email: 'E-mailadres',
  password: 'Wachtwoord',
  submit: 'Aanmelden',
  confirmCode: 'Code bevestigen',
  verify: 'Controleren',
};
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
/** Set LOOK_DIR to keep a screenshot of every page in every language and width. */
const LOOK_DIR = process.env['LOOK_DIR'];

/**
 * The page in Dutch and English, at 1280 and 360 px: `ready` visible, no axe violation, nothing
 * wider than the phone. Leaves the page in `end` language at 1280 px.
 */
async function everyWay(page: Page, name: string, ready: (page: Page) => Locator, end: 'nl' | 'en'): Promise<void> {
  const languages = end === 'nl' ? (['en', 'nl'] as const) : (['nl', 'en'] as const);
  for (const language of languages)
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
      await page.evaluate((l) => (document.cookie = `ma_lang=${l}; Path=/; SameSite=Lax`), language);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(ready(page)).toBeVisible();
      await expectAccessible(page);
      if (width === 360) expect(await overflowOf(page)).toMatchObject({ culprits: [] });
      if (LOOK_DIR) {
        mkdirSync(LOOK_DIR, { recursive: true });
        await page.screenshot({ path: resolve(LOOK_DIR, `${name}-${language}-${width}.png`), fullPage: true });
      }
    }
}

test('the admin completes the invoicing settings (nl); finance creates a plan and gives a customer a subscription (en)', async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await admin.goto(`${CT}/sign-in`);
  await admin.evaluate(() => (document.cookie = 'ma_lang=nl; Path=/; SameSite=Lax'));
  await signInStaffWithTwoFactor(admin, 'contactmonkey', 'admin@contactmonkey.example', NL);
  await admin.goto(`${CT}/admin/invoicing`);
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Facturatie');
  await expect(admin.getByTestId('legalName')).toBeVisible();

  // Canada is outside SEPA: a bank account instead of an IBAN; a wrong transit number is named at its
  // field, in Dutch, and nothing is saved.
  await admin.getByLabel('Statutaire naam').fill('ContactMonkey Communications Inc.');
  await admin.getByLabel('Straat en huisnummer').fill('100 King St W');
  await admin.getByLabel('Postcode').fill('M5X 1A9');
  await admin.getByLabel('Plaats').fill('Toronto');
  await admin.getByLabel('Regio', { exact: true }).fill('ON');
  await admin.getByTestId('country').click();
  await admin.getByRole('option', { name: 'Canada', exact: true }).click();
  await admin.getByLabel('Btw- of belastingnummer').fill('123456782RT0001');
  await admin.getByLabel('KvK-nummer').fill('123456782');
  await expect(admin.getByTestId('iban')).toHaveCount(0);
  await admin.getByLabel('Naam van de bank').fill('Royal Bank of Canada');
  await admin.getByLabel('Instellingsnummer').fill('003');
  await admin.getByLabel('Transitnummer').fill('1234');
  await admin.getByLabel('Rekeningnummer').fill('1234567');
  // The demo has issued CT- numbers this year: the prefix is frozen until next year.
  await expect(admin.getByLabel('Voorvoegsel factuurnummer')).toBeDisabled();
  await admin.getByLabel('Tijdzone').fill('America/Toronto');
  const hst = admin.getByTestId('tax-category-0');
  await hst.getByLabel('Tarief').fill('13');
  await hst.getByLabel('Tekst in het Nederlands').fill('HST 13%');
  await admin.getByTestId('save-invoicing-settings').click();
  const transit = admin.locator('mat-form-field').filter({ has: admin.getByTestId('transitNumber') });
  await expect(transit.locator('mat-error')).toHaveText('Het transitnummer heeft 5 cijfers.');

  await admin.getByLabel('Transitnummer').fill('12345');
  // The invoice e-mail (the seller's electronic address in Canada, seeded) is checked as an e-mail, in Dutch.
  const invoiceEmail = admin.getByLabel('Factuur-e-mailadres');
  await expect(invoiceEmail).toHaveValue('billing@contactmonkey.example');
  await invoiceEmail.fill('facturen bij contactmonkey');
  await admin.getByTestId('save-invoicing-settings').click();
  const emailField = admin.locator('mat-form-field').filter({ has: admin.getByTestId('invoiceEmail') });
  await expect(emailField.locator('mat-error')).toHaveText('Vul een geldig e-mailadres in.');
  await invoiceEmail.fill('facturen@contactmonkey.example');
  await admin.getByTestId('save-invoicing-settings').click();
  await expect(admin.getByText('Facturatie-instellingen opgeslagen.')).toBeVisible();
  await expect(admin.getByTestId('invoicing-checklist')).toContainText('Compleet: factuurruns kunnen starten.');
  // The example number reads whole: non-breaking hyphens (U+2011).
  await expect(admin.getByTestId('prefix-hint')).toContainText('CT\u2011');
  await everyWay(admin, 'invoicing-settings', (p) => p.getByTestId('invoicing-checklist'), 'nl');
  await admin.context().close();

  // Finance, in English: a plan, priced in dollars and cents.
  const finance = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await finance.goto(`${CT}/sign-in`);
  await finance.evaluate(() => (document.cookie = 'ma_lang=en; Path=/; SameSite=Lax'));
  await signInStaffWithTwoFactor(finance, 'contactmonkey', 'finance@contactmonkey.example', EN);
  await finance.goto(`${CT}/finance/plans`);
  // The demo's plans are listed; a new one joins them.
  await expect(finance.getByTestId('plan-Starter')).toBeVisible();
  await finance.getByLabel('Name in Dutch').fill('Zakelijk');
  await finance.getByLabel('Name in English').fill('Business');
  await finance.getByLabel('Description in English').fill('Two lines and a number');
  // (Several categories since the demo's: choose one. The field's label lies over the select.)
  await finance
    .locator('mat-form-field')
    .filter({ has: finance.getByTestId('plan-tax') })
    .click();
  await finance.getByRole('option', { name: /HST 13/ }).click();
  await finance.getByTestId('plan-price').fill('49.955');
  await finance.getByTestId('create-plan').click();
  const price = finance.locator('mat-form-field').filter({ has: finance.getByTestId('plan-price') });
  await expect(price.locator('mat-error')).toHaveText('At most two decimals: a price is a whole number of cents');
  await finance.getByTestId('plan-price').fill('49.95');
  await expect(finance.getByTestId('plan-price-reads')).toContainText('49.95');
  await finance.getByTestId('create-plan').click();
  await expect(finance.getByText('Plan created.')).toBeVisible();
  const business = finance.getByTestId('plan-Business');
  await expect(business).toContainText('$49.95 per month');
  await expect(business).toContainText('HST 13%');
  await expect(business).toContainText('no subscriptions');
  await everyWay(finance, 'plans', (p) => p.getByTestId('plans'), 'en');

  // The customer list, searched; the customer page; a subscription for two from today.
  await finance.goto(`${CT}/finance/accounts`);
  await finance.getByTestId('customer-search').fill('maple');
  await finance.getByTestId('customer-search-go').click();
  await expect(finance.getByTestId('customers').locator('li')).toHaveCount(1);
  await everyWay(finance, 'customers', (p) => p.getByTestId('customers'), 'en');
  await finance.getByTestId('customer-CT-20001').click();
  await expect(finance.getByRole('heading', { level: 1 })).toContainText('Maple Leaf Logistics');
  await expect(finance.getByTestId('billing-facts')).toBeVisible();
  await expect(finance.getByTestId('subscriptions')).toBeVisible();
  await finance.getByTestId('new-subscription-plan').click();
  await finance.getByRole('option', { name: 'Business' }).click();
  await finance.getByTestId('new-subscription-quantity').fill('2');
  await finance.getByTestId('create-subscription').click();
  await expect(finance.getByText('Subscription added.')).toBeVisible();
  const subscription = finance.getByTestId('subscription-Business');
  await expect(subscription).toContainText('Business × 2');
  await expect(subscription).toContainText('Running');

  // A quantity change explains its proration before it is saved.
  await finance.getByTestId('change-Business').click();
  await finance.getByTestId('change-quantity').fill('3');
  await expect(finance.getByTestId('proration-effect')).toContainText('The next invoice credits');
  await finance.getByTestId('save-change').click();
  await expect(finance.getByText('Subscription changed.')).toBeVisible();
  await expect(subscription).toContainText('Business × 3');
  await everyWay(finance, 'customer', (p) => p.getByTestId('subscriptions'), 'en');

  // The plan now counts its subscription, so it can be archived but not deleted.
  await finance.goto(`${CT}/finance/plans`);
  await expect(business).toContainText('1 subscription');
  await expect(finance.getByTestId('delete-Business')).toHaveCount(0);
  await finance.context().close();
});
