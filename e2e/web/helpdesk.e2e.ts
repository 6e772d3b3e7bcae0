import { expect, test } from '@playwright/test';
import { generate } from 'otplib';
import { expectAccessible, portal, signIn } from '../support';

const NL = { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' };

test('an agent requests, the owner approves a shorter grant, the agent views billing, the owner sees it and revokes', async ({ browser }) => {
  test.setTimeout(90_000);
  // The agent: two-factor first (staff functions need it), then the console.
  const agent = await (await browser.newContext()).newPage();
  await agent.goto(`${portal('callmonkey')}/sign-in`);
  await signIn(agent, 'agent@callmonkey.example', NL);
  await expect(agent).toHaveURL(/\/account$/);
  await agent.goto(`${portal('callmonkey')}/security`);
  await agent.getByTestId('two-factor-setup').click();
  const secret = (await agent.getByTestId('totp-secret').textContent())?.trim() ?? '';
  await agent.getByLabel('Code').fill(await generate({ secret }));
  await agent.getByRole('button', { name: 'Code bevestigen' }).click();
  await expect(agent.getByTestId('recovery-codes')).toBeVisible();

  await agent.goto(`${portal('callmonkey')}/support`);
  await agent.getByLabel('Klantnummer, naam of e-mailadres').fill('CM-10001');
  await agent.getByRole('button', { name: 'Zoeken' }).click();
  await agent.getByTestId('account-CM-10001').click();
  await agent.getByLabel('Ticket').fill('T-42');
  await agent.getByLabel('Waarom (de klant leest dit)').fill('U vroeg waarom uw factuur naar het oude adres ging.');
  await agent.getByTestId('send-request').click();
  await expect(agent.getByTestId('my-requests')).toContainText('Wacht');
  await expectAccessible(agent);

  // The owner approves, for 15 minutes instead of 60.
  const owner = await (await browser.newContext()).newPage();
  await owner.goto(`${portal('callmonkey')}/sign-in`);
  await signIn(owner, 'eva@bakkerijdevries.example', NL);
  await owner.getByTestId('nav-helpdesk').click();
  const request = owner.getByTestId('pending-request');
  await expect(request).toContainText('U vroeg waarom uw factuur naar het oude adres ging.');
  await expectAccessible(owner);
  await request.getByLabel('Minuten').fill('15');
  await request.getByTestId('approve').click();
  await expect(owner.getByTestId('active-grant')).toContainText(/eindigt over 1[45]:/);

  // The agent opens the support view of billing.
  await agent.reload();
  await agent.getByTestId('open-support-view').click();
  await expect(agent.getByTestId('support-view')).toContainText('Ondersteuningsweergave van CM-10001');
  await expectAccessible(agent);

  // The owner sees that view in the log, and revokes.
  await owner.reload();
  await expect(owner.getByTestId('access-log')).toContainText('bekeken · billing');
  await expect(owner.getByTestId('log-verification')).toContainText('Het logboek is onaangetast');
  await owner.getByTestId('revoke').click();
  await expect(owner.getByTestId('active-grant')).toHaveCount(0);

  // The agent's very next request is refused.
  await agent.getByTestId('refresh-support-view').click();
  await expect(agent.getByTestId('support-error')).toHaveText('Hiervoor is geen actieve toegang; vraag die eerst aan.');
});
