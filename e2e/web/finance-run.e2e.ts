import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Page, expect } from '@playwright/test';
import { test } from '../fixtures';
import pg from 'pg';
import { PORT, brokenWords, expectAccessible, overflowOf, portal, signInStaffWithTwoFactor } from '../support';

/**
 * Issue 17 §3/§8: finance bills a month on the runs page and watches the progress bar finish, reviews
 * the drafts (a one-off line), finalises, and sees the invoices numbered — ContactMonkey (en, CAD).
 * What it needs (complete invoicing settings, a plan, subscriptions) it makes through the API unless
 * the demo data has it. Then the finance pages are checked with axe at 1280 and 360 px, in en and nl.
 */
const TENANT = 'contactmonkey';
const EN = {
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  confirmCode: 'Confirm code',
  verify: 'Verify',
};
const WIDE = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

/** A JSON request from the signed-in page (its session cookie and XSRF token). */
async function api(page: Page, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const xsrf = document.cookie
        .split('; ')
        .find((c) => c.startsWith('XSRF-TOKEN='))
        ?.slice('XSRF-TOKEN='.length);
      const response = await fetch(path, {
        method,
        headers: {
          'content-type': 'application/json',
          'x-xsrf-token': decodeURIComponent(xsrf ?? ''),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, etag: response.headers.get('etag'), json: text ? JSON.parse(text) : null };
    },
    { method, path, body, headers },
  );
}

/** The tenant's subscriber accounts (ids), read as the database owner: finance has no list route of its own yet. */
async function accountIds(): Promise<string[]> {
  const credentials = JSON.parse(readFileSync(resolve(__dirname, '../../tmp/e2e/postgres.credentials.json'), 'utf8'));
  const client = new pg.Client({
    host: '127.0.0.1',
    port: PORT + 51_000,
    database: 'portal',
    user: 'portal_owner',
    password: credentials.owner,
  });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', (SELECT id::text FROM tenant WHERE slug = $1), true)`, [
      TENANT,
    ]);
    // An erased account (the demo has one) takes no new subscription.
    const rows = await client.query(
      `SELECT id FROM subscriber_account WHERE erased_at IS NULL ORDER BY customer_number`,
    );
    await client.query('COMMIT');
    return rows.rows.map((r: { id: string }) => r.id);
  } finally {
    await client.end();
  }
}

/** First day of the month `back` months before this one (the browser's and the tenant's calendar agree here). */
function monthStart(back: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth() - back, 1)).toISOString().slice(0, 10);
}

