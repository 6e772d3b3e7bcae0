import { expect } from '@playwright/test';
import { test } from '../fixtures';
import { DEMO_PASSWORD, ageProofOfPresence, expectAccessible, mailTo, portal, signIn } from '../support';

const CASES = [
  {
    language: 'nl',
    tenant: 'callmonkey',
    email: 'joris@bakkerijdevries.example',
    viewport: { width: 360, height: 740 },
    labels: { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' },
    title: 'Mijn gegevens wissen',
    request: 'Mijn gegevens wissen',
    secret: 'Wachtwoord of code',
    confirm: 'Bevestigen',
    mail: 'Je hebt gevraagd je gegevens bij',
    pending: 'We wissen je gegevens op',
    cancelled: 'Het wissen is geannuleerd',
  },
  {
    language: 'en',
    tenant: 'contactmonkey',
    email: 'liam@mapleleaf.example',
    viewport: { width: 1280, height: 800 },
    labels: { email: 'E-mail address', password: 'Password', submit: 'Sign in' },
    title: 'Delete my data',
    request: 'Erase my data',
    secret: 'Password or code',
    confirm: 'Confirm',
    mail: 'You asked',
    pending: 'We erase your data on',
    cancelled: 'Your erasure is cancelled',
  },
] as const;

for (const c of CASES) {
  test(`a subscriber asks for erasure with a step-up and cancels it in the grace period (${c.language}, ${c.viewport.width} px)`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const page = await (await browser.newContext({ viewport: c.viewport })).newPage();
    await page.goto(`${portal(c.tenant)}/sign-in`);
    await signIn(page, c.email, c.labels);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto(`${portal(c.tenant)}/privacy/erasure`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.title);
    await expect(page.getByTestId('erasure-request')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(c.viewport.width);
    await expectAccessible(page);

    // The last proof of presence is old: asking needs the password again.
    await ageProofOfPresence(c.tenant, c.email);
    await page.getByTestId('erasure-request').click();
    await page.getByRole('alertdialog').getByTestId('confirm').click();
    await page.getByLabel(c.secret).fill(DEMO_PASSWORD);
    await page.getByTestId('step-up').getByRole('button', { name: c.confirm }).click();
    await expect(page.getByTestId('erasure-pending')).toContainText(c.pending);
    expect((await mailTo(c.email, c.mail)).text).toContain('/privacy/erasure');
    await expectAccessible(page);

    await page.getByTestId('erasure-cancel').click();
    await expect(page.getByText(c.cancelled)).toBeVisible();
    await expect(page.getByTestId('erasure-pending')).toHaveCount(0);
    await expect(page.getByTestId('erasure-request')).toBeVisible();
  });
}
