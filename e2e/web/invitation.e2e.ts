import { expect } from '@playwright/test';
import { test } from '../fixtures';
import { expectAccessible, linkFromMail, mailTo, portal, signIn, signInStaffWithTwoFactor } from '../support';

// The invitation page (issue 16 §6): it says who invited you to which account and as what, and
// choosing the password signs you in; the link works once. CallMonkey opens accounts by invitation
// only: its sign-up page says so, with what to do, instead of a form that is refused after sending.
// The admin's newsletters page has one issue composer for all lists (the English journey is in decisions.e2e.ts).

const NL = { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' };
const EN = { email: 'E-mail address', password: 'Password', submit: 'Sign in' };

/** The owner invites a member on the members page; answers the link of the mail it sends. */
async function invite(
  page: import('@playwright/test').Page,
  tenant: string,
  owner: string,
  labels: typeof NL & { name: string; send: string; subject: string },
  invitee: { name: string; email: string },
): Promise<string> {
  await page.goto(`${portal(tenant)}/sign-in`);
  await signIn(page, owner, labels);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto(`${portal(tenant)}/account/members`);
  await page.getByLabel(labels.name).fill(invitee.name);
  await page.getByLabel(labels.email).fill(invitee.email);
  await page.getByRole('button', { name: labels.send }).click();
  await expect(page.getByTestId('members')).toContainText(invitee.email);
  return linkFromMail(invitee.email, labels.subject, '/invitation');
}

test('CallMonkey (nl): the invitation names who invited you to which account, and accepting signs you in', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const email = `nieuw.lid.${Date.now()}@example.com`;
  const owner = await (await browser.newContext()).newPage();
  const link = await invite(
    owner,
    'callmonkey',
    'eva@bakkerijdevries.example',
    { ...NL, name: 'Naam', send: 'Uitnodiging versturen', subject: 'Uitnodiging voor CallMonkey' },
    { name: 'Nieuw Lid', email },
  );

  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neem je uitnodiging aan');
  await expect(page.getByTestId('invitation-who')).toHaveText(
    'Eva de Vries nodigt je uit voor Bakkerij De Vries (rol: Lid).',
  );
  await expect(page.getByTestId('invitation-for')).toHaveText(`Voor Nieuw Lid (${email}).`);
  await expectAccessible(page);
  await page.getByLabel('Nieuw wachtwoord').fill('een lange zin als wachtwoord');
  await page.getByRole('button', { name: 'Account activeren' }).click();

  // Signed in, on the home of the account joined.
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('user-name')).toHaveText('Nieuw Lid');
  await expect(page.getByTestId('account-name')).toHaveText('Bakkerij De Vries');
  await expect(page.getByTestId('account-role')).toHaveText('Lid');

  // The link worked once: opened again, it says so and offers no form.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByTestId('invitation-error')).toContainText('al gebruikt');
  await expect(again.getByLabel('Nieuw wachtwoord')).toHaveCount(0);
  await expectAccessible(again);
});

test('ContactMonkey (en): the invitation names who invited you to which account, and accepting signs you in', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const email = `new.member.${Date.now()}@example.com`;
  const owner = await (await browser.newContext()).newPage();
  const link = await invite(
    owner,
    'contactmonkey',
    'olivia@mapleleaf.example',
    { ...EN, name: 'Name', send: 'Send invitation', subject: 'Invitation to ContactMonkey' },
    { name: 'New Member', email },
  );

  const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accept your invitation');
  await expect(page.getByTestId('invitation-who')).toHaveText(
    'Olivia Tremblay invited you to Maple Leaf Logistics (role: Member).',
  );
  await expect(page.getByTestId('invitation-for')).toHaveText(`For New Member (${email}).`);
  await expectAccessible(page);
  await page.getByLabel('New password').fill('a long sentence as a password');
  await page.getByRole('button', { name: 'Activate account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('user-name')).toHaveText('New Member');
  await expect(page.getByTestId('account-name')).toHaveText('Maple Leaf Logistics');
});

test('sign-up: CallMonkey says it opens accounts by invitation only, with what to do; ContactMonkey shows the form', async ({
  page,
}) => {
  await page.goto(`${portal('callmonkey')}/sign-up`);
  const closed = page.getByTestId('sign-up-closed');
  await expect(closed).toContainText('CallMonkey opent accounts alleen op uitnodiging');
  await expect(closed).toContainText('uitnodiging');
  await expect(page.getByLabel('Kies een wachtwoord')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Naar de inlogpagina' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('radio', { name: 'English' }).click();
  await expect(closed).toContainText('CallMonkey opens accounts by invitation only');
  await expectAccessible(page);

  await page.goto(`${portal('contactmonkey')}/sign-up`);
  await expect(page.getByLabel('Choose a password')).toBeVisible();
  await expect(page.getByTestId('sign-up-closed')).toHaveCount(0);
});

test('newsletters (nl): one issue composer for all lists — a card picks its list, the count follows, preview and test', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // ContactMonkey's admin on a Dutch page: sign-in.e2e.ts turns on CallMonkey's admin's two-factor
  // for the first time, later in the same run (as one-language.e2e.ts does).
  await page.context().addInitScript(() => (document.cookie = 'ma_lang=nl; Path=/; SameSite=Lax'));
  await signInStaffWithTwoFactor(page, 'contactmonkey', 'admin@contactmonkey.example', {
    ...NL,
    confirmCode: 'Code bevestigen',
    verify: 'Controleren',
  });
  await page.goto(`${portal('contactmonkey')}/admin/newsletters`);
  const composer = page.getByTestId('issue-composer');
  await expect(page.getByLabel('Onderwerp')).toHaveCount(1);
  await page.getByTestId('list-Webinars').getByRole('button', { name: 'Uitgave schrijven' }).click();
  await expect(composer.getByRole('combobox', { name: 'Nieuwsbrief' })).toContainText('Webinars');
  await expect(page.getByTestId('issue-recipients')).toHaveText(/^Bereikt nu \d+ bevestigde abonnees?$/);
  const subject = `Webinars in april ${Date.now()}`;
  await composer.getByLabel('Onderwerp').fill(subject);
  await composer.getByLabel('Tekst').fill('Drie sessies in april.');
  await composer.getByRole('button', { name: 'Voorbeeld' }).click();
  await expect(page.getByTestId('issue-preview')).toContainText(`Nederlands: ${subject}`);
  await composer.getByRole('button', { name: 'Test naar mij sturen' }).click();
  await expect(page.getByTestId('newsletter-admin-notice')).toContainText(
    'Test verstuurd naar admin@contactmonkey.example',
  );
  expect((await mailTo('admin@contactmonkey.example', subject)).text).toContain('Drie sessies in april.');
  await expectAccessible(page);

  // Sending names the list and the count first; cancelling sends nothing and keeps the text.
  await composer.getByRole('button', { name: 'Versturen naar bevestigde abonnees' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('Webinars');
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(composer.getByLabel('Onderwerp')).toHaveValue(subject);
});
