#!/usr/bin/env node
/**
 * Screenshots of the main pages, to look at quickly: each demo tenant in Dutch and English, at a
 * laptop (1280×800) and a phone (360×740, the narrowest the pages are held to) width, signed out (sign-in) and signed in as the demo
 * owner (home, billing, helpdesk access, security). Against a running portal with the demo data:
 *
 *   npx nx run-many -t build -p api web
 *   PORT=3600 EMBEDDED_PG_DIR=tmp/look/postgres EMBEDDED_PG_PORT=54600 MAILDEV_SMTP_PORT=3625 MAILDEV_WEB_PORT=3680 node dist/apps/api/main.js
 *   node tools/screenshots/take.mjs [--port 3600] [--out tmp/screenshots] [--pages /account,/account/billing]
 *
 * Writes PNG files named <tenant>-<language>-<width>-<page>.png (not committed).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3600' },
    out: { type: 'string', default: 'tmp/screenshots' },
    pages: { type: 'string', default: '/account,/account/billing,/account/helpdesk-access,/security' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});

const PASSWORD = 'MijnAccount-demo-2026';
const USERS = [
  { tenant: 'callmonkey', email: 'eva@bakkerijdevries.example' },
  { tenant: 'contactmonkey', email: 'olivia@mapleleaf.example' },
];
const LANGUAGES = ['nl', 'en'];
const WIDTHS = [
  { name: 'laptop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
];
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const pages = values.pages.split(',').filter(Boolean);
const slug = (path) => path.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-') || 'root';

const browser = await chromium.launch({ executablePath: values.chromium, args: ['--no-sandbox', '--disable-gpu'] });
let count = 0;
try {
  for (const user of USERS) {
    const base = `http://${user.tenant}.localhost:${values.port}`;
    for (const language of LANGUAGES) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({
          viewport: width.viewport,
          isMobile: width.isMobile,
          hasTouch: width.hasTouch,
          locale: language,
        });
        // The portal remembers the visitor's language choice in the ma_lang cookie (LanguageService).
        await context.addCookies([{ name: 'ma_lang', value: language, url: base }]);
        const page = await context.newPage();
        const shot = async (name) => {
          await page.waitForLoadState('networkidle');
          const file = resolve(out, `${user.tenant}-${language}-${width.name}-${name}.png`);
          await page.screenshot({ path: file, fullPage: true });
          const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
          console.log(`${file}${wide ? '   ← wider than the viewport' : ''}`);
          count++;
        };
        await page.goto(`${base}/sign-in`);
        await page.locator('input[type=email]').waitFor();
        await shot('sign-in');
        await page.locator('input[type=email]').fill(user.email);
        await page.locator('input[type=password]').fill(PASSWORD);
        await page.locator('button[type=submit]').click();
        await page.waitForURL(/\/account$/);
        for (const path of pages) {
          await page.goto(`${base}${path}`);
          await page.locator('h1').first().waitFor();
          await shot(slug(path));
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
}
console.log(`${count} screenshots in ${out}`);