async function axeAtBothWidths(page: Page, path: string, heading: RegExp): Promise<void> {
  for (const viewport of [WIDE, PHONE]) {
    await page.setViewportSize(viewport);
    await page.goto(`${portal(TENANT)}${path}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    const { scrollWidth, innerWidth, culprits } = await overflowOf(page);
    expect(scrollWidth, `${path} at ${innerWidth}px: ${culprits.join(', ')}`).toBeLessThanOrEqual(innerWidth);
  }
}

test.describe('finance runs billing for a month', () => {
  test.setTimeout(480_000);

  test('starts a run on the page, watches it draft, reviews, finalises and sees the invoices numbered', async ({
    browser,
  }) => {
    // The tenant admin completes the invoicing settings if the demo data left them incomplete.
    const adminPage = await (await browser.newContext({ viewport: WIDE })).newPage();
    await signInStaffWithTwoFactor(adminPage, TENANT, `admin@${TENANT}.example`, EN);
    const settings = await api(adminPage, 'GET', '/api/admin/invoicing-settings');
    expect(settings.status).toBe(200);
    if (settings.json.missing.length > 0) {
      const saved = await api(
        adminPage,
        'PUT',
        '/api/admin/invoicing-settings',
        {
          legalName: 'ContactMonkey Communications Inc.',
          address: { streetLine: '100 King St W', postalCode: 'M5X 1A9', city: 'Toronto', region: 'ON', country: 'CA' },
          vatId: '123456782RT0001',
          cocNumber: '123456782',
          iban: null,
          bic: null,
          bankAccount: {
            bankName: 'Royal Bank of Canada',
            institutionNumber: '003',
            transitNumber: '12345',
            accountNumber: '1234567',
          },
          numberPrefix: 'CT',
          paymentTermDays: 30,
          reviewWindowHours: 24,
          footerNl: 'Betaling binnen 30 dagen.',
          footerEn: 'Payment within 30 days.',
          timeZone: 'America/Toronto',
          taxCategories: [{ code: 'hst', category: 'S', rateBasisPoints: 1300, textNl: 'HST 13%', textEn: 'HST 13%' }],
        },
        { 'if-match': settings.etag ?? '"v1"' },
      );
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    }
    await adminPage.context().close();

    const context = await browser.newContext({ viewport: WIDE });
    const page = await context.newPage();
    await signInStaffWithTwoFactor(page, TENANT, `finance@${TENANT}.example`, EN);

    // A plan and a subscription per account, from four months back: the month three back is billed
    // by this run (no demo run touches it).
    const taxCategory = (await api(page, 'GET', '/api/admin/invoicing-settings')).json.taxCategories[0].code;
    const plan = await api(page, 'POST', '/api/finance/plans', {
      nameNl: 'E2E Zakelijk',
      nameEn: 'E2E Business',
      descriptionNl: 'Voor de browsertest',
      descriptionEn: 'For the browser test',
      priceMinor: 4500,
      currency: 'CAD',
      interval: 'month',
      taxCategory,
    });
    expect(plan.status, JSON.stringify(plan.json)).toBe(201);
    const start = monthStart(4);
    for (const accountId of await accountIds()) {
      const made = await api(page, 'POST', `/api/finance/accounts/${accountId}/subscriptions`, {
        planId: plan.json.id,
        quantity: 1,
        startDate: start,
      });
      expect(made.status, JSON.stringify(made.json)).toBe(201);
    }

    // The finance card on the home page leads to the dashboard.
    await page.goto(`${portal(TENANT)}/account`);
    await expect(page.getByTestId('home-finance')).toBeVisible();
    await page.getByTestId('home-finance-link').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Finance' })).toBeVisible();
    await page.getByTestId('finance-to-runs').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Billing runs' })).toBeVisible();

    // Open invoices before the run (the demo's own), so the dashboard's count can be checked after it.
    const before = (await api(page, 'GET', '/api/finance/summary')).json as {
      currencies: { currency: string; openCount: number }[];
    };
    const openBefore = before.currencies.find((c) => c.currency === 'CAD')?.openCount ?? 0;

    // Start the run for the month three back: the progress bar fills while it drafts.
    const billed = monthStart(3);
    const monthLabel = new Intl.DateTimeFormat('en-CA', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${billed}T12:00:00Z`),
    );
    await page.getByTestId('run-month').click();
    await page.getByRole('option', { name: monthLabel }).click();
    await page.getByTestId('start-run').click();
    await expect(page).toHaveURL(/\/finance\/runs\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: `Billing run ${monthLabel}` })).toBeVisible();
    const bar = page.getByTestId('run-progress-bar');
    await expect(bar).toHaveAttribute('role', 'progressbar');
    await expect(page.getByTestId('run-status')).toHaveText('In review', { timeout: 60_000 });
    await expect(bar).toHaveAttribute('aria-valuenow', '100');
    const toBill = Number(await page.getByTestId('count-toBill').textContent());
    expect(toBill).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('count-drafted')).toHaveText(String(toBill));

    // Review: a one-off line on the first draft moves its net amount.
    const firstDraft = page.locator('[data-testid^="draft-"]').first();
    const netBefore = await firstDraft.getByTestId('draft-net').textContent();
    await firstDraft.getByTestId('add-line').click();
    // A description as long as real ones are: the lines' table needs the page's room.
    await firstDraft
      .getByTestId('line-description')
      .fill('On-site installation of the telephone exchange, headsets and call recording for the whole office');
    await firstDraft.getByTestId('line-quantity').fill('2');
    await firstDraft.getByTestId('line-price').fill('75.00');
    await firstDraft.getByTestId('save-line').click();
    await expect(firstDraft.getByTestId('draft-net')).not.toHaveText(netBefore ?? '');
    await expect(firstDraft).toContainText('2 lines');
    await expectAccessible(page);

    // Its lines open as a table whose headers break between words only, in English and in Dutch
    // (the Dutch "Omschrijving" broke mid-word at 1280 px).
    await firstDraft.getByTestId('show-lines').click();
    await expect(firstDraft.getByTestId('draft-lines')).toBeVisible();
    expect(await brokenWords(page, 'th')).toEqual([]);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('language-nl').click();
    await expect(firstDraft.getByRole('columnheader', { name: 'Omschrijving' })).toBeAttached();
    expect(await brokenWords(page, 'th')).toEqual([]);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('language-en').click();
    await expect(firstDraft.getByRole('columnheader', { name: 'Description' })).toBeAttached();

    // Finalise (confirmed) and watch the numbering finish.
    await page.getByTestId('finalise-run').click();
    await expect(page.getByRole('alertdialog')).toContainText(`${toBill} drafts get their numbers`);
    await page.getByTestId('confirm').click();
    await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 60_000 });
    await expect(bar).toHaveAttribute('aria-valuenow', '100');
    const failed = Number(await page.getByTestId('count-failed').textContent());
    await expect(page.getByTestId('count-finalised')).toHaveText(String(toBill - failed));
    await expect(page.getByTestId('run-done')).toContainText(`${toBill - failed} invoices were numbered`);

    // The dashboard counts them as open.
    await page.goto(`${portal(TENANT)}/finance`);
    await expect(page.getByTestId('finance-currency-CAD')).toContainText(`${openBefore + toBill - failed} invoices`);
    await expect(page.getByTestId('finance-last-run')).toContainText('Completed');

    // Every finance page of this slice, axe-clean and without sideways scrolling, in English and in Dutch.
    const runPath = `/finance/runs/${(await api(page, 'GET', '/api/finance/billing-runs')).json[0].id}`;
    const pages: [string, RegExp, RegExp][] = [
      ['/finance', /^Finance$/, /^Financiën$/],
      ['/finance/runs', /^Billing runs$/, /^Factuurruns$/],
      [runPath, /^Billing run /, /^Factuurrun /],
    ];
    for (const [path, en] of pages) await axeAtBothWidths(page, path, en);
    await page.setViewportSize(WIDE);
    await page.goto(`${portal(TENANT)}/finance`);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('language-nl').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Financiën' })).toBeVisible();
    for (const [path, , nl] of pages) await axeAtBothWidths(page, path, nl);
    await context.close();
  });
});
