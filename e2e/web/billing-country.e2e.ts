import { expect } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, portal, signIn, snackbar } from '../support';

const EN = { email: 'E-mail address', password: 'Password', submit: 'Sign in' };

/** Issue 16 §4: at ContactMonkey (Canada) the billing form and the phone number are Canadian. */
test('a Canadian address, business number, GST/HST and phone number at ContactMonkey, in English', async ({ page }) => {
  await page.goto(`${portal('contactmonkey')}/sign-in`);
  await signIn(page, 'emma@northernlights.example', EN);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto(`${portal('contactmonkey')}/account/billing`);
  // Read first, as on an invoice: a Canadian address with the city before the province and postal code.
  await expect(page.getByTestId('billing-address')).toHaveText(/150 Elgin Street\s*Ottawa ON K2P 1L4\s*Canada/);
  await page.getByRole('button', { name: 'Change details' }).click();

  await expect(page.getByLabel('Country', { exact: true })).toHaveValue('Canada');
  await expect(page.getByLabel('Street and number')).toHaveValue('150 Elgin Street');
  await expect(page.getByLabel('House number')).toHaveCount(0);
  await expect(page.getByLabel('Chamber of commerce (KvK) number')).toHaveCount(0);

  await page.getByLabel('Business number (BN)').fill('123 456 782');
  await page.getByLabel('GST/HST number').fill('123456782 RT0001');
  await page.getByLabel('Street and number').fill('1250 René-Lévesque Blvd W');
  await page.getByLabel('City').fill('Montréal');
  await page.getByLabel('Province or territory').click();
  await page.getByRole('option', { name: 'Québec (QC)' }).click();
  await page.getByLabel('Postal code').fill('1234 AB');
  await page.getByRole('button', { name: 'Save' }).click();
  const postalField = page.locator('mat-form-field').filter({ has: page.getByLabel('Postal code') });
  await expect(postalField.locator('mat-error')).toBeVisible();

  await expectAccessible(page);
  await page.getByLabel('Postal code').fill('h3b 2y5');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(snackbar(page)).toContainText('Saved.');
  const summary = page.getByTestId('billing-summary');
  await expect(page.getByTestId('billing-address')).toHaveText(
    /1250 René-Lévesque Blvd W\s*Montréal QC H3B 2Y5\s*Canada/,
  );
  // Each by its Canadian name; the GST/HST number as it is written, with what was checked.
  await expect(summary.locator('dt')).toContainText(['Business number (BN)', 'GST/HST number']);
  await expect(summary).toContainText('123456782RT0001');
  await expect(summary.getByText(/Format and check digits valid/)).toBeVisible();
  await expectAccessible(page);

  await page.getByTestId('nav-profile').click();
  await page.getByLabel('Phone number').fill('(514) 555-0199');
  await page.getByLabel('Time zone').fill('toronto');
  await page.getByRole('option', { name: 'America/Toronto' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(snackbar(page)).toContainText('Saved.');
  await expect(page.getByLabel('Phone number')).toHaveValue('+15145550199');
  await expect(page.getByLabel('Time zone')).toHaveValue('America/Toronto');
  await expectAccessible(page);
});
