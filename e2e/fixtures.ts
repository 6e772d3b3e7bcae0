import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Browser, type BrowserContext, type Page, test as base } from '@playwright/test';

/** Every cookie any browser test's pages got, one JSON line per cookie seen (cookie-check.ts reads it). */
export const COOKIES_SEEN = resolve(__dirname, '../tmp/e2e/cookies-seen.jsonl');

interface Seen {
  name: string;
  domain: string;
  path: string;
  test: string;
}

const watched = new WeakSet<BrowserContext>();
const waiting = new WeakSet<Page>();

/**
 * A page the server rendered is `inert` until the app has taken it over (ADR 0017): a person can
 * neither type nor tap before that, but Playwright's `fill` does not see inertness. So every
 * `goto` and `reload` returns once the app is on the page, as a person would act: no page of the
 * app (`ma-root`) is left inert.
 */
function actAfterTakeover(page: Page): void {
  if (waiting.has(page)) return;
  waiting.add(page);
  const takenOver = () => page.waitForFunction(() => !document.querySelector('ma-root[inert]'));
  const goto = page.goto.bind(page);
  page.goto = async (...args: Parameters<Page['goto']>) => {
    const response = await goto(...args);
    await takenOver();
    return response;
  };
  const reload = page.reload.bind(page);
  page.reload = async (...args: Parameters<Page['reload']>) => {
    const response = await reload(...args);
    await takenOver();
    return response;
  };
}
const patched = new WeakSet<Browser>();

/**
 * The browser tests' `test`: the same as Playwright's, its pages acting only after the app took over
 * (`actAfterTakeover`), with one automatic fixture that collects every
 * cookie the portal sets — read from every context the test used (its own `context` and any it made
 * with `browser.newContext()`), also from a context the test closes itself — so that the global
 * teardown can fail the run on a cookie the cookie declaration (`COOKIES`) does not list.
 */
export const test = base.extend<{ collectCookies: void }>({
  collectCookies: [
    async ({ browser, context }, use, testInfo) => {
      const seen = new Map<string, Seen>();
      const record = async (ctx: BrowserContext) => {
        for (const c of await ctx.cookies().catch(() => []))
          seen.set(`${c.name}|${c.domain}|${c.path}`, {
            name: c.name,
            domain: c.domain,
            path: c.path,
            test: testInfo.titlePath.join(' › '),
          });
      };
      const watch = (ctx: BrowserContext) => {
        if (watched.has(ctx)) return;
        watched.add(ctx);
        ctx.pages().forEach(actAfterTakeover);
        ctx.on('page', actAfterTakeover);
        const close = ctx.close.bind(ctx);
        ctx.close = async (...args: Parameters<BrowserContext['close']>) => {
          await record(ctx);
          return close(...args);
        };
      };
      if (!patched.has(browser)) {
        patched.add(browser);
        const newContext = browser.newContext.bind(browser);
        browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
          const ctx = await newContext(...args);
          watch(ctx);
          return ctx;
        };
      }
      watch(context);
      await use();
      for (const ctx of new Set([context, ...browser.contexts()])) await record(ctx);
      if (!seen.size) return;
      mkdirSync(dirname(COOKIES_SEEN), { recursive: true });
      appendFileSync(COOKIES_SEEN, [...seen.values()].map((s) => JSON.stringify(s)).join('\n') + '\n');
    },
    { auto: true },
  ],
});
