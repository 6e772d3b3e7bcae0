import { expect } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, overflowOf, portal, signIn, snackbar, toPhoneWidth } from '../support';

const NL = { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' };
const EN = { email: 'E-mail address', password: 'Password', submit: 'Sign in' };

/**
 * Two small things of issue 16, in Dutch and English, on a laptop and on a 360 px phone: the
 * newsletters page follows a language switch at once (the API names the lists in the page's
 * language, so the page reads them again), and the phone hint names the country a number without
 * +country is read in (the account's billing country, else the tenant's).
 */
test('the newsletters page names the lists in the language just chosen', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${portal('callmonkey')}/sign-in`);
  await signIn(page, 'eva@bakkerijdevries.example', NL);
  await expect(page.getByTestId('user-name')).toBeVisible();
  await page.goto(`${portal('callmonkey')}/account/newsletters`);
  const lists = page.getByTestId('newsletters');
  await expect(lists).toContainText('Productnieuws');
  await expectAccessible(page);

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitemradio', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Newsletters');
  await expect(lists).toContainText('Product news');
  await expect(lists).not.toContainText('Productnieuws');
  await toPhoneWidth(page);
  await expect(lists).toContainText('Product news');
  const overflow = await overflowOf(page);
  expect(overflow.scrollWidth, overflow.culprits.join(', ')).toBeLessThanOrEqual(360);
  await expectAccessible(page);
});

test('the phone hint names the country a national number is read in', async ({ browser }) => {
  // Two sign-ins (argon2) and two axe runs: more than the default 30 s on the shared machine.
  test.setTimeout(90_000);
  // A Dutch account on CallMonkey, in Dutch on a laptop.
  const dutch = await (await browser.newContext()).newPage();
  await dutch.goto(`${portal('callmonkey')}/sign-in`);
  await signIn(dutch, 'eva@bakkerijdevries.example', NL);
  await dutch.getByTestId('nav-profile').click();
  await expect(dutch.getByTestId('phone-hint')).toHaveText('Zoals je het in Nederland belt, of met + en landcode');
  await expectAccessible(dutch);
  await dutch.context().close();

  // A Canadian account on ContactMonkey, in English on a phone.
  const canadian = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await canadian.goto(`${portal('contactmonkey')}/sign-in`);
  await signIn(canadian, 'olivia@mapleleaf.example', EN);
  await expect(canadian.getByTestId('user-name')).toBeAttached();
  await canadian.goto(`${portal('contactmonkey')}/account/profile`);
  await expect(canadian.getByTestId('phone-hint')).toHaveText(
    'As you dial it in Canada, or with + and the country code',
  );
  const overflow = await overflowOf(canadian);
  expect(overflow.scrollWidth, overflow.culprits.join(', ')).toBeLessThanOrEqual(360);
  await expectAccessible(canadian);
  await canadian.context().close();
});

/**
 * The profile's language is the user's language (ADR 0017, "the user's own language follows them"):
 * choosing it switches the page at once, and a sign-in in another browser — whose sign-in page is in
 * the tenant's Dutch — opens the portal in it.
 */
test('the language chosen in the profile follows the user to another browser', async ({ browser }) => {
  test.setTimeout(90_000);
  const here = await (await browser.newContext()).newPage();
  await here.goto(`${portal('callmonkey')}/sign-in`);
  await signIn(here, 'sanne@jansen-installatie.example', NL);
  await here.getByTestId('nav-profile').click();
  const language = (page: typeof here, label: string) => page.getByRole('combobox', { name: label });
  try {
    await language(here, 'Taal (portaal en e-mail)').click();
    await here.getByRole('option', { name: 'English' }).click();
    await here.getByRole('button', { name: 'Opslaan' }).click();
    await expect(here.getByRole('heading', { level: 1 })).toHaveText('Your details');

    const elsewhere = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await elsewhere.goto(`${portal('callmonkey')}/sign-in`);
    await expect(elsewhere.locator('html')).toHaveAttribute('lang', 'nl');
    await signIn(elsewhere, 'sanne@jansen-installatie.example', NL);
    await expect(elsewhere.getByRole('heading', { level: 1 })).toHaveText('My account');
    await expect(elsewhere.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(elsewhere);
    await elsewhere.context().close();
  } finally {
    // Back to no language of her own: the other tests sign Sanne in on a Dutch page.
    await language(here, 'Language (portal and e-mail)').click();
    await here.getByRole('option', { name: "The portal's language" }).click();
    await here.getByRole('button', { name: 'Save' }).click();
    await expect(snackbar(here)).toContainText('Saved.');
    await here.context().close();
  }
});
