import { expect } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, linkFromMail, mailTo, portal, signIn, signInStaffWithTwoFactor } from '../support';

const EN = { email: 'E-mail address', password: 'Password', submit: 'Sign in' };
const SUBSCRIBER = 'noah@northernlights.example';

test('the Unsubscribe link in the real mail opens a page whose one click unsubscribes, in the subscriber’s language, at 360 px', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // Noah subscribes in the portal and confirms from the mail.
  const noah = await (await browser.newContext()).newPage();
  await noah.goto(`${portal('contactmonkey')}/sign-in`);
  await signIn(noah, SUBSCRIBER, EN);
  await noah.getByTestId('nav-newsletters').click();
  await noah.getByRole('switch', { name: 'Product news' }).click();
  await expect(noah.getByTestId('pending')).toBeVisible();
  await noah.goto(await linkFromMail(SUBSCRIBER, 'Confirm your subscription', '/newsletters/confirm'));
  await expect(noah.getByTestId('newsletter-notice')).toHaveText('Thank you: you now receive “Product news”.');

  // The admin sends an issue.
  const admin = await (await browser.newContext()).newPage();
  await signInStaffWithTwoFactor(admin, 'contactmonkey', 'admin@contactmonkey.example', {
    ...EN,
    confirmCode: 'Confirm code',
    verify: 'Verify',
  });
  await admin.goto(`${portal('contactmonkey')}/admin/newsletters`);
  const list = admin.getByTestId('list-Product news');
  await list.getByRole('button', { name: 'Write an issue' }).click();
  const composer = admin.getByTestId('issue-composer');
  await composer.getByLabel('Subject').fill('Studio news');
  await composer.getByLabel('Text').fill('Hello!\n\nNew lenses in stock.');
  await composer.getByRole('button', { name: 'Send to confirmed subscribers' }).click();
  // The confirmation names the count (issue 16 §6; decisions.e2e.ts looks at it closely).
  await admin.getByRole('alertdialog').getByTestId('confirm').click();
  await expect(admin.getByTestId('newsletter-admin-notice')).toContainText('Queued for');

  // The mail, as MailDev received it, says why Noah gets it and carries the visible link.
  const issue = await mailTo(SUBSCRIBER, 'Studio news');
  expect(issue.text).toContain('You receive this e-mail because you subscribed to “Product news” of ContactMonkey on ');
  const link = await linkFromMail(SUBSCRIBER, 'Studio news', '/newsletters/unsubscribe');
  expect(new URL(link).pathname).toBe('/newsletters/unsubscribe');

  // A fresh browser at phone width, whose last visitor chose Dutch: the page still speaks Noah's English.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await phone.newPage();
  await page.goto(`${portal('contactmonkey')}/sign-in`);
  await page.evaluate(() => (document.cookie = 'ma_lang=nl; Path=/; SameSite=Lax'));
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Unsubscribe from a newsletter' })).toBeVisible();
  await expect(page.getByTestId('unsubscribe-question')).toHaveText(`Stop sending “Product news” to ${SUBSCRIBER}?`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);

  // Opening the page changed nothing; the click does.
  await noah.goto(`${portal('contactmonkey')}/account/newsletters`);
  await expect(noah.getByRole('switch', { name: 'Product news' })).toBeChecked();
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByTestId('unsubscribe-done')).toHaveText(
    `You are unsubscribed: ${SUBSCRIBER} no longer receives “Product news”.`,
  );
  await expectAccessible(page);

  // Opened again: already unsubscribed, with the way back in.
  await page.reload();
  await expect(page.getByTestId('unsubscribe-already')).toHaveText(
    `You are already unsubscribed: ${SUBSCRIBER} does not receive “Product news”.`,
  );
  await page.getByTestId('to-preferences').click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // In the portal the subscription is gone.
  await noah.reload();
  await expect(noah.getByRole('switch', { name: 'Product news' })).not.toBeChecked();

  // A broken link says so, in words, not raw JSON.
  await page.goto(`${portal('contactmonkey')}/newsletters/unsubscribe?token=broken`);
  await expect(page.getByTestId('unsubscribe-failed')).toBeVisible();
  await expectAccessible(page);
});
