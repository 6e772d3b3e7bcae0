import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { generate } from 'otplib';
import pg from 'pg';

export const PORT = Number(process.env['E2E_PORT'] ?? 3100);
export const DEMO_PASSWORD = 'MijnAccount-demo-2026';
export const portal = (tenant: string) => `http://${tenant}.localhost:${PORT}`;

/**
 * No WCAG 2.1 A/AA violation on the page as it is now. A sandboxed iframe (a newsletter's preview:
 * the mail's own HTML, no scripts allowed) is left out, element and content: axe cannot run inside
 * it, and with Chromium 156 (Debian's, 2026-11) waiting for it hung the check until the test timed out.
 */
export async function expectAccessible(page: Page): Promise<void> {
  // Contrast is judged on the page at rest: a hint still fading in has transparent text for a moment
  // (seen failing color-contrast in a clean-clone run). Material's own fades are off in these tests
  // (reducedMotion in the config); this waits for any other. Finite animations only; a spinner's
  // never ends.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]),
  );
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('iframe[sandbox]')
    .analyze();
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}

export async function signIn(page: Page, email: string, labels: { email: string; password: string; submit: string }) {
  // Right after a sign-out the previous page may still be showing, and its "New e-mail address"
  // field matches the label too: wait for the sign-in page itself.
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
}

/** Signs out through the user menu of the shell's brand bar. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  // Signed out once the app is on the sign-in page: a page opened before the sign-out request has
  // answered (page.goto) could still carry the session.
  await expect(page).toHaveURL(/\/sign-in$/);
}

/**
 * The authenticator secrets this run's staff users set up, kept beside the e2e database (which
 * `tmp/e2e` holds too, and which starts empty every run), so that a later test file can sign the same
 * staff user in again, whatever order the files run in.
 */
const TOTP_SECRETS = resolve(__dirname, '../tmp/e2e/totp-secrets.json');
const knownSecrets = (): Record<string, string> =>
  existsSync(TOTP_SECRETS) ? JSON.parse(readFileSync(TOTP_SECRETS, 'utf8')) : {};

/** A sign-in hashes the password (argon2): on a busy shared machine that can take longer than expect's 5 s. */
const SIGN_IN_MS = 15_000;

/**
 * Signs a staff user in and turns on two-factor (staff functions need it); answers the
 * authenticator secret. `confirm` is the label of the button that confirms the first code. A staff
 * user who set up two-factor earlier in this run signs in with a code instead (`verify`: that button).
 */
export async function signInStaffWithTwoFactor(
  page: Page,
  tenant: string,
  email: string,
  labels: { email: string; password: string; submit: string; confirmCode: string; verify?: string },
): Promise<string> {
  await page.goto(`${portal(tenant)}/sign-in`);
  await signIn(page, email, labels);
  const known = knownSecrets()[`${tenant}/${email}`];
  if (known) {
    if (!labels.verify)
      throw new Error(`${email} already has two-factor in this run: pass the label of the sign-in code button`);
    await expect(page.getByTestId('second-factor-form')).toBeVisible();
    // The next 30-second step: the setup may have used the current one moments ago. A code is
    // accepted once: when an earlier sign-in of this run used that step, wait for a later one.
    const usedKey = `${tenant}/${email}#step`;
    const nextStep = () => Math.floor(Date.now() / 30_000) + 1;
    while (nextStep() <= Number(knownSecrets()[usedKey] ?? 0)) await page.waitForTimeout(1_000);
    const step = nextStep();
    writeFileSync(TOTP_SECRETS, JSON.stringify({ ...knownSecrets(), [usedKey]: String(step) }));
    await page.getByLabel('Code').fill(await generate({ secret: known, epoch: step * 30 }));
    await page.getByRole('button', { name: labels.verify }).click();
    await expect(page).toHaveURL(/\/account$/, { timeout: SIGN_IN_MS });
    return known;
  }
  await expect(page).toHaveURL(/\/account$/, { timeout: SIGN_IN_MS });
  await page.goto(`${portal(tenant)}/security`);
  await page.getByTestId('two-factor-setup').click();
  const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
  await page.getByLabel('Code').fill(await generate({ secret }));
  await page.getByRole('button', { name: labels.confirmCode }).click();
  await expect(page.getByTestId('recovery-codes')).toBeVisible();
  mkdirSync(resolve(TOTP_SECRETS, '..'), { recursive: true });
  writeFileSync(TOTP_SECRETS, JSON.stringify({ ...knownSecrets(), [`${tenant}/${email}`]: secret }));
  return secret;
}

