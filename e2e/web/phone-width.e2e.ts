import { type Browser, type Page, expect } from '@playwright/test';
import { test } from '../fixtures';
import {
  brokenWords,
  crowdedHints,
  expectAccessible,
  misplacedFieldTexts,
  overflowOf,
  portal,
  signIn,
  signInStaffWithTwoFactor,
} from '../support';

/**
 * Every page at 360 × 740, in every role: nothing may scroll sideways (issue 16 §2). A page whose
 * document is wider than the viewport fails, naming the elements that stick out. On every page too: no
 * word of a table and no number, date or IP address broken over two lines, no hint touching what comes
 * after it, no error shown inside a field or label cut off, no word of a page's title broken.
 */
const PHONE = { width: 360, height: 740 };
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

const SUBSCRIBER_PAGES = [
  '/account',
  '/account/profile',
  '/account/billing',
  '/account/newsletters',
  '/account/helpdesk-access',
  '/account/members',
  '/account/subscription',
  '/account/invoices',
  '/security',
  '/privacy',
  '/privacy/export',
  '/privacy/erasure',
  '/privacy/restriction',
  '/privacy/requests',
  '/privacy-statement',
  '/cookies',
];
const STAFF_PAGES = ['/account', '/account/profile', '/security'];

async function sweep(page: Page, tenant: string, paths: string[], failures: string[]): Promise<void> {
  for (const path of paths) {
    await page.goto(`${portal(tenant)}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const { scrollWidth, innerWidth, culprits } = await overflowOf(page);
    if (scrollWidth > innerWidth)
      failures.push(`${tenant}${path}: ${scrollWidth}px wide in ${innerWidth}px — ${culprits.join(', ')}`);
    // An e-mail address breaks only after its @ or before a dot (<ma-email>): each part on one line.
    const broken = [
      ...(await brokenWords(page, 'main h1')),
      ...(await brokenWords(page, 'main table')),
      ...(await brokenWords(page, 'main', true)),
      ...(await brokenWords(page, 'ma-email')),
    ];
    if (broken.length > 0)
      failures.push(`${tenant}${path}: broken over two lines — ${[...new Set(broken)].join(', ')}`);
    for (const problem of [...(await crowdedHints(page)), ...(await misplacedFieldTexts(page))])
      failures.push(`${tenant}${path}: ${problem}`);
  }
}

async function phone(browser: Browser): Promise<Page> {
  // Not isMobile: a mobile viewport zooms out to fit a too-wide page, and innerWidth grows with it.
  const context = await browser.newContext({ viewport: PHONE });
  return context.newPage();
}

test.describe('every page at 360 px', () => {
  test.setTimeout(180_000);

  test('pages before sign-in, and the not-found page', async ({ browser }) => {
    const page = await phone(browser);
    const failures: string[] = [];
    await sweep(page, 'callmonkey', ['/sign-in', '/password-reset'], failures);
    await sweep(page, 'contactmonkey', ['/sign-in', '/sign-up', '/newsletters/unsubscribe?token=broken'], failures);
    await page.goto(`${portal('callmonkey')}/sign-in`);
    await signIn(page, 'joris@bakkerijdevries.example', NL);
    await expect(page.getByTestId('user-name')).toBeVisible();
    await sweep(page, 'callmonkey', ['/account/no-such-page'], failures);
    expect(failures).toEqual([]);
  });

  test('subscribers: owner and member', async ({ browser }) => {
    const failures: string[] = [];
    for (const [tenant, email, labels] of [
      ['callmonkey', 'eva@bakkerijdevries.example', NL],
      ['contactmonkey', 'liam@mapleleaf.example', EN],
      ['contactmonkey', 'olivia@mapleleaf.example', EN],
    ] as const) {
      const page = await phone(browser);
      await page.goto(`${portal(tenant)}/sign-in`);
      await signIn(page, email, labels);
      await expect(page.getByTestId('user-name')).toBeVisible();
      await sweep(page, tenant, SUBSCRIBER_PAGES, failures);
      await page.context().close();
    }
    expect(failures).toEqual([]);
  });

  test('on a phone the navigation is a menu that opens over the page', async ({ browser }) => {
    const page = await phone(browser);
    await page.goto(`${portal('callmonkey')}/sign-in`);
    await signIn(page, 'eva@bakkerijdevries.example', NL);
    await expect(page.getByTestId('user-name')).toBeVisible();
    await expect(page.getByTestId('nav-billing')).toBeHidden();
    await page.getByTestId('nav-toggle').click();
    await expect(page.getByTestId('nav-toggle')).toHaveAttribute('aria-expanded', 'true');
    await page.getByTestId('nav-billing').click();
    await expect(page).toHaveURL(/\/account\/billing$/);
    await expect(page.getByTestId('nav-billing')).toBeHidden();
    await expectAccessible(page);
  });

  test("the privacy register's settings: the minimum age's hint keeps its distance from the checkbox (en, nl)", async ({
    browser,
  }) => {
    const page = await phone(browser);
    await signInStaffWithTwoFactor(page, 'contactmonkey', 'admin@contactmonkey.example', EN);
    for (const language of ['en', 'nl'] as const) {
      if (language === 'nl') {
        await page.getByTestId('user-menu').click();
        await page.getByTestId('language-nl').click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
      }
      await page.goto(`${portal('contactmonkey')}/admin/privacy/processing`);
      const settings = page.getByTestId('privacy-settings');
      await expect(settings.locator('mat-hint')).toBeVisible();
      expect(await crowdedHints(page)).toEqual([]);
    }
    await page.context().close();
  });

  test('staff: agent, supervisor, admin, finance', async ({ browser }) => {
    const failures: string[] = [];
    const staff = [
      ['callmonkey', 'agent@callmonkey.example', NL, ['/support']],
      ['contactmonkey', 'supervisor@contactmonkey.example', EN, ['/support']],
      [
        'contactmonkey',
        'admin@contactmonkey.example',
        EN,
        [
          '/admin/staff',
          '/admin/sign-in',
          '/admin/newsletters',
          '/admin/helpdesk-access',
          '/admin/invoicing',
          '/admin/privacy/requests',
          '/admin/privacy/processing',
          '/admin/privacy/disclosures',
          '/admin/privacy/statements',
          '/admin/statistics',
        ],
      ],
    ] as const;
    for (const [tenant, email, labels, pages] of staff) {
      const page = await phone(browser);
      await signInStaffWithTwoFactor(page, tenant, email, labels);
      await sweep(page, tenant, [...STAFF_PAGES, ...pages], failures);
      await page.context().close();
    }
    const finance = await phone(browser);
    await finance.goto(`${portal('callmonkey')}/sign-in`);
    await signIn(finance, 'finance@callmonkey.example', NL);
    await expect(finance.getByTestId('staff-roles')).toBeVisible();
    await sweep(finance, 'callmonkey', STAFF_PAGES, failures);
    await finance.context().close();
    // Finance's own pages in Dutch (the longer words), with the second factor they need.
    const dutchFinance = await phone(browser);
    await dutchFinance.goto(`${portal('contactmonkey')}/sign-in`);
    await dutchFinance.evaluate(() => (document.cookie = 'ma_lang=nl; Path=/; SameSite=Lax'));
    await signInStaffWithTwoFactor(dutchFinance, 'contactmonkey', 'finance@contactmonkey.example', NL);
    await sweep(
      dutchFinance,
      'contactmonkey',
      ['/finance', '/finance/runs', '/finance/invoices', '/finance/plans', '/finance/accounts'],
      failures,
    );
    expect(failures).toEqual([]);
  });
});
