import { expect } from '@playwright/test';
import { test } from '../fixtures';
import {
  expectAccessible,
  linkFromMail,
  mailTo,
  oneClickUnsubscribe,
  portal,
  signIn,
  signInStaffWithTwoFactor,
  snackbar,
} from '../support';

const NL = { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' };
const EN = { email: 'E-mail address', password: 'Password', submit: 'Sign in' };

test('edit profile and billing address; bad input is named at its field', async ({ page }) => {
  await page.goto(`${portal('callmonkey')}/sign-in`);
  await signIn(page, 'pieter@jansen-installatie.example', NL);
  await page.getByTestId('nav-profile').click();
  await page.getByLabel('Telefoonnummer').fill('06 1234 5678x');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  // The server's field error, in the page's language (issue 16 §3).
  await expect(page.getByText('Dit is geen geldig telefoonnummer.')).toBeVisible();
  await page.getByLabel('Telefoonnummer').fill('+31 6 1234 5678');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(snackbar(page)).toContainText('Opgeslagen.');
  await expect(page.getByLabel('Telefoonnummer')).toHaveValue('+31612345678');
  await expect(page.getByTestId('change-history')).toContainText('Telefoonnummer: — → +31612345678');
  await expectAccessible(page);

  await page.goto(`${portal('callmonkey')}/account/billing`);
  // Nothing filled in yet: the page says so, and the owner opens the form to add them.
  await expect(page.getByTestId('billing-empty')).toContainText('Nog geen bedrijfs- of factuurgegevens');
  await page.getByRole('button', { name: 'Gegevens toevoegen' }).click();
  // The country first: the address fields follow it (issue 16 §4).
  await page.getByLabel('Land', { exact: true }).fill('Neder');
  await page.getByRole('option', { name: /^Nederland/ }).click();
  await page.getByLabel('Bedrijfsnaam').fill('Jansen Installatietechniek B.V.');
  await page.getByLabel('Btw-nummer').fill('NL004495445B01');
  await page.getByLabel('Straat').fill('Industrieweg');
  await page.getByLabel('Huisnummer').fill('7');
  await page.getByLabel('Postcode').fill('35421');
  await page.getByLabel('Plaats').fill('Utrecht');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByText('Dit is geen geldige postcode voor dit land.')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Postcode').fill('3542ab');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(snackbar(page)).toContainText('Opgeslagen.');
  // Saved, the page reads the details as on an invoice again, the postal code as it is written.
  await expect(page.getByTestId('billing-address')).toHaveText(/Industrieweg 7\s*3542 AB Utrecht\s*Nederland/);
  await expect(page.getByTestId('billing-summary')).toContainText('NL004495445B01');
  await expect(page.getByRole('button', { name: 'Gegevens wijzigen' })).toBeFocused();
  await expect(page.getByTestId('change-history')).toContainText('Postcode: — → 3542 AB');
  await expectAccessible(page);
});

test('two tabs: the second save meets a 412, shows what changed, and applies its change on top', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const tab1 = await context.newPage();
  await tab1.goto(`${portal('callmonkey')}/sign-in`);
  await signIn(tab1, 'sanne@jansen-installatie.example', NL);
  await expect(tab1).toHaveURL(/\/account$/);
  const tab2 = await context.newPage();
  for (const tab of [tab1, tab2]) await tab.goto(`${portal('callmonkey')}/account/profile`);
  await expect(tab2.getByLabel('Naam', { exact: true })).toHaveValue('Sanne Bakker');

  await tab1.getByLabel('Telefoonnummer').fill('+31 20 123 4567');
  await tab1.getByRole('button', { name: 'Opslaan' }).click();
  await expect(snackbar(tab1)).toContainText('Opgeslagen.');

  await tab2.getByLabel('Naam', { exact: true }).fill('Sanne de Bakker');
  await tab2.getByRole('button', { name: 'Opslaan' }).click();
  await expect(tab2.getByRole('alert')).toHaveText('Iemand anders heeft wijzigingen opgeslagen');
  const conflict = tab2.getByTestId('conflict');
  await expect(conflict).toContainText('Telefoonnummer');
  await expect(conflict).toContainText('+31201234567');
  await expect(conflict).toContainText('Sanne de Bakker');
  await expectAccessible(tab2);
  await tab2.getByTestId('apply-mine').click();
  await expect(snackbar(tab2)).toContainText('Opgeslagen.');

  await tab1.reload();
  await expect(tab1.getByLabel('Naam', { exact: true })).toHaveValue('Sanne de Bakker');
  await expect(tab1.getByLabel('Telefoonnummer')).toHaveValue('+31201234567');
});

test('subscribe, confirm from the mail, receive an issue, unsubscribe with one click', async ({ browser }) => {
  test.setTimeout(90_000);
  const olivia = await (await browser.newContext()).newPage();
  await olivia.goto(`${portal('contactmonkey')}/sign-in`);
  await signIn(olivia, 'olivia@mapleleaf.example', EN);
  await olivia.getByTestId('nav-newsletters').click();
  await olivia.getByRole('switch', { name: 'Product news' }).click();
  await expect(olivia.getByTestId('pending')).toBeVisible();
  await expectAccessible(olivia);

  await olivia.goto(
    await linkFromMail('olivia@mapleleaf.example', 'Confirm your subscription', '/newsletters/confirm'),
  );
  await expect(olivia.getByTestId('newsletter-notice')).toHaveText('Thank you: you now receive “Product news”.');

  // The admin (two-factor first) sends an issue to confirmed subscribers.
  const admin = await (await browser.newContext()).newPage();
  await signInStaffWithTwoFactor(admin, 'contactmonkey', 'admin@contactmonkey.example', {
    ...EN,
    confirmCode: 'Confirm code',
  });
  await admin.goto(`${portal('contactmonkey')}/admin/newsletters`);
  const list = admin.getByTestId('list-Product news');
  await expect(list).toContainText('1 confirmed subscriber ·');
  // One issue composer for all lists: the card's "Write an issue" picks its list.
  await list.getByRole('button', { name: 'Write an issue' }).click();
  const composer = admin.getByTestId('issue-composer');
  await composer.getByLabel('Subject').fill('November news');
  await composer.getByLabel('Text').fill('Hello!\n\nWe have news.');
  await composer.getByRole('button', { name: 'Send to confirmed subscribers' }).click();
  // The confirmation names the count (issue 16 §6; decisions.e2e.ts looks at it closely).
  await admin.getByRole('alertdialog').getByTestId('confirm').click();
  await expect(admin.getByTestId('newsletter-admin-notice')).toHaveText('Queued for 1 subscriber.');
  await expectAccessible(admin);

  const issue = await mailTo('olivia@mapleleaf.example', 'November news');
  expect(issue.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  const unsubscribe = /<([^>]+)>/.exec(issue.headers['list-unsubscribe'])?.[1] ?? '';
  expect(await oneClickUnsubscribe(unsubscribe)).toBe(200);

  await olivia.goto(`${portal('contactmonkey')}/account/newsletters`);
  await expect(olivia.getByRole('switch', { name: 'Product news' })).not.toBeChecked();
});
