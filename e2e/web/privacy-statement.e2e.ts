import { type Page, expect } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, mailTo, overflowOf, portal, signIn, signInStaffWithTwoFactor } from '../support';

// Privacy statements with versions and the cookie declaration (issue 18 §6–7): an admin publishes a
// new version; a user is told by mail and sees a banner until they acknowledge it (nl and en, at
// phone width too); the public statement and cookie pages, for anyone.

const NL = { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' };
const EN = {
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  confirmCode: 'Confirm code',
  verify: 'Verify',
};
const PHONE = { width: 360, height: 740 };

async function expectNoSideScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth, culprits } = await overflowOf(page);
  expect({ scrollWidth, culprits }).toEqual({ scrollWidth: innerWidth, culprits: [] });
}

test('an admin publishes a new statement; users see the banner and acknowledge it, in English and Dutch', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await signInStaffWithTwoFactor(admin, 'contactmonkey', 'admin@contactmonkey.example', EN);
  await admin.goto(`${portal('contactmonkey')}/admin/privacy/statements`);
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Privacy statements');
  await expect(admin.getByTestId('statement-versions')).toContainText('Version 1, in force from');
  await admin.getByRole('button', { name: 'New version' }).click();
  await admin.getByTestId('summaryNl').fill('We bewaren inloggeschiedenis nu 90 dagen.');
  await admin.getByTestId('summaryEn').fill('We now keep sign-in history for 90 days.');
  const body = admin.getByTestId('bodyEn');
  await body.fill(`${await body.inputValue()}\n\n# Sign-in history\n\nKept for **90 days**. <script>alert(1)</script>`);
  await expectAccessible(admin);
  await admin.getByTestId('publish-statement').click();
  const dialog = admin.getByRole('alertdialog');
  await expect(dialog).toContainText(/\d+ people get an e-mail/);
  await expectAccessible(admin);
  await dialog.getByRole('button', { name: 'Publish and e-mail everyone' }).click();
  await expect(admin.getByTestId('statement-versions')).toContainText('Version 2, in force from');
  await expect(admin.getByTestId('statements-no-draft')).toBeVisible();

  // English, on a phone: the mail, the banner, the statement behind it, and "I have read it".
  const mail = await mailTo('liam@mapleleaf.example', 'New privacy statement from ContactMonkey');
  expect(mail.text).toContain('We now keep sign-in history for 90 days.');
  const liam = await (await browser.newContext({ viewport: PHONE })).newPage();
  await liam.goto(`${portal('contactmonkey')}/sign-in`);
  await signIn(liam, 'liam@mapleleaf.example', EN);
  const banner = liam.getByTestId('statement-banner');
  await expect(banner).toContainText('Our privacy statement has changed (version 2)');
  await expect(banner).toContainText('We now keep sign-in history for 90 days.');
  await expectAccessible(liam);
  await expectNoSideScroll(liam);
  await banner.getByRole('link', { name: 'Read the statement' }).click();
  await expect(liam).toHaveURL(/\/privacy-statement$/);
  await expect(liam.getByTestId('statement-meta')).toContainText('Version 2');
  // The tenant's text is text: the script tag shows as written and never runs.
  await expect(liam.getByTestId('statement-body')).toContainText('<script>alert(1)</script>');
  await expect(liam.getByTestId('statement-body').locator('script')).toHaveCount(0);
  await expect(liam.getByTestId('statement-versions').locator('li')).toHaveCount(2);
  await expectAccessible(liam);
  await expectNoSideScroll(liam);
  await liam.goto(`${portal('contactmonkey')}/account`);
  await liam.getByTestId('acknowledge-statement').click();
  await expect(liam.getByTestId('statement-banner')).toHaveCount(0);
  await liam.reload();
  await expect(liam.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(liam.getByTestId('statement-banner')).toHaveCount(0);

  // Dutch: the page in Dutch, the banner with the Dutch summary.
  const noah = await (await browser.newContext({ viewport: PHONE })).newPage();
  await noah.addInitScript(() => (document.cookie = 'ma_lang=nl; Path=/; SameSite=Lax'));
  await noah.goto(`${portal('contactmonkey')}/sign-in`);
  await signIn(noah, 'noah@northernlights.example', NL);
  const nlBanner = noah.getByTestId('statement-banner');
  await expect(nlBanner).toContainText('Onze privacyverklaring is gewijzigd (versie 2)');
  await expect(nlBanner).toContainText('We bewaren inloggeschiedenis nu 90 dagen.');
  await expectAccessible(noah);
  await expectNoSideScroll(noah);
  await nlBanner.getByRole('button', { name: 'Ik heb hem gelezen' }).click();
  await expect(noah.getByTestId('statement-banner')).toHaveCount(0);
});

test('the privacy statement and the cookie declaration are public, in Dutch and English, on a phone', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext({ viewport: PHONE })).newPage();
  await page.goto(`${portal('callmonkey')}/privacy-statement`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacyverklaring');
  await expect(page.getByTestId('statement-meta')).toContainText('Versie 1');
  await expect(page.getByTestId('statement-body').getByRole('heading', { name: 'Je rechten' })).toBeVisible();
  await expect(page.getByTestId('statement-body').getByRole('link', { name: 'de cookiepagina' })).toHaveAttribute(
    'href',
    '/cookies',
  );
  await expectAccessible(page);
  await expectNoSideScroll(page);

  await page.goto(`${portal('callmonkey')}/cookies`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cookies');
  await expect(page.getByTestId('cookie-ma_sid')).toContainText('Houdt je ingelogd');
  await expect(page.getByTestId('cookie-XSRF-TOKEN')).toBeVisible();
  await expectAccessible(page);
  await expectNoSideScroll(page);

  const en = await (await browser.newContext({ viewport: PHONE })).newPage();
  await en.goto(`${portal('contactmonkey')}/cookies`);
  await expect(en.getByTestId('cookie-ma_dev')).toContainText('Recognises this browser');
  await expectAccessible(en);
  await en.goto(`${portal('contactmonkey')}/privacy-statement`);
  await expect(en.getByTestId('statement-body').getByRole('heading', { name: 'Under 18' })).toBeVisible();
  await expectAccessible(en);
});
