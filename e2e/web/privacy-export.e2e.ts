import { inflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { type Page, expect } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, mailTo, portal, signIn } from '../support';

const NL = { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' };
const EN = { email: 'E-mail address', password: 'Password', submit: 'Sign in' };

/** The file names in a ZIP, from its central directory, and one file's content. */
function zipEntries(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const files = new Map<string, Buffer>();
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString();
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

/** The export-ready mail's link to the export page (the job takes a few seconds). */
async function exportLink(to: string, subject: string): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      const mail = await mailTo(to, subject);
      const link = mail.text.match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname === '/privacy/export');
      if (link) return link;
    } catch (error) {
      if (i >= 4) throw error;
    }
  }
}

async function downloadZip(page: Page, testId: string): Promise<Map<string, Buffer>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await download.path();
  return zipEntries(readFileSync(path));
}

for (const c of [
  {
    language: 'nl',
    tenant: 'callmonkey',
    email: 'sanne@jansen-installatie.example',
    someoneElse: 'pieter@jansen-installatie.example',
    labels: NL,
    title: 'Mijn gegevens downloaden',
    request: 'Export aanvragen',
    subject: 'staan klaar',
  },
  {
    language: 'en',
    tenant: 'contactmonkey',
    email: 'liam@mapleleaf.example',
    someoneElse: 'olivia@mapleleaf.example',
    labels: EN,
    title: 'Download my data',
    request: 'Request an export',
    subject: 'is ready',
  },
] as const) {
  test(`a subscriber requests an export and downloads the ZIP from the mail's link (${c.language}, phone width)`, async ({
    browser,
  }) => {
    test.setTimeout(150_000);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${portal(c.tenant)}/sign-in`);
    await signIn(page, c.email, c.labels);
    // The sign-in is done when the portal has left the sign-in page (navigating earlier lands back on it).
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto(`${portal(c.tenant)}/privacy/export`);
    await expect(page.getByRole('heading', { name: c.title, level: 1 })).toBeVisible();
    await expect(page.getByTestId('exports-loading')).toHaveCount(0);
    await expectAccessible(page);

    await page.getByRole('button', { name: c.request }).click();
    // Being made, then ready: the page reads the list again by itself.
    await expect(page.getByTestId('export-item').first().getByTestId('export-download')).toBeVisible({
      timeout: 60_000,
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);

    // The mail's link lands on the page signed in; its download is the ZIP with the promised files.
    const link = await exportLink(c.email, c.subject);
    await page.goto(link);
    await expect(page.getByTestId('export-from-mail')).toBeVisible();
    await expectAccessible(page);
    const files = await downloadZip(page, 'export-mail-download');
    for (const name of [
      'data.json',
      'index.html',
      'manifest.json',
      'access-log/access-log.json',
      'access-log/public-key.pem',
    ])
      expect([...files.keys()]).toContain(name);
    const data = JSON.parse((files.get('data.json') as Buffer).toString());
    expect(data.profile.email).toBe(c.email);
    expect((files.get('index.html') as Buffer).toString()).toContain(`<html lang="${c.language}">`);
    await context.close();

    // The same mail opened by someone else of the account: no download button, a sentence that says why.
    const other = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await other.goto(`${portal(c.tenant)}/sign-in`);
    await signIn(other, c.someoneElse, c.labels);
    await other.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await other.goto(link);
    await expect(other.getByTestId('export-mail-not-yours')).toBeVisible();
    await expect(other.getByTestId('export-mail-download')).toHaveCount(0);
    await expectAccessible(other);
    await other.context().close();
  });
}
