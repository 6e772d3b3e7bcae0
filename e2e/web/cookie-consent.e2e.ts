import { type BrowserContext, type Page, expect as baseExpect } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, overflowOf, portal, signIn, signInStaffWithTwoFactor, signOut } from '../support';

// The optional cookie with its consent banner (issue 18 §7): a tenant admin turns it on; the banner
// asks once (nl and en, at phone width too); refusing means the cookie is never set, accepting sets
// it, changing the answer on the privacy page removes it. Turned off again at the end, so no other
// browser test meets the banner.

const CT = portal('contactmonkey');
/** Several portals and browsers share this machine's two cores: a page may take more than 5 s. */
const expect = baseExpect.configure({ timeout: 15_000 });
const EN = {
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  confirmCode: 'Confirm code',
  verify: 'Verify',
};
const NL = { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' };
const PHONE = { width: 360, height: 740 };

const cookieNames = async (context: BrowserContext) => (await context.cookies()).map((c) => c.name);

async function setOptionalCookie(admin: Page, on: boolean): Promise<void> {
  await admin.goto(`${CT}/admin/privacy/processing`);
  const card = admin.getByTestId('cookie-settings');
  const toggle = card.getByRole('switch', { name: 'Offer the optional cookie ma_last_sign_in' });
  await expect(toggle).toBeVisible();
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', String(on));
  await card.getByTestId('save-cookie-settings').click();
  await expect(admin.getByText('The cookie setting is saved.')).toBeVisible();
}

async function withLanguage(page: Page, language: 'nl' | 'en'): Promise<void> {
  await page.goto(`${CT}/sign-in`);
  await page.evaluate((l) => (document.cookie = `ma_lang=${l}; Path=/; SameSite=Lax`), language);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

test('refusing never sets the optional cookie, accepting sets it, and a change on the privacy page removes it', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await admin.goto(`${CT}/sign-in`);
  await admin.evaluate(() => (document.cookie = 'ma_lang=en; Path=/; SameSite=Lax'));
  await signInStaffWithTwoFactor(admin, 'contactmonkey', 'admin@contactmonkey.example', EN);
  await setOptionalCookie(admin, true);
  await expectAccessible(admin);
  try {
    // English, on a phone: the banner asks; "Refuse" — and the cookie is not set, even after signing in.
    const phone = await browser.newContext({ viewport: PHONE });
    const liam = await phone.newPage();
    await liam.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { shifts: number[] }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number }[]) shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await withLanguage(liam, 'en');
    const banner = liam.getByTestId('cookie-banner');
    await expect(banner).toContainText('May we remember on this browser how you signed in last time');
    await expect(banner.getByRole('button', { name: 'Accept' })).toBeVisible();
    // It comes after the page is drawn, under the page and held at the screen's bottom: it moves
    // nothing (above the page it pushed the sign-in card ~300 px down).
    await expect(banner).toBeInViewport();
    expect(await liam.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([]);
    await expectAccessible(liam);
    expect((await overflowOf(liam)).culprits).toEqual([]);
    // The cookie page asks in its own card, so the banner steps aside there: one question at a time.
    await liam.getByRole('link', { name: 'About our cookies' }).click();
    await expect(liam.getByTestId('cookie-choice-state')).toHaveText(
      'You have not chosen yet. Until you accept, the optional cookie is not set.',
    );
    await expect(banner).toHaveCount(0);
    await liam.goBack();
    await expect(banner).toBeVisible();
    // Keyboard: the answer buttons are reachable and work with Enter.
    await banner.getByRole('button', { name: 'Refuse' }).focus();
    await liam.keyboard.press('Enter');
    await expect(banner).toHaveCount(0);
    expect(await cookieNames(phone)).toContain('ma_cookie_choice');
    await signIn(liam, 'liam@mapleleaf.example', EN);
    await expect(liam).toHaveURL(/\/account$/);
    expect(await cookieNames(phone)).not.toContain('ma_last_sign_in');
    await liam.reload();
    await expect(liam.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(liam.getByTestId('cookie-banner')).toHaveCount(0);
    expect(await cookieNames(phone)).not.toContain('ma_last_sign_in');

    // Dutch, on a wide screen: "Toestaan" — the sign-in sets the cookie, and the sign-in page says so next time.
    const wide = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const olivia = await wide.newPage();
    await withLanguage(olivia, 'nl');
    const nlBanner = olivia.getByTestId('cookie-banner');
    await expect(nlBanner).toContainText('Mogen we in deze browser onthouden hoe je de vorige keer inlogde');
    await expectAccessible(olivia);
    expect(await cookieNames(wide)).not.toContain('ma_last_sign_in');
    await nlBanner.getByRole('button', { name: 'Toestaan' }).click();
    await expect(nlBanner).toHaveCount(0);
    await signIn(olivia, 'olivia@mapleleaf.example', NL);
    await expect(olivia).toHaveURL(/\/account$/);
    await expect.poll(() => cookieNames(wide)).toContain('ma_last_sign_in');
    await signOut(olivia);
    await expect(olivia.getByTestId('last-sign-in')).toHaveText('De vorige keer logde je hier in met je wachtwoord.');
    await expectAccessible(olivia);

    // Changed on the privacy page: refused, and the cookie is gone at once.
    await signIn(olivia, 'olivia@mapleleaf.example', NL);
    await expect(olivia).toHaveURL(/\/account$/);
    await olivia.goto(`${CT}/privacy`);
    const choice = olivia.getByTestId('cookie-choice');
    await expect(choice.getByTestId('cookie-choice-state')).toHaveText(
      'Je hebt de optionele cookie ma_last_sign_in in deze browser toegestaan.',
    );
    await choice.getByRole('button', { name: 'Weigeren' }).click();
    await expect(choice.getByTestId('cookie-choice-state')).toHaveText(
      'Je hebt de optionele cookie geweigerd: hij wordt niet gezet.',
    );
    expect(await cookieNames(wide)).not.toContain('ma_last_sign_in');
    await expectAccessible(olivia);

    // The declaration lists both cookies, with purpose and lifetime, and offers the same choice.
    await olivia.goto(`${CT}/cookies`);
    await expect(olivia.getByTestId('cookie-ma_last_sign_in')).toContainText('180 dagen');
    await expect(olivia.getByTestId('cookie-ma_cookie_choice')).toContainText('1 jaar');
    await expect(olivia.getByTestId('cookie-choice')).toBeVisible();
    await phone.close();
    await wide.close();
  } finally {
    // Off again for the other browser tests; a failure here must not hide the test's own.
    await setOptionalCookie(admin, false).catch((error: unknown) =>
      console.error('could not turn the cookie off', error),
    );
  }
});
