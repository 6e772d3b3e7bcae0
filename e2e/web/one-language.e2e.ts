import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, expect } from '@playwright/test';
import { test } from '../fixtures';
import {
  ACCESS_LOG_ACTIONS,
  ACCESS_LOG_RESOURCES,
  ACCESS_OUTCOMES,
  GRANT_STATUSES,
  NEWSLETTER_STATUSES,
  PERSON_STATUSES,
  SIGN_IN_OUTCOMES,
} from '../../libs/shared/contracts/src/lib/codes';
import { ACCESS_REASONS, ACCESS_SCOPES } from '../../libs/shared/contracts/src/lib/api';
import { ACCOUNT_ROLES, STAFF_ROLES } from '../../libs/shared/contracts/src/lib/roles';
import { portal, signIn, signInStaffWithTwoFactor } from '../support';

/** A translation key shown as itself (`helpdesk.fields.plan`): a text missing from the files. */
const SECTIONS = Object.keys(
  JSON.parse(readFileSync(join(__dirname, '../../apps/web/public/i18n/nl.json'), 'utf8')) as object,
);
const RAW_KEY = new RegExp(`(?<![\\w.@-])(?:${SECTIONS.join('|')})(?:\\.[a-zA-Z0-9]+)+`, 'g');

/**
 * One language at a time (issue 16 §3): every page in Dutch, in every role, shows no code from the
 * API's code lists (`billing:read`, `service`, `owner`, `confirmed`, `access-grant` …) and none of a
 * list of English interface words; dates are written the Dutch way.
 */
const NL = {
  email: 'E-mailadres',
  password: 'Wachtwoord',
  submit: 'Aanmelden',
  confirmCode: 'Code bevestigen',
  verify: 'Controleren',
};

const CODES = new Set<string>([
  ...ACCESS_SCOPES,
  ...ACCESS_REASONS,
  ...ACCOUNT_ROLES,
  ...STAFF_ROLES,
  ...GRANT_STATUSES,
  ...PERSON_STATUSES,
  ...NEWSLETTER_STATUSES,
  ...SIGN_IN_OUTCOMES,
  ...ACCESS_LOG_ACTIONS,
  ...ACCESS_LOG_RESOURCES,
  ...ACCESS_OUTCOMES,
]);
/** English interface words that have no place on a Dutch page (whole words, case-sensitive). */
const ENGLISH = [
  'Save',
  'Cancel',
  'Sign in',
  'Sign out',
  'Loading',
  'Settings',
  'Profile',
  'Billing',
  'Members',
  'Security',
  'Newsletters',
  'Language',
  'Owner',
  'Member',
  'Remove',
  'Invite',
  'Submit',
  'Close',
  'Edit',
  'Back',
  'Yes',
  'Password',
  'Search',
  'Approve',
  'Deny',
  'Revoke',
  'Details',
  'History',
  'Error',
  'Welcome',
  'Refresh',
  'Send',
  'Subscribe',
  'Unsubscribe',
  'Customer number',
  'Two-factor',
  'Required',
  'Enter',
  'Product news',
  'events',
  'subscribers',
  'minutes',
  'AM',
  'PM',
];

/** Where an English word is the page's data, not its interface: the admin writes each newsletter's name in both languages. */
const DATA_IN_ENGLISH: Record<string, string[]> = { '/admin/newsletters': ['Product news'] };

const SUBSCRIBER_PAGES = [
  '/account',
  '/account/profile',
  '/account/billing',
  '/account/newsletters',
  '/account/helpdesk-access',
  '/account/members',
  '/security',
];
const STAFF_PAGES = ['/account', '/account/profile', '/security'];

/** The raw codes and English words in the page's visible text. */
async function foreignWords(page: Page, allowed: string[]): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const tokens = text.split(/[\s,.;!?()"“”'‘’·—–/…]+/).filter(Boolean);
  const codes = tokens.filter((t) => CODES.has(t)).map((t) => `code "${t}"`);
  const english = ENGLISH.filter((word) => !allowed.includes(word))
    .filter((word) => new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'u').test(text))
    .map((w) => `English "${w}"`);
  const keys = [...text.matchAll(RAW_KEY)].map((m) => `key "${m[0]}"`);
  return [...new Set([...codes, ...english, ...keys])];
}