/**
 * Lets time pass for a user's sessions: their last proof of presence (sign-in, password or code)
 * becomes six minutes old, past the five in which a sensitive action needs no new proof. Done in
 * the portal's database (the e2e server's embedded PostgreSQL, as its owner role), because a browser
 * test cannot wait that long.
 */
export async function ageProofOfPresence(tenant: string, email: string): Promise<void> {
  const credentials = JSON.parse(readFileSync(resolve(__dirname, '../tmp/e2e/postgres.credentials.json'), 'utf8'));
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
      tenant,
    ]);
    const aged = await client.query(
      `UPDATE user_session SET reauthenticated_at = now() - interval '6 minutes',
              second_factor_at = CASE WHEN second_factor_at IS NULL THEN NULL ELSE now() - interval '6 minutes' END
        WHERE user_id = (SELECT id FROM app_user WHERE email = $1) AND ended_at IS NULL`,
      [email],
    );
    if (aged.rowCount === 0) throw new Error(`no open session of ${email} in ${tenant}`);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** The local OpenID provider's issuers (see playwright.config.ts). */
export const OIDC_ISSUER = { google: `http://127.0.0.1:${PORT + 1010}`, microsoft: `http://127.0.0.1:${PORT + 1011}` };
export const OIDC_CLIENT_SECRET = 'local-test-client-secret-0123456789';

interface MailDevMessage {
  subject: string;
  text: string;
  to: { address: string }[];
  date: string;
  headers: Record<string, string>;
}

/** The newest mail to `to` whose subject contains `subject`, as MailDev received it over SMTP. */
export async function mailTo(to: string, subject: string): Promise<MailDevMessage> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const response = await fetch(`http://127.0.0.1:${PORT + 1080}/email`);
    const mails = ((await response.json()) as MailDevMessage[]).filter(
      (m) => m.to.some((r) => r.address.toLowerCase() === to.toLowerCase()) && m.subject.includes(subject),
    );
    const latest = mails.sort((a, b) => b.date.localeCompare(a.date))[0];
    if (latest) return latest;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no mail to ${to} about "${subject}"`);
}

/** The first link in that mail whose path starts with `path`. */
export async function linkFromMail(to: string, subject: string, path: string): Promise<string> {
  const mail = await mailTo(to, subject);
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname.startsWith(path));
  if (!link) throw new Error(`no ${path} link in the mail to ${to} about "${subject}"`);
  return link;
}

/**
 * What a mail program does with `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): a
 * bare POST, no cookies. Over node:http to 127.0.0.1 with the tenant's Host, since Node does not
 * resolve *.localhost.
 */
export function oneClickUnsubscribe(url: string): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers: { host: target.host, 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end('List-Unsubscribe=One-Click');
  });
}

