import { expect } from '@playwright/test';
import { test } from '../fixtures';
import {
  expectAccessible,
  OIDC_CLIENT_SECRET,
  OIDC_ISSUER,
  portal,
  signInStaffWithTwoFactor,
  snackbar,
} from '../support';

// A Google or Microsoft 365 sign-up on a portal that asks an age (ContactMonkey: 18 or a parent's permission, issue
// 18 §1): after the provider answers, the portal holds the sign-up and asks first; the account exists
// only after an answer it accepts.

const CT = portal('contactmonkey');
const EN = {
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  confirmCode: 'Confirm code',
  verify: 'Verify',
};

/** The two providers the portal offers, both served by the local OpenID provider (tools/oidc-provider). */
const PROVIDERS = [
  // Google vouches for the address with `email_verified`.
  { provider: 'google', name: 'Google', domain: 'gmail.example', login: (email: string) => email },
  // Microsoft 365 vouches with `xms_edov`; the local provider sets it for a `#verified` login.
  {
    provider: 'microsoft',
    name: 'Microsoft',
    domain: 'outlook.example',
    login: (email: string) => `${email}#verified`,
  },
] as const;

for (const { provider, name, domain, login } of PROVIDERS)
  test(`a ${name} sign-up stops at the age question and makes the account only after it is answered`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const admin = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await admin.goto(`${CT}/sign-in`);
    await admin.evaluate(() => (document.cookie = 'ma_lang=en; Path=/; SameSite=Lax'));
    await signInStaffWithTwoFactor(admin, 'contactmonkey', 'admin@contactmonkey.example', EN);
    await admin.goto(`${CT}/admin/sign-in`);
    const settings = admin.getByTestId(`provider-${provider}`);
    await settings.getByRole('checkbox', { name: 'On' }).check();
    await settings.getByLabel('Issuer URL').fill(OIDC_ISSUER[provider]);
    await settings.getByLabel('Client ID').fill(`portal-${provider}`);
    await settings.getByLabel('Client secret').fill(OIDC_CLIENT_SECRET);
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(snackbar(admin)).toContainText('Saved.');

    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await page.goto(`${CT}/sign-in`);
    await page.evaluate(() => (document.cookie = 'ma_lang=en; Path=/; SameSite=Lax'));
    await page.reload();
    const email = `social.${Date.now()}@${domain}`;
    await page.getByTestId(`sign-in-${provider}`).click();
    await page.locator('input[name=login]').fill(login(email));
    await page.locator('input[name=password]').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(new RegExp(`/sign-up/age\\?provider=${provider}`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an account with ContactMonkey');
    await expect(page.getByTestId('social-sign-up-age')).toContainText('I am 18 or older.');
    await expectAccessible(page);
    // No answer: asked at the field, nothing made.
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Choose one to create an account.')).toBeVisible();
    await page.getByRole('radio', { name: 'I am under 18 and my parent or guardian gives permission.' }).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('user-name')).toBeVisible();
    await expectAccessible(page);
  });
