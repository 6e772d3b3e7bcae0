import { expect, type Page } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, mailTo, overflowOf, portal, signIn, signInStaffWithTwoFactor } from '../support';

const EN = {
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  confirmCode: 'Confirm code',
  verify: 'Verify',
};
const PERSON = 'noah@northernlights.example';
const CM = portal('contactmonkey');

/** Every page of this journey at 1280 and 360 px, in English and Dutch: its heading, accessible, nothing wider than a phone. */
async function lookAt(page: Page, pages: Record<string, { en: string; nl: string; shows: string }>): Promise<void> {
  for (const language of ['en', 'nl'] as const) {
    await page.evaluate((lang) => (document.cookie = `ma_lang=${lang}; Path=/; SameSite=Lax`), language);
    for (const [width, height] of [
      [1280, 800],
      [360, 740],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [path, { shows, ...titles }] of Object.entries(pages)) {
        await page.goto(`${CM}${path}`);
        await expect(page.locator('h1')).toHaveText(titles[language]);
        await expect(page.getByTestId(shows).first()).toBeVisible();
        await page.screenshot({
          path: `tmp/look/${language}-${width}${path.replaceAll('/', '-')}.png`,
          fullPage: true,
        });
        await expectAccessible(page);
        const overflow = await overflowOf(page);
        expect({ path, width, language, culprits: overflow.culprits }).toEqual({ path, width, language, culprits: [] });
      }
    }
  }
  await page.evaluate(() => (document.cookie = 'ma_lang=en; Path=/; SameSite=Lax'));
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('an admin registers a phone request, extends it and closes it, and restricts processing on request; the person sees both', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  // The person asks for a restriction on their privacy page.
  const person = await (await browser.newContext()).newPage();
  await person.goto(`${CM}/sign-in`);
  await signIn(person, PERSON, EN);
  await expect(person).toHaveURL(/\/account$/, { timeout: 15_000 });
  await person.goto(`${CM}/privacy/restriction`);
  await expect(person.getByTestId('restriction-none')).toBeVisible();
  await person
    .getByTestId('restriction-details')
    .fill('My address is wrong; please do nothing with my data until it is fixed');
  await person.getByTestId('restriction-ask').click();
  await expect(person.getByTestId('restriction-requested')).toBeVisible();

  // The tenant admin registers a request that came by phone.
  const admin = await (await browser.newContext()).newPage();
  await signInStaffWithTwoFactor(admin, 'contactmonkey', 'admin@contactmonkey.example', EN);
  await admin.goto(`${CM}/admin/privacy/requests`);
  await expect(admin.locator('h1')).toHaveText('Privacy requests');
  await admin.getByTestId('register-type').click();
  await admin.getByRole('option', { name: 'Access', exact: true }).click();
  await admin.getByTestId('register-channel').click();
  await admin.getByRole('option', { name: 'by phone' }).click();
  await admin.getByTestId('register-email').fill(PERSON);
  await admin.getByTestId('register-details').fill('Called: wants a copy of everything we keep');
  // Yesterday: received on a day already begun where the tenant is, whatever the browser's time zone
  // (the form's default is the browser's day; the tenant's own day is not known to the page).
  await admin.getByTestId('register-received').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await admin.getByTestId('register-submit').click();
  const phone = admin.getByTestId('admin-request').filter({ hasText: 'Called: wants a copy' });
  await expect(phone).toBeVisible();
  await expect(phone).toContainText('by phone');
  await expectAccessible(admin);

  // Extends it by two months, with a reason the person is mailed.
  await phone.getByTestId('extend').click();
  await phone.getByTestId('extend-reason').fill('Your data sits in three systems we must search by hand');
  await phone.getByTestId('extend-submit').click();
  await expect(phone).toContainText('Your data sits in three systems');
  const mail = await mailTo(PERSON, 'We need more time for your privacy request');
  expect(mail.text).toContain('Your data sits in three systems we must search by hand');

  // Closes it with its outcome; it leaves the open list and shows under "Done".
  await phone.getByTestId('close').click();
  await phone.getByTestId('close-outcome').fill('Sent the copy by e-mail');
  await phone.getByTestId('close-submit').click();
  await expect(phone).toHaveCount(0);
  await admin.getByTestId('status-filter').click();
  await admin.getByRole('option', { name: 'Done' }).click();
  await expect(admin.getByTestId('admin-request').filter({ hasText: 'Called: wants a copy' })).toContainText(
    'Sent the copy by e-mail',
  );
  // The panel of the previous choice must be gone first: reopened while it closes, its options were
  // found and then detached again and again (Chromium 156).
  await expect(admin.getByRole('listbox')).toHaveCount(0);
  await admin.getByTestId('status-filter').click();
  await admin.getByRole('option', { name: 'Open' }).click();

  // Restricts processing on the person's request, with a reason; the restriction shows on both sides.
  const asked = admin.getByTestId('admin-request').filter({ hasText: 'My address is wrong' });
  await asked.getByTestId('restrict').click();
  await asked.getByTestId('restrict-reason').fill('Accuracy contested (Art. 18(1)(a)) until the address is corrected');
  await asked.getByTestId('restrict-submit').click();
  await expect(asked.getByTestId('person-restricted')).toBeVisible();
  await expect(admin.getByTestId('restricted-person').filter({ hasText: PERSON })).toContainText('Accuracy contested');

  await person.goto(`${CM}/privacy/restriction`);
  await expect(person.getByTestId('restriction-active')).toContainText('Accuracy contested');
  await person.goto(`${CM}/privacy/requests`);
  const seen = person.getByTestId('my-request').filter({ hasText: 'Sent the copy by e-mail' });
  await expect(seen.getByTestId('my-request-status')).toHaveText('Done');
  await expect(seen.getByTestId('my-request-extension')).toContainText('Your data sits in three systems');

  // Every page of the journey, in both languages and at phone width.
  await lookAt(person, {
    '/privacy/requests': { en: 'My privacy requests', nl: 'Mijn privacyverzoeken', shows: 'my-request' },
    '/privacy/restriction': {
      en: 'Restriction and objection',
      nl: 'Beperking en bezwaar',
      shows: 'restriction-active',
    },
  });
  await lookAt(admin, {
    '/admin/privacy/requests': { en: 'Privacy requests', nl: 'Privacyverzoeken', shows: 'admin-request' },
  });

  // Lifting restores: the person's page says so.
  await admin.goto(`${CM}/admin/privacy/requests`);
  await admin.getByTestId('restricted-person').filter({ hasText: PERSON }).getByTestId('lift').click();
  await expect(admin.getByTestId('restricted-person').filter({ hasText: PERSON })).toHaveCount(0);
  await person.goto(`${CM}/privacy/restriction`);
  await expect(person.getByTestId('restriction-none')).toBeVisible();
});
