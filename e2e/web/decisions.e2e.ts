import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { test } from '../fixtures';
import { ageProofOfPresence, expectAccessible, mailTo, portal, signIn, signInStaffWithTwoFactor } from '../support';

// Decisions with their consequences in view (issue 16 §6): confirmations that name the person or
// the count, role changes behind the step-up dialog, no disabling oneself, a newsletter's preview
// and test send, recovery codes to copy and download.

const NL = { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' };
const EN = {
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  confirmCode: 'Confirm code',
  verify: 'Verify',
};
const ADMIN = 'admin@contactmonkey.example';

test('staff decisions: recovery codes to keep, a confirmation naming the person, role changes after a code, never disabling oneself', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInStaffWithTwoFactor(page, 'contactmonkey', ADMIN, EN);

  // New recovery codes can be copied and downloaded as a text file.
  await page.goto(`${portal('contactmonkey')}/security`);
  await page.getByRole('button', { name: 'New recovery codes' }).click();
  await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
  const codes = (await page.getByTestId('recovery-codes').locator('li').allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  await page.getByTestId('recovery-codes-copy').click();
  await expect(page.getByText('Copied.')).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('recovery-codes-download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('recovery-codes-contactmonkey.txt');
  const file = readFileSync((await download.path()) ?? '', 'utf8');
  expect(file).toContain(`Recovery codes for ${ADMIN} at ContactMonkey`);
  expect(file.split('\n').filter((line) => codes.includes(line))).toEqual(codes);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'I have saved them' }).click();

  // One's own row has no disable button.
  await page.goto(`${portal('contactmonkey')}/admin/staff`);
  const own = page.getByTestId('staff').getByRole('row').filter({ hasText: ADMIN });
  await expect(own.getByTestId('staff-self')).toHaveText('That is you');
  await expect(own.getByRole('button', { name: 'Disable' })).toHaveCount(0);

  // Disabling asks first, naming the person; cancelling changes nothing.
  const agent = page.getByTestId('staff').getByRole('row').filter({ hasText: 'agent@contactmonkey.example' });
  await agent.getByRole('button', { name: 'Disable' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByRole('heading')).toHaveText('Disable Helpdesk Agent (ContactMonkey)?');
  await expect(dialog).toContainText('is signed out at once');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(agent).toContainText('Active');

  // A new colleague's role: confirmed, then (the last proof being old) a code in the step-up dialog.
  const email = `sam.${Date.now()}@example.com`;
  await page.getByLabel('Name').fill('Sam Example');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  const sam = page.getByTestId('staff').getByRole('row').filter({ hasText: email });
  await expect(sam).toContainText('Invited');
  await ageProofOfPresence('contactmonkey', ADMIN);
  await sam.getByRole('checkbox', { name: 'Finance' }).check();
  await expect(dialog.getByRole('heading')).toHaveText('Make Sam Example Finance?');
  await dialog.getByRole('button', { name: 'Give the role' }).click();
  const stepUp = page.getByTestId('step-up');
  await expect(stepUp).toContainText('Confirm it is you');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page);
  await stepUp.getByLabel('Code from your app').fill(codes[0]);
  await stepUp.getByRole('button', { name: 'Confirm' }).click();
  await expect(stepUp).toHaveCount(0);
  await expect(sam.getByRole('checkbox', { name: 'Finance' })).toBeChecked();
  await page.reload();
  await expect(sam.getByRole('checkbox', { name: 'Finance' })).toBeChecked();

  // Disabling someone invited withdraws the invitation, as the dialog says.
  await sam.getByRole('button', { name: 'Disable' }).click();
  await expect(dialog).toContainText(`The invitation to Sam Example (${email}) is withdrawn`);
  await dialog.getByRole('button', { name: 'Disable Sam Example' }).click();
  await expect(sam).toHaveCount(0);
});

test('a newsletter issue: preview in each language, a test to oneself, and the count named before sending', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInStaffWithTwoFactor(page, 'contactmonkey', ADMIN, EN);
  await page.goto(`${portal('contactmonkey')}/admin/newsletters`);
  // One issue composer for all lists: here the list is chosen in it.
  const list = page.getByTestId('issue-composer');
  await list.getByRole('combobox', { name: 'Newsletter' }).click();
  await page.getByRole('option', { name: 'Webinars' }).click();
  await expect(page.getByTestId('issue-recipients')).toHaveText(/^Reaches \d+ confirmed subscribers? now$/);
  const subject = `Spring webinars ${Date.now()}`;
  await list.getByLabel('Subject').fill(subject);
  await list.getByLabel('Text').fill('Three sessions in March.\n\nSign up in the portal.');

  await list.getByRole('button', { name: 'Preview' }).click();
  const dutch = page.frameLocator('[data-testid="issue-preview-nl"]');
  const english = page.frameLocator('[data-testid="issue-preview-en"]');
  await expect(dutch.getByText('Three sessions in March.')).toBeVisible();
  await expect(dutch.locator('body')).toContainText('Afmelden');
  await expect(english.locator('body')).toContainText('Unsubscribe');
  await expect(page.getByTestId('issue-preview')).toContainText(`Dutch: ${subject}`);

  await list.getByRole('button', { name: 'Send a test to me' }).click();
  await expect(page.getByTestId('newsletter-admin-notice')).toHaveText(`Test sent to ${ADMIN}: look in your mailbox.`);
  const testMail = await mailTo(ADMIN, subject);
  expect(testMail.text).toContain('Three sessions in March.');

  // Sending names the count the API answers; cancelling sends nothing.
  await list.getByRole('button', { name: 'Send to confirmed subscribers' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByRole('heading')).toHaveText(new RegExp(`^Send “${subject}” to \\d+ subscribers?\\?$`));
  await expect(dialog).toContainText('Everyone confirmed on “Webinars” gets this issue');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('newsletter-admin-notice')).toHaveText(`Test sent to ${ADMIN}: look in your mailbox.`);
});

test('removing someone from the account asks first, naming them', async ({ page }) => {
  await page.goto(`${portal('callmonkey')}/sign-in`);
  await signIn(page, 'pieter@jansen-installatie.example', NL);
  await expect(page.getByTestId('user-name')).toHaveText('Pieter Jansen');
  await page.goto(`${portal('callmonkey')}/account/members`);
  const members = page.getByTestId('members');
  const sanne = members.getByRole('row').filter({ hasText: 'sanne@jansen-installatie.example' });
  await sanne.getByRole('button', { name: 'Verwijderen' }).click();
  const dialog = page.getByRole('alertdialog');
  // Her name as it is now (account.e2e.ts may have renamed her in this run).
  await expect(dialog.getByRole('heading')).toHaveText(/^Sanne (de )?Bakker uit het account verwijderen\?$/);
  await expect(dialog).toContainText('wordt meteen afgemeld');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(sanne).toHaveCount(1);

  const email = `tijdelijk.${Date.now()}@example.com`;
  await page.getByLabel('Naam').fill('Tijdelijke Hulp');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  const invited = members.getByRole('row').filter({ hasText: email });
  await expect(invited).toHaveCount(1);
  await invited.getByRole('button', { name: 'Verwijderen' }).click();
  await dialog.getByRole('button', { name: 'Tijdelijke Hulp verwijderen' }).click();
  await expect(invited).toHaveCount(0);
});