async function sweep(page: Page, tenant: string, paths: string[], failures: string[]): Promise<void> {
  for (const path of paths) {
    await page.goto(`${portal(tenant)}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const found = await foreignWords(page, DATA_IN_ENGLISH[path] ?? []);
    if (found.length > 0) failures.push(`${tenant}${path}: ${found.join(', ')}`);
  }
}

/** A browser in which the portal speaks Dutch (the visitor's choice, as the language menu stores it). */
async function dutch(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript(() => (document.cookie = 'ma_lang=nl; Path=/; SameSite=Lax'));
  return context.newPage();
}

test.describe('one language at a time: Dutch', () => {
  test.setTimeout(240_000);

  test('subscribers (owner and member, on both tenants) see no codes and no English; dates are Dutch', async ({
    browser,
  }) => {
    const failures: string[] = [];
    for (const [tenant, email] of [
      ['callmonkey', 'eva@bakkerijdevries.example'],
      ['callmonkey', 'joris@bakkerijdevries.example'],
      ['contactmonkey', 'liam@mapleleaf.example'],
    ] as const) {
      const page = await dutch(browser);
      await page.goto(`${portal(tenant)}/sign-in`);
      await signIn(page, email, NL);
      await expect(page.getByTestId('user-name')).toBeVisible();
      // ContactMonkey's newsletters page included: the API names the lists in the page's language.
      await sweep(page, tenant, SUBSCRIBER_PAGES, failures);
      if (email.startsWith('eva')) {
        await page.goto(`${portal(tenant)}/security`);
        const started = page.getByTestId('session-row').first().locator('td').nth(2);
        // "28-11-2026, 22:22" (non-breaking hyphens), never "11/28/26, 10:22 PM"
        await expect(started).toHaveText(/^\d{1,2}\u2011\d{1,2}\u2011\d{4}, \d{2}:\d{2}$/);
      }
      await page.context().close();
    }
    expect(failures).toEqual([]);
  });

  test('staff (agent, supervisor, admin) see no codes and no English', async ({ browser }) => {
    const failures: string[] = [];
    // The admin is ContactMonkey's (on a Dutch page): sign-in.e2e.ts turns on CallMonkey's admin's
    // two-factor for the first time, later in the same run.
    for (const [tenant, email, pages] of [
      ['callmonkey', 'agent@callmonkey.example', ['/support']],
      ['callmonkey', 'supervisor@callmonkey.example', ['/support']],
      [
        'contactmonkey',
        'admin@contactmonkey.example',
        ['/admin/staff', '/admin/sign-in', '/admin/newsletters', '/admin/helpdesk-access'],
      ],
    ] as const) {
      const page = await dutch(browser);
      await signInStaffWithTwoFactor(page, tenant, email, NL);
      await sweep(page, tenant, [...STAFF_PAGES, ...pages], failures);
      await page.context().close();
    }
    expect(failures).toEqual([]);
  });
});

test.describe('one language at a time: finance and the access log', () => {
  const CT = portal('contactmonkey');

  test('finance’s date fields show and read days the Dutch way in a US browser; the customer’s access log names what finance read in words', async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    // Finance opens Maple Leaf's customer page (a read of its billing details and subscriptions, logged).
    const finance = await dutch(browser);
    await signInStaffWithTwoFactor(finance, 'contactmonkey', 'finance@contactmonkey.example', NL);
    await finance.goto(`${CT}/finance/accounts`);
    await finance.getByTestId('customer-CT-20001').click();
    const start = finance.getByTestId('new-subscription-start');
    // Today as 30-11-2026, never the browser's 11/30/2026.
    await expect(start).toHaveValue(/^\d{2}-\d{2}-\d{4}$/, { timeout: 20_000 });
    await start.fill('1-12-2026');
    await start.blur();
    await expect(start).toHaveValue('01-12-2026');
    await expect(start).toHaveAttribute('aria-invalid', 'false');
    await finance.getByRole('button', { name: 'Kalender openen' }).first().click();
    // The calendar in Dutch, the week from Monday, the typed day chosen.
    await expect(finance.getByRole('button', { name: '1 december 2026', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(finance.getByRole('columnheader').first()).toHaveAccessibleName('maandag');
    await finance.keyboard.press('Escape');
    // Switched to English, the field follows at once, in the tenant's region: ContactMonkey is Canadian.
    await finance.getByTestId('user-menu').click();
    await finance.getByRole('menuitemradio', { name: 'English' }).click();
    await expect(start).toHaveValue('2026-12-01');
    await finance.context().close();

    // The owner reads it in their access log in words, no key (helpdesk.fields.startDate) in sight.
    const owner = await dutch(browser);
    await owner.goto(`${CT}/sign-in`);
    await signIn(owner, 'olivia@mapleleaf.example', NL);
    await expect(owner.getByTestId('user-name')).toBeVisible();
    await owner.goto(`${CT}/account/helpdesk-access`);
    const fields = owner.getByTestId('access-log').getByTestId('event-fields');
    await expect(fields.filter({ hasText: 'startdatum' }).first()).toContainText(
      '(abonnement, aantal, prijs, startdatum, einddatum, status)',
    );
    await expect(fields.filter({ hasText: 'bedrijfsnaam' }).first()).toBeVisible();
    expect(await foreignWords(owner, [])).toEqual([]);
    await owner.context().close();
  });
});
