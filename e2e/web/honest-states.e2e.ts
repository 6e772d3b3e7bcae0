import { type Browser, type Page, expect } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, overflowOf, portal, signIn, snackbar } from '../support';

/**
 * Honest states (issue 16 §5), in Dutch on a laptop and in English on a 360 px phone: a page of
 * another role says it is not available for that role (at the address asked for); an empty list
 * says what is not there and what comes next; a load that failed says it failed, with a retry, and
 * never reads as "nothing there"; a success is said in a snackbar (a polite live region); a wrong
 * field says why, at the field. Every state is axe-clean and fits the phone.
 */
const CASES = [
  {
    lang: 'nl',
    tenant: 'callmonkey',
    member: 'joris@bakkerijdevries.example',
    owner: 'pieter@jansen-installatie.example',
    viewport: { width: 1280, height: 800 },
    labels: { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' },
    t: {
      forbidden: 'Niet beschikbaar voor jouw rol',
      home: 'Naar Mijn account',
      noRequests: 'Geen openstaande helpdeskverzoeken',
      noRequestsNext: 'Vraagt de helpdesk toegang tot je gegevens, dan beslis je hier',
      logFailed:
        'Het toegangslogboek kon niet worden geladen. Dat betekent niet dat niemand je gegevens heeft bekeken.',
      retry: 'Opnieuw proberen',
      save: 'Opslaan',
      saved: 'Opgeslagen.',
      phone: 'Telefoonnummer',
      badPhone: 'Dit is geen geldig telefoonnummer.',
      newPassword: 'Nieuw wachtwoord',
      changePassword: 'Wachtwoord wijzigen',
      tooShort: 'Minstens 10 tekens.',
      loading: 'Bezig met laden',
    },
  },
  {
    lang: 'en',
    tenant: 'contactmonkey',
    member: 'liam@mapleleaf.example',
    owner: 'emma@northernlights.example',
    viewport: { width: 360, height: 740 },
    labels: { email: 'E-mail address', password: 'Password', submit: 'Sign in' },
    t: {
      forbidden: 'Not available for your role',
      home: 'Go to My account',
      noRequests: 'No helpdesk requests waiting',
      noRequestsNext: 'When the helpdesk asks for access to your data, you decide here',
      logFailed: 'The access log could not be loaded. That does not mean nobody accessed your data.',
      retry: 'Try again',
      save: 'Save',
      saved: 'Saved.',
      phone: 'Phone number',
      badPhone: 'This is not a valid phone number.',
      newPassword: 'New password',
      changePassword: 'Change password',
      tooShort: 'At least 10 characters.',
      loading: 'Loading',
    },
  },
] as const;

type Case = (typeof CASES)[number];

async function signedIn(browser: Browser, c: Case, email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: c.viewport })).newPage();
  await page.goto(`${portal(c.tenant)}/sign-in`);
  await signIn(page, email, c.labels);
  await expect(page.getByTestId('user-name')).toBeVisible({ timeout: 15_000 });
  return page;
}

/** Axe-clean, and nothing sticks out sideways (the phone case is 360 px wide). */
async function checked(page: Page): Promise<void> {
  await expectAccessible(page);
  const { scrollWidth, innerWidth, culprits } = await overflowOf(page);
  expect(scrollWidth, culprits.join(', ')).toBeLessThanOrEqual(innerWidth);
}

