import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { COOKIE_NAMES } from '../libs/shared/contracts/src/lib/privacy-statements';
import { COOKIES_SEEN } from './fixtures';

/**
 * Global teardown of the browser tests (issue 18 §7): every cookie any test's pages were given must
 * be in the cookie declaration (`COOKIES`, the list /cookies is made from), and every browser spec
 * must use the collecting `test` of e2e/fixtures.ts, or its cookies would go unseen.
 */
export default function cookieCheck(): void {
  const problems: string[] = [];
  const specs = resolve(__dirname, 'web');
  for (const file of readdirSync(specs).filter((f) => f.endsWith('.e2e.ts'))) {
    const source = readFileSync(resolve(specs, file), 'utf8');
    if (/import\s*{[^}]*\btest\b[^}]*}\s*from\s*'@playwright\/test'/.test(source))
      problems.push(`e2e/web/${file} imports test from @playwright/test: import it from '../fixtures' instead`);
  }
  const seen = existsSync(COOKIES_SEEN)
    ? readFileSync(COOKIES_SEEN, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { name: string; domain: string; path: string; test: string })
    : [];
  // The portal's own hosts (`<tenant>.localhost`); the local Google/Microsoft provider (127.0.0.1)
  // sets its own cookies, which are the provider's to declare, not the portal's.
  const portalHost = (domain: string) => domain.replace(/^\./, '').endsWith('localhost');
  for (const cookie of seen)
    if (portalHost(cookie.domain) && !COOKIE_NAMES.includes(cookie.name))
      problems.push(
        `cookie "${cookie.name}" (${cookie.domain}${cookie.path}, seen in "${cookie.test}") is not declared in COOKIES`,
      );
  if (problems.length) throw new Error(`Cookie declaration check failed:\n${[...new Set(problems)].join('\n')}`);
}
