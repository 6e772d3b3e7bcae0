import { type Page, expect as baseExpect } from '@playwright/test';
import { test } from '../fixtures';
import {
  brokenWords,
  expectAccessible,
  misplacedFieldTexts,
  overflowOf,
  portal,
  signInStaffWithTwoFactor,
  toPhoneWidth,
} from '../support';

// Issue 17 (leftover): finance's invoices list and an invoice's detail read as a list of cards on a
// 360 px phone — no sideways scroll of the page, none inside a card, each row a card whose cells say
// which column they are (the column's own header, in English and in Dutch) — and stay tables at 1280 px.

const EN = {
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  confirmCode: 'Confirm code',
  verify: 'Verify',
};
const CT = portal('contactmonkey');
/** The machine running the suite may be busy: pages get longer than the default 5 s to answer. */
const expect = baseExpect.configure({ timeout: 20_000 });

interface TableShape {
  testId: string;
  /** The table's own box and every box between it and its card that is wider than it shows. */
  scrollers: string[];
  rowDisplay: string;
  /** The first row's cells: the column's header, the cell's label, its text and what its `::before` shows. */
  cells: { header: string; label: string | null; text: string; before: string }[];
}

/** Every table inside a card on the page, as it lays out now. */
function tables(page: Page): Promise<TableShape[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLTableElement>('mat-card table')).map((table) => {
      const card = table.closest('mat-card') as HTMLElement;
      const scrollers: string[] = [];
      if (table.getBoundingClientRect().right > card.getBoundingClientRect().right + 0.5) scrollers.push('table');
      for (let el: HTMLElement | null = table.parentElement; el && el !== card.parentElement; el = el.parentElement)
        if (el.scrollWidth > el.clientWidth + 0.5) scrollers.push(`${el.tagName.toLowerCase()}.${el.className}`);
      const headers = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent?.trim() ?? '');
      const row = table.querySelector('tbody tr') as HTMLElement;
      const cells = Array.from(row.children).map((td, i) => ({
        header: headers[i] ?? '',
        label: td.getAttribute('data-label'),
        text: (td as HTMLElement).innerText.trim(),
        before: getComputedStyle(td, '::before').content,
      }));
      return { testId: table.dataset['testid'] ?? '', scrollers, rowDisplay: getComputedStyle(row).display, cells };
    }),
  );
}

/** At 360 px: nothing wider than the screen, no table scrolling in its card, a row a card with labels. */
async function expectCards(page: Page, testIds: string[]): Promise<void> {
  await toPhoneWidth(page);
  const overflow = await overflowOf(page);
  expect(overflow.scrollWidth, overflow.culprits.join(', ')).toBeLessThanOrEqual(360);
  // Numbers, amounts and dates stay whole on a card ("CT-2026-000012" broke at its hyphen).
  expect(await brokenWords(page, 'main', true)).toEqual([]);
  // No field label cut off ("Uitgegeven tot en met" under its calendar button), no error outside its field.
  expect(await misplacedFieldTexts(page)).toEqual([]);
  const shapes = await tables(page);
  expect(shapes.map((t) => t.testId)).toEqual(testIds);
  for (const table of shapes) {
    expect(table.scrollers, `${table.testId} scrolls sideways`).toEqual([]);
    expect(table.rowDisplay, table.testId).toBe('block');
    // The first cell is the card's title; every other cell with something in it is labelled with its header.
    const [, ...rest] = table.cells;
    const filled = rest.filter((c) => c.text !== '');
    expect(filled.length, table.testId).toBeGreaterThan(0);
    for (const cell of filled) {
      expect(cell.label, `${table.testId}: ${cell.header}`).toBe(cell.header);
      expect(cell.before, `${table.testId}: ${cell.header}`).not.toBe('none');
      // A label says what the value is, and the value does not say it again ("Btw: Btw 9 %").
      const repeats = cell.text.toLowerCase().startsWith(`${cell.header.toLowerCase()} `);
      expect(repeats, `${table.testId}: ${cell.header}: ${cell.text}`).toBe(false);
    }
  }
  await expectAccessible(page);
}

/** At 1280 px: tables as before, rows as rows, no label before a cell. */
async function expectTables(page: Page, testIds: string[]): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await misplacedFieldTexts(page)).toEqual([]);
  const shapes = await tables(page);
  expect(shapes.map((t) => t.testId)).toEqual(testIds);
  for (const table of shapes) {
    expect(table.rowDisplay, table.testId).toBe('table-row');
    // Each column says what it holds: no two headers alike (the breakdown's "Btw" and "Btw").
    const headers = table.cells.map((c) => c.header);
    expect(new Set(headers).size, `${table.testId}: ${headers.join(' | ')}`).toBe(headers.length);
    expect(table.scrollers, `${table.testId} scrolls sideways`).toEqual([]);
    for (const cell of table.cells) expect(cell.before, `${table.testId}: ${cell.header}`).toBe('none');
  }
}

test('finance invoices and an invoice read as cards on a phone, tables on a wide screen (en, nl)', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await signInStaffWithTwoFactor(page, 'contactmonkey', 'finance@contactmonkey.example', EN);

  for (const language of ['en', 'nl'] as const) {
    if (language === 'nl') {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByTestId('user-menu').click();
      await page.getByTestId('language-nl').click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    }
    const title = language === 'en' ? 'Invoices' : 'Facturen';
    await page.goto(`${CT}/finance/invoices`);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const first = page.getByTestId('invoices').locator('tbody tr').first();
    await expect(first).toBeVisible();
    await expectTables(page, ['invoices']);
    await expectCards(page, ['invoices']);

    // The demo's invoices carry lines and a tax breakdown (the numbered ones of last month's run).
    await first.getByRole('link').click();
    await expect(page.getByTestId('invoice-number')).toBeVisible();
    await expect(page.getByTestId('tax-breakdown')).toBeVisible();
    await expectCards(page, ['invoice-lines', 'tax-breakdown']);
    await expectTables(page, ['invoice-lines', 'tax-breakdown']);

    // A payment of more than is open is refused, and the page says why at the amount, not only in
    // the alert at the top (on a phone a screen away): the API names `amountMinor`.
    await page.goto(`${CT}/finance/invoices`);
    await page
      .getByTestId('invoices')
      .locator('tbody tr')
      .filter({ hasText: language === 'en' ? /\bOpen\b/ : /\bOpenstaand\b/ })
      .first()
      .getByRole('link')
      .click();
    await page.getByTestId('payment-amount').fill('99999');
    await page.getByTestId('payment-reference').fill('Too much');
    await page.getByTestId('register-payment').click();
    const amountField = page.locator('mat-form-field').filter({ has: page.getByTestId('payment-amount') });
    await expect(amountField.locator('mat-error')).toHaveText(
      language === 'en' ? 'At most the amount outstanding.' : 'Hoogstens het openstaande bedrag.',
    );
    await expect(page.getByTestId('payment-amount')).toHaveAttribute('aria-invalid', 'true');
    await expect(
      page
        .locator('mat-form-field')
        .filter({ has: page.getByTestId('payment-reference') })
        .locator('mat-error'),
    ).toHaveCount(0);
    expect(await misplacedFieldTexts(page)).toEqual([]);
  }
});