/** How far the document is wider than the viewport, and the widest elements past its right edge. */
export async function overflowOf(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const culprits = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5 && el.getClientRects().length > 0)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : ''} (${Math.round(el.getBoundingClientRect().right)}px)`,
      )
      .slice(0, 8);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, culprits };
  });
}

/**
 * Words broken over two lines inside `scope` (a CSS selector): a word whose letters lie on more than
 * one line. With `numbers`, only words with a digit in them (an invoice number "CM-2026-000012",
 * "€ 1.234,56", a date's parts) and anywhere on the page; e-mail addresses and URLs may break (a long
 * one must fit a phone) and are left out, and so is text clipped for screen readers only.
 */
export async function brokenWords(page: Page, scope = 'body', numbers = false): Promise<string[]> {
  return page.evaluate(
    ({ scope, numbers }) => {
      const found: string[] = [];
      for (const root of Array.from(document.querySelectorAll(scope))) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          // Text for screen readers only (a stacked table's header, clipped to 1 px) is not read on
          // screen, nor is the inside of a closed <details> (laid out, but not shown).
          let hidden = !node.parentElement?.checkVisibility();
          for (let el = node.parentElement; el && !hidden; el = el.parentElement)
            hidden = el.getBoundingClientRect().width <= 1 && getComputedStyle(el).overflow !== 'visible';
          if (hidden) continue;
          const text = node.textContent ?? '';
          for (const match of text.matchAll(/[^\s\u00a0]+/g)) {
            const word = match[0];
            if ((numbers && !/\d/.test(word)) || word.includes('@') || word.includes('://')) continue;
            // A compound word ("e-mailadres") may break at its hyphen; a number ("INC-7", a date) may not.
            if (!numbers && word.includes('-') && !/\d/.test(word)) continue;
            const range = document.createRange();
            range.setStart(node, match.index ?? 0);
            range.setEnd(node, (match.index ?? 0) + word.length);
            const lines = new Set(
              Array.from(range.getClientRects())
                .filter((r) => r.width > 0)
                .map((r) => Math.round(r.top)),
            );
            if (lines.size > 1) found.push(word);
          }
        }
      }
      return found;
    },
    { scope, numbers },
  );
}

/**
 * Form-field hints and errors that touch or cover the control after them (a checkbox, radio group,
 * toggle, button or next field's label beside them, within 4 px below): a hint in Material's fixed subscript space runs
 * into it. Each as "hint text → next element".
 */
export async function crowdedHints(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // A next field counts from its floating label, which sits on its top edge (above its box).
    const controls = Array.from(
      document.querySelectorAll<HTMLElement>('mat-checkbox, mat-radio-group, mat-slide-toggle, button, mat-form-field'),
    ).filter((el) => el.getClientRects().length > 0);
    const top = (el: HTMLElement) =>
      Math.min(
        el.getBoundingClientRect().top,
        el.querySelector('.mdc-floating-label--float-above')?.getBoundingClientRect().top ?? Infinity,
      );
    const found: string[] = [];
    for (const hint of Array.from(document.querySelectorAll<HTMLElement>('mat-hint, mat-error'))) {
      const box = hint.getBoundingClientRect();
      if (box.height === 0 || !hint.textContent?.trim()) continue;
      const own = hint.closest('mat-form-field');
      const next = controls.find(
        (el) =>
          el !== own &&
          !el.contains(hint) &&
          (hint.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 &&
          el.getBoundingClientRect().left < box.right &&
          el.getBoundingClientRect().right > box.left,
      );
      if (next && top(next) < box.bottom + 4)
        found.push(
          `${hint.textContent.trim()} → ${next.tagName.toLowerCase()} ${next.textContent?.trim().slice(0, 40)}`,
        );
    }
    return found;
  });
}

/**
 * What a form shows wrongly on a phone: an error or hint outside its field's subscript (Angular put a
 * `mat-error` nested in two control-flow blocks into the input's box, shown before anything was
 * typed), and a field label cut off with an ellipsis. Each as "what: text".
 */
export async function misplacedFieldTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(
      document.querySelectorAll<HTMLElement>('mat-form-field mat-error, mat-form-field mat-hint'),
    ))
      if (el.getClientRects().length > 0 && !el.closest('.mat-mdc-form-field-subscript-wrapper'))
        found.push(`${el.tagName.toLowerCase()} in the field: ${el.textContent?.trim()}`);
    for (const label of Array.from(document.querySelectorAll<HTMLElement>('mat-form-field .mdc-floating-label')))
      if (label.getClientRects().length > 0 && label.scrollWidth > label.clientWidth + 1)
        found.push(`label cut off: ${label.textContent?.trim()}`);
    return found;
  });
}

/**
 * The snackbar on screen now: one still leaving after an earlier message (Material keeps it in the
 * page for its exit animation) does not count, so two saves in a row each see their own.
 */
export function snackbar(page: Page): Locator {
  // Newer Material marks the leaving one with a `mat-exit` attribute (seen in CI beside its class).
  return page.locator('mat-snack-bar-container:not(.mat-snack-bar-container-exit):not([mat-exit])');
}

/**
 * A page already open, narrowed to a phone's width: the shell's side navigation turns into a menu
 * and the content slides from its right to the left edge (a transition, not at once) — measure a
 * width only once it has arrived, or the content still sits 256 px to the right.
 */
export async function toPhoneWidth(page: Page): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 });
  await expect
    .poll(() => page.evaluate(() => document.querySelector('mat-sidenav-content')?.getBoundingClientRect().left ?? 0))
    .toBe(0);
}
