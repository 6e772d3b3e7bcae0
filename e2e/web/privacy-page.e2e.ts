import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Locator, type Page, expect as baseExpect } from '@playwright/test';
import { test } from '../fixtures';
import {
  expectAccessible,
  mailTo,
  overflowOf,
  portal,
  signIn,
  signInStaffWithTwoFactor,
  toPhoneWidth,
} from '../support';

// Issue 18 §1 in the browser: a ContactMonkey subscriber reads their privacy page in Dutch and
// English, at desktop and phone width, and sends a question to the privacy contact (which arrives
// over SMTP); the tenant admin adds a row to the record of processing activities.

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
const LOOK_DIR = process.env['LOOK_DIR'];

/** The page in both languages at 1280 and 360 px: `ready` visible, axe-clean, nothing wider than the phone. */
async function everyWay(
  page: Page,
  name: string,
  ready: (page: Page, language: 'nl' | 'en') => Locator,
): Promise<void> {
  for (const language of ['nl', 'en'] as const)
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
      await page.evaluate((l) => (document.cookie = `ma_lang=${l}; Path=/; SameSite=Lax`), language);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(ready(page, language)).toBeVisible();
      await expectAccessible(page);
      if (width === 360) expect(await overflowOf(page)).toMatchObject({ culprits: [] });
      if (LOOK_DIR) {
        mkdirSync(LOOK_DIR, { recursive: true });
        await page.screenshot({ path: resolve(LOOK_DIR, `${name}-${language}-${width}.png`), fullPage: true });
      }
    }
}

test('a subscriber reads what is held about them and why, in nl and en, and sends a question to the privacy contact', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(`${CT}/sign-in`);
  await page.evaluate(() => (document.cookie = 'ma_lang=en; Path=/; SameSite=Lax'));
  await page.reload();
  await signIn(page, 'olivia@mapleleaf.example', EN);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto(`${CT}/privacy`);

  await everyWay(page, 'privacy', (p, language) =>
    p.getByRole('heading', {
      level: 3,
      name: language === 'nl' ? 'Identiteit en contactgegevens' : 'Identity and contact details',
    }),
  );
  // In English (the last language above): the legal basis translated, the contact, the authority.
  await expect(page.getByTestId('privacy-held')).toContainText('our contract with you');
  await expect(page.getByTestId('privacy-automated')).toContainText('we do not profile you');
  await expect(page.getByTestId('privacy-contact')).toContainText('privacy@contactmonkey.example');
  await expect(page.getByRole('link', { name: 'Office of the Privacy Commissioner of Canada' })).toHaveAttribute(
    'href',
    'https://www.priv.gc.ca',
  );
  await expect(page.getByRole('link', { name: 'profile', exact: true })).toHaveAttribute('href', '/account/profile');

  const message = `When do you delete my sign-in history? (${Date.now()})`;
  await page.getByRole('radio', { name: 'A question' }).check();
  await page.getByLabel('Your message').fill(message);
  await page.getByTestId('privacy-question-send').click();
  await expect(page.getByTestId('privacy-question-sent')).toContainText('We answer by');
  await expectAccessible(page);
  const mail = await mailTo('privacy@contactmonkey.example', 'Privacy question from Olivia');
  expect(mail.text).toContain(message);
});

test('the tenant admin adds a row to the record of processing activities', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`${CT}/sign-in`);
  await page.evaluate(() => (document.cookie = 'ma_lang=en; Path=/; SameSite=Lax'));
  await signInStaffWithTwoFactor(page, 'contactmonkey', 'admin@contactmonkey.example', EN);
  await page.goto(`${CT}/admin/privacy/processing`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Processing record');
  // The rows load after the heading: wait for the first before counting them.
  await expect(page.getByTestId('processing-row').first()).toBeVisible();
  const before = await page.getByTestId('processing-row').count();
  await expectAccessible(page);

  await page.getByTestId('processing-add').click();
  await page.getByLabel('Data category (Dutch)').fill('Webinarregistraties');
  await page.getByLabel('Data category (English)').fill('Webinar registrations');
  await page.getByLabel('Purpose (Dutch)').fill('U toegang geven tot webinars waarvoor u zich inschreef.');
  await page.getByLabel('Purpose (English)').fill('Giving you access to the webinars you registered for.');
  await page.getByLabel('Legal basis').click();
  await page.getByRole('option', { name: 'your consent' }).click();
  await page.getByLabel('Kept for (Dutch)').fill('Tot een maand na het webinar.');
  await page.getByLabel('Kept for (English)').fill('Until a month after the webinar.');
  await page.getByLabel('Recipients and processors (Dutch)').fill('onze webinarprovider');
  await page.getByLabel('Recipients and processors (English)').fill('our webinar provider');
  await page.getByTestId('processing-save').click();
  await expect(page.getByTestId('processing-row')).toHaveCount(before + 1);
  await expect(page.getByTestId('processing-record')).toContainText('Webinar registrations / Webinarregistraties');
  await expectAccessible(page);
  await toPhoneWidth(page);
  // Material places floated outline labels after a resize (ResizeObserver): measure once that has run.
  await expect.poll(async () => (await overflowOf(page)).culprits).toEqual([]);
});
