import { expect } from '@playwright/test';
import { test } from '../fixtures';
import { DEMO_PASSWORD, expectAccessible, portal, signIn, signInStaffWithTwoFactor, signOut } from '../support';

const NL = { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' };
const EN = { email: 'E-mail address', password: 'Password', submit: 'Sign in' };

test('CallMonkey: Dutch by default, sign in, switch language (remembered), sign out', async ({ page }) => {
  await page.goto(portal('callmonkey'));
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden bij CallMonkey');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expectAccessible(page);

  await signIn(page, 'eva@bakkerijdevries.example', NL);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn account');
  await expect(page.getByTestId('user-name')).toHaveText('Eva de Vries');
  await expect(page.getByTestId('account-name')).toHaveText('Bakkerij De Vries');
  await expect(page.getByTestId('customer-number')).toHaveText('CM-10001');
  await expect(page.getByTestId('account-role')).toHaveText('Eigenaar');
  await expect(page).toHaveTitle('Mijn account – CallMonkey');
  await expectAccessible(page);

  // Language (like sign-out) is in the user's menu of the shell.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitemradio', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
  await expect(page.getByTestId('account-role')).toHaveText('Owner');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');

  await signOut(page);
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to CallMonkey');
  await page.goto(`${portal('callmonkey')}/account`);
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('ContactMonkey: English by default, a wrong password is refused, member and staff see their roles', async ({
  page,
}) => {
  // Three sign-ins and a two-factor enrolment: over Playwright's 30 s default on a busy machine.
  test.setTimeout(120_000);
  await page.goto(`${portal('contactmonkey')}/sign-in`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to ContactMonkey');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('tenant-name')).toHaveText('ContactMonkey');

  await page.getByLabel(EN.email).fill('liam@mapleleaf.example');
  await page.getByLabel(EN.password).fill(`${DEMO_PASSWORD}-wrong`);
  await page.getByRole('button', { name: EN.submit }).click();
  await expect(page.getByRole('alert')).toHaveText('The e-mail address or password is incorrect.');
  await expectAccessible(page);

  await signIn(page, 'liam@mapleleaf.example', EN);
  await expect(page.getByTestId('account-role')).toHaveText('Member');
  await expect(page.getByTestId('account-name')).toHaveText('Maple Leaf Logistics');
  await expectAccessible(page);
  await signOut(page);

  // Finance (whose two-factor the finance tests turn on, before or after this one).
  await signInStaffWithTwoFactor(page, 'contactmonkey', 'finance@contactmonkey.example', {
    ...EN,
    confirmCode: 'Confirm code',
    verify: 'Verify',
  });
  await page.goto(`${portal('contactmonkey')}/account`);
  await expect(page.getByTestId('staff-roles')).toHaveText('Finance');
  await expectAccessible(page);
});

test('a session of one tenant does not open the other tenant’s portal', async ({ page }) => {
  await page.goto(`${portal('callmonkey')}/sign-in`);
  await signIn(page, 'pieter@jansen-installatie.example', NL);
  await expect(page.getByTestId('user-name')).toHaveText('Pieter Jansen');
  await page.goto(`${portal('contactmonkey')}/account`);
  await expect(page).toHaveURL(/contactmonkey.*\/sign-in$/);
});

test('an unknown host name answers a plain 404 page', async ({ page }) => {
  const response = await page.goto(portal('no-such-tenant'));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not found');
  await expect(page.locator('body')).not.toContainText('CallMonkey');
});

test('a deep link opened while signed out returns there after signing in; an unknown path is a not-found page', async ({
  page,
}) => {
  await page.goto(`${portal('callmonkey')}/account/billing`);
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, 'eva@bakkerijdevries.example', NL);
  await expect(page).toHaveURL(/\/account\/billing$/);
  // The shell marks the current page in its navigation.
  await expect(page.getByTestId('nav-billing')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('nav-home')).not.toHaveAttribute('aria-current', 'page');

  await page.goto(`${portal('callmonkey')}/account/no-such-page`);
  await expect(page).toHaveURL(/\/account\/no-such-page$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina niet gevonden');
  await expect(page.getByTestId('not-found')).toContainText('/account/no-such-page');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Naar Mijn account' }).click();
  await expect(page).toHaveURL(/\/account$/);

  // An address off this portal is never where sign-in goes.
  await signOut(page);
  await page.goto(`${portal('callmonkey')}//evil.example/account`);
  await expect(page).toHaveURL(/callmonkey\.localhost:\d+\/sign-in$/);
  await signIn(page, 'eva@bakkerijdevries.example', NL);
  await expect(page).toHaveURL(/callmonkey\.localhost:\d+\/(account|evil\.example\/account)$/);
});