for (const c of CASES) {
  test.describe(`honest states (${c.lang}, ${c.viewport.width} px)`, () => {
    test.setTimeout(120_000);
    test('a member opening the members page, and a subscriber opening the helpdesk console, meet "not available for your role"', async ({
      browser,
    }) => {
      const page = await signedIn(browser, c, c.member);
      await expect(page.getByTestId('nav-members')).toHaveCount(0);
      await page.goto(`${portal(c.tenant)}/account/members`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.t.forbidden);
      // The address asked for stays in the address bar; no table, no live invite form.
      await expect(page).toHaveURL(/\/account\/members$/);
      await expect(page.getByTestId('forbidden')).toContainText('/account/members');
      await expect(page.getByTestId('members')).toHaveCount(0);
      await expect(page.locator('form')).toHaveCount(0);
      await checked(page);

      await page.goto(`${portal(c.tenant)}/support`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.t.forbidden);
      await expect(page).toHaveURL(/\/support$/);
      await page.getByRole('link', { name: c.t.home }).click();
      await expect(page).toHaveURL(/\/account$/);
      await page.context().close();
    });

    test('the home stays in place while its cards load', async ({ browser }) => {
      test.skip(c.viewport.width < 600, 'one column on a phone: a card may grow by its own facts');
      // Eva's subscription card is the home's longest (two plans, five lines at 1280 px).
      const page = await signedIn(browser, c, c.tenant === 'callmonkey' ? 'eva@bakkerijdevries.example' : c.owner);
      // The cards' reads wait until the placeholders have been measured (the session and tenant do not).
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let waiting = 0;
      await page.route('**/api/**', async (route) => {
        if (/^\/api\/(me|tenant)$/.test(new URL(route.request().url()).pathname)) return route.continue();
        waiting += 1;
        await held;
        return route.continue();
      });
      // Opened from another page: a home rendered by the server (ADR 0017) has its cards' data in it
      // and reads nothing; drawn by the app, its cards load in the browser.
      await page.goto(`${portal(c.tenant)}/account/profile`);
      await page.getByTestId('nav-home').click();
      const about = page.getByTestId('user-name');
      await expect(about).toBeVisible();
      await expect(page.getByTestId('home-subscription').locator('[aria-busy="true"]')).toBeVisible();
      expect(waiting).toBeGreaterThan(0);
      const before = (await about.boundingBox())?.y ?? Number.NaN;
      release();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await expect(page.getByTestId('home-subscription')).not.toContainText(c.t.loading);
      const after = (await about.boundingBox())?.y ?? Number.NaN;
      expect(Math.abs(after - before), `"you and your account" moved from ${before} to ${after}`).toBeLessThanOrEqual(
        4,
      );
      await page.context().close();
    });

    test('an empty list says what comes next; a failed access log says it failed and loads on retry', async ({
      browser,
    }) => {
      const page = await signedIn(browser, c, c.owner);
      // The access log answers 500 once (the UI's reaction is what is tested); the requests load.
      let failures = 0;
      await page.route('**/api/account/access-log', async (route) => {
        failures += 1;
        await route.fulfill({
          status: 500,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'https://mijn-account.dev/problems/internal', title: 'Internal', status: 500 }),
        });
      });
      await page.goto(`${portal(c.tenant)}/account/helpdesk-access`);
      const empty = page.getByTestId('requests-empty');
      await expect(empty).toContainText(c.t.noRequests);
      await expect(empty).toContainText(c.t.noRequestsNext);
      const failed = page.getByTestId('access-log-failed');
      await expect(failed.getByRole('alert')).toHaveText(c.t.logFailed);
      // Failed is not "nobody accessed your data": no empty log, no verification, no table.
      await expect(page.getByTestId('access-log-empty')).toHaveCount(0);
      await expect(page.getByTestId('access-log')).toHaveCount(0);
      await expect(page.getByTestId('log-verification')).toHaveCount(0);
      expect(failures).toBe(1);
      await checked(page);

      await page.unroute('**/api/account/access-log');
      await failed.getByRole('button', { name: c.t.retry }).click();
      await expect(page.getByTestId('log-verification')).toBeVisible();
      await expect(page.getByTestId('access-log-failed')).toHaveCount(0);
      await page.context().close();
    });

    test('a save is said in a snackbar; a wrong field says why at the field', async ({ browser }) => {
      const page = await signedIn(browser, c, c.owner);
      await page.goto(`${portal(c.tenant)}/account/profile`);
      await page.getByRole('button', { name: c.t.save }).click();
      const notice = snackbar(page);
      await expect(notice).toContainText(c.t.saved);
      // Read out by screen readers: the text lands in the snackbar's polite live region.
      await expect(notice.locator('[aria-live="polite"]')).toContainText(c.t.saved);
      await checked(page);

      // The server's reason, at its field and in the page's language.
      await page.getByLabel(c.t.phone).fill('12');
      await page.getByRole('button', { name: c.t.save }).click();
      const phone = page.locator('mat-form-field').filter({ has: page.getByLabel(c.t.phone) });
      await expect(phone.locator('mat-error')).toHaveText(c.t.badPhone);

      // Too short a new password says so under the field, not only in red; nothing is sent.
      await page.goto(`${portal(c.tenant)}/security`);
      await page.getByLabel(c.t.newPassword).fill('short');
      await page.getByRole('button', { name: c.t.changePassword }).click();
      const password = page.locator('mat-form-field').filter({ has: page.getByLabel(c.t.newPassword) });
      await expect(password.locator('mat-error')).toHaveText(c.t.tooShort);
      await checked(page);
      await page.context().close();
    });
  });
}
