import { expect, type Page } from '@playwright/test';
import { test } from '../fixtures';
import { readFile } from 'node:fs/promises';
import { PORT, brokenWords, expectAccessible, overflowOf, portal, signIn, signInStaffWithTwoFactor } from '../support';

const EN = {
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  confirmCode: 'Confirm code',
  verify: 'Verify',
};
const OWNER = 'olivia@mapleleaf.example';

/** A call of the portal's API from a signed-in page, as the web app makes it (session cookie, XSRF header). */
async function api(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; etag: string | null }> {
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
          ...(xsrf ? { 'x-xsrf-token': decodeURIComponent(xsrf) } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null, etag: response.headers.get('etag') };
    },
    { method, path, body, headers },
  );
}

interface MailDevMail {
  id: string;
  subject: string;
  text: string;
  date: string;
  to: { address: string }[];
  attachments?: { generatedFileName: string; contentType: string }[];
}

/** The newest mail whose subject starts with `subject`, to any recipient (the billing address or the owner). */
async function invoiceMail(subject: string, amount: string): Promise<MailDevMail> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const mails = (await (await fetch(`http://127.0.0.1:${PORT + 1080}/email`)).json()) as MailDevMail[];
    const found = mails
      .filter((m) => m.subject.startsWith(subject) && m.text.includes(amount))
      .sort((a, b) => b.date.localeCompare(a.date))[0];
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no mail "${subject}…"`);
}

test('finance issues an invoice; the subscriber gets it by mail with the PDF and downloads the same PDF from My invoices; an agent reads invoices under invoices:read and the owner sees it in the log', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
  const first = `${today.slice(0, 7)}-01`;
  const [y, m] = today.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

  // The owner of Maple Leaf Logistics (CT-20001), signed in: no invoices yet.
  const ownerContext = await browser.newContext({ acceptDownloads: true });
  const owner = await ownerContext.newPage();
  await owner.goto(`${portal('contactmonkey')}/sign-in`);
  await signIn(owner, OWNER, EN);
  await expect(owner).toHaveURL(/\/account$/);
  const accountId = ((await api(owner, 'GET', '/api/me')).json as { account: { id: string } }).account.id;
  await owner.getByTestId('nav-invoices').click();
  // The demo's invoices of last month are there already.
  await expect(owner.getByTestId('invoice-row').first()).toBeVisible();
  await expectAccessible(owner);

  // The tenant admin sets the review window to none (the demo's settings are complete otherwise).
  const admin = await (await browser.newContext()).newPage();
  await signInStaffWithTwoFactor(admin, 'contactmonkey', 'admin@contactmonkey.example', EN);
  const current = await api(admin, 'GET', '/api/admin/invoicing-settings');
  // The demo's settings as they are, with no review window: the run below is finalised at once.
  // (The view's own fields — what is missing, the version, whether the prefix is frozen — are not part of an update.)
  const settings = { ...(current.json as Record<string, unknown>) };
  for (const viewOnly of ['missing', 'version', 'numberPrefixFrozen']) delete settings[viewOnly];
  const saved = await api(
    admin,
    'PUT',
    '/api/admin/invoicing-settings',
    { ...settings, reviewWindowHours: 0 },
    { 'if-match': current.etag ?? '"v1"' },
  );
  expect(saved.status).toBe(200);

  // Finance: a plan, a subscription for Maple Leaf Logistics, and a run for this month (finalised at once).
  const finance = await (await browser.newContext()).newPage();
  await signInStaffWithTwoFactor(finance, 'contactmonkey', 'finance@contactmonkey.example', EN);
  const plan = await api(finance, 'POST', '/api/finance/plans', {
    nameNl: 'Zakelijk',
    nameEn: 'Business line',
    descriptionNl: 'Eén lijn',
    descriptionEn: 'One line',
    priceMinor: 4500,
    currency: 'CAD',
    interval: 'month',
    taxCategory: 'hst',
  });
  expect(plan.status).toBe(201);
  const subscription = await api(finance, 'POST', `/api/finance/accounts/${accountId}/subscriptions`, {
    planId: (plan.json as { id: string }).id,
    quantity: 2,
    startDate: first,
  });
  expect(subscription.status).toBe(201);
  const run = await api(
    finance,
    'POST',
    '/api/finance/billing-runs',
    { periodStart: first, periodEnd: last },
    { 'idempotency-key': `e2e-my-invoices-${Date.now()}` },
  );
  expect(run.status).toBe(201);

  // The mail: in English, with the PDF attached.
  const mail = await invoiceMail('Invoice CT-', '$101.70');
  expect(mail.text).toContain('is attached to this e-mail as a PDF');
  expect(mail.text).toContain('/account/invoices');
  const attachment = mail.attachments?.find((a) => a.contentType === 'application/pdf');
  expect(attachment).toBeTruthy();
  const attached = Buffer.from(
    await (
      await fetch(`http://127.0.0.1:${PORT + 1080}/email/${mail.id}/attachment/${attachment?.generatedFileName}`)
    ).arrayBuffer(),
  );
  expect(attached.subarray(0, 5).toString()).toBe('%PDF-');

  // The owner opens My invoices and downloads the PDF: the very bytes the mail carried.
  await owner.goto(`${portal('contactmonkey')}/account`);
  await expect(owner.getByTestId('home-invoices')).toContainText('CT-');
  await owner.getByTestId('nav-invoices').click();
  const row = owner.getByTestId('invoice-row').filter({ hasText: '$101.70' });
  await expect(row).toContainText('Invoice CT-');
  await expect(row.getByTestId('invoice-status')).toContainText('open');
  await expect(row).toContainText('$101.70');
  const [download] = await Promise.all([owner.waitForEvent('download'), row.getByTestId('invoice-pdf').click()]);
  const downloaded = await readFile((await download.path()) as string);
  expect(downloaded.equals(attached)).toBe(true);

  // My subscription shows the plan, the price for two and the next invoice.
  await owner.getByTestId('nav-subscription').click();
  // (Beside the demo's subscription of Maple Leaf.)
  const business = owner.getByTestId('subscription').filter({ hasText: 'Business line' });
  await expect(business).toBeVisible();
  await expect(business.getByTestId('subscription-price')).toContainText('$90.00 per month');

  // Both pages at 1280 and 360 px, in English and Dutch: accessible, and nothing wider than a phone.
  for (const language of ['en', 'nl'] as const) {
    await owner.evaluate((lang) => (document.cookie = `ma_lang=${lang}; Path=/; SameSite=Lax`), language);
    for (const [width, height] of [
      [1280, 800],
      [360, 740],
    ] as const) {
      await owner.setViewportSize({ width, height });
      for (const path of ['/account/invoices', '/account/subscription']) {
        await owner.goto(`${portal('contactmonkey')}${path}`);
        await expect(owner.locator('h1')).toHaveText(
          path.endsWith('invoices')
            ? language === 'nl'
              ? 'Mijn facturen'
              : 'My invoices'
            : language === 'nl'
              ? 'Mijn abonnement'
              : 'My subscription',
        );
        await expect(
          owner.getByTestId(path.endsWith('invoices') ? 'invoice-row' : 'subscription').first(),
        ).toBeVisible();
        // Pictures to look at (kept out of git under tmp/).
        await owner.screenshot({
          path: `tmp/look/${language}-${width}${path.replaceAll('/', '-')}.png`,
          fullPage: true,
        });
        await expectAccessible(owner);
        // Numbers, amounts and dates are read whole ("CM-2026-000012" broke at its hyphen at 360 px).
        expect(await brokenWords(owner, '[data-testid="invoice-list"]', true)).toEqual([]);
        const overflow = await overflowOf(owner);
        expect({ path, width, language, culprits: overflow.culprits }).toEqual({
          path,
          width,
          language,
          culprits: [],
        });
      }
    }
  }
  await owner.evaluate(() => (document.cookie = 'ma_lang=en; Path=/; SameSite=Lax'));
  await owner.setViewportSize({ width: 1280, height: 800 });

  // An agent asks for invoices:read; the owner approves; the agent reads the invoices.
  const agent = await (await browser.newContext()).newPage();
  await signInStaffWithTwoFactor(agent, 'contactmonkey', 'agent@contactmonkey.example', EN);
  await agent.goto(`${portal('contactmonkey')}/support`);
  await agent.getByLabel('Customer number, name or e-mail').fill('CT-20001');
  await agent.getByRole('button', { name: 'Search' }).click();
  await agent.getByTestId('account-CT-20001').click();
  await agent.getByLabel('Ticket').fill('T-17');
  await agent.getByLabel('Why (the subscriber reads this)').fill('You asked about your latest invoice.');
  await agent.getByRole('checkbox', { name: 'View billing details' }).uncheck();
  await agent.getByRole('checkbox', { name: 'View invoices' }).check();
  await agent.getByTestId('send-request').click();
  await expect(agent.getByTestId('my-requests')).toContainText('Waiting');

  await owner.goto(`${portal('contactmonkey')}/account/helpdesk-access`);
  const request = owner.getByTestId('pending-request');
  await expect(request).toContainText('View invoices');
  await request.getByTestId('approve').click();
  await expect(owner.getByTestId('active-grant')).toContainText('View invoices');

  await expect(agent.getByTestId('my-requests')).toContainText('Active', { timeout: 15_000 });
  await agent.reload();
  await agent.getByTestId('open-support-view').click();
  const view = agent.getByTestId('support-view');
  await expect(view.getByTestId('invoice-row').first()).toContainText('Invoice CT-');
  // The agent can open the PDF the subscriber has (logged as a read of invoices); the UBL is finance's.
  await expect(view.getByTestId('invoice-ubl')).toHaveCount(0);
  const [pdf] = await Promise.all([agent.waitForEvent('download'), view.getByTestId('invoice-pdf').first().click()]);
  expect(pdf.suggestedFilename()).toMatch(/^CT-.*\.pdf$/);
  await agent.screenshot({ path: 'tmp/look/en-1280-support-invoices.png', fullPage: true });
  await expectAccessible(agent);

  await owner.reload();
  await expect(owner.getByTestId('access-log')).toContainText('viewed · invoices');
});
