import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';

/**
 * Nobody can learn through the portal whether an address has an account, nor use it to flood a
 * mailbox: answers are the same for every address, and mail-sending requests are limited per
 * address and per client IP.
 */
describe('no address probing, no mail bombing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET self_sign_up = true`);
  });
  afterAll(() => t.close());
  afterEach(() => t.sql(t.alpha, `DELETE FROM mail_send_throttle`));

  async function anonymous(remoteAddress?: string): Promise<PortalClient> {
    const client = t.client(t.alpha);
    await client.request('GET', '/api/tenant', { remoteAddress });
    return client;
  }

  /** Statuses and bodies of `times` reset requests for `email`, each from a fresh browser at `ip`. */
  async function resets(email: string, times: number, ip?: string) {
    const answers: { status: number; body: unknown; retryAfter: string | undefined; type: string | undefined }[] = [];
    for (let i = 0; i < times; i++) {
      const res = await (
        await anonymous(ip)
      ).request('POST', '/api/password-reset', { body: { email }, remoteAddress: ip });
      answers.push({
        status: res.statusCode,
        body: res.statusCode === 202 ? res.body : res.json().type,
        retryAfter: res.headers['retry-after'] as string | undefined,
        type: res.headers['content-type'] as string | undefined,
      });
    }
    return answers;
  }

  it('limits reset mails per address, the same way whether or not it has an account', async () => {
    const victim = t.alpha.accounts[0].owner.email;
    const known = await resets(victim, 6, '198.51.100.1');
    const unknown = await resets('nobody-here@example.com', 6, '198.51.100.2');
    expect(known.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 429]);
    expect(unknown.map((a) => [a.status, a.body])).toEqual(known.map((a) => [a.status, a.body]));
    expect(known[5]).toMatchObject({
      body: PROBLEM_TYPES.tooManyAttempts,
      type: expect.stringContaining('application/problem+json'),
    });
    expect(Number(known[5].retryAfter)).toBeGreaterThan(3000);
    // Five reset mails reached the victim, not six.
    await t.mail.waitFor(
      victim,
      () => t.mail.to(victim).filter((m) => m.subject === 'Nieuw wachtwoord instellen').length >= 5,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(t.mail.to(victim).filter((m) => m.subject === 'Nieuw wachtwoord instellen')).toHaveLength(5);
  });

  it('limits sign-up mails per address across requests from many IPs', async () => {
    const victim = t.alpha.accounts[1].owner.email;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const client = await anonymous(`203.0.113.${i + 1}`);
      const res = await client.request('POST', '/api/sign-up', {
        body: { email: victim, password: 'a long enough password', displayName: 'X', accountName: 'Y' },
        remoteAddress: `203.0.113.${i + 1}`,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('limits the mail one IP can cause, to any addresses', async () => {
    const ip = '192.0.2.50';
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await (
        await anonymous(ip)
      ).request('POST', '/api/password-reset', { body: { email: `someone${i}@example.com` }, remoteAddress: ip });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Another client is not held up by it.
    expect(
      (
        await (
          await anonymous('192.0.2.51')
        ).request('POST', '/api/password-reset', {
          body: { email: 'someone0@example.com' },
          remoteAddress: '192.0.2.51',
        })
      ).statusCode,
    ).toBe(202);
  });

  it('answers an invitation to a registered address like any other, and tells its owner instead of sending a link', async () => {
    const owner = t.client(t.alpha);
    expect((await owner.signIn(t.alpha.accounts[0].owner.email)).json()).toEqual({ status: 'signed-in' });
    const registered = t.alpha.accounts[1].member.email;
    const staffAddress = t.alpha.staff.finance.email;
    const answers = [];
    for (const email of [registered, staffAddress, 'new.colleague@example.com']) {
      const res = await owner.request('POST', '/api/account/members', {
        body: { email, displayName: 'Probe', role: 'member' },
      });
      answers.push({ status: res.statusCode, keys: Object.keys(res.json()), id: res.json().id as string, email });
    }
    expect(answers.map((a) => [a.status, a.keys])).toEqual([
      [201, ['id']],
      [201, ['id']],
      [201, ['id']],
    ]);
    // The owner's list shows all three the same way, pending.
    const list = (await owner.request('GET', '/api/account/members')).json() as {
      id: string;
      email: string;
      status: string;
    }[];
    for (const answer of answers)
      expect(list).toContainEqual(expect.objectContaining({ id: answer.id, email: answer.email, status: 'invited' }));
    // Registered addresses get a notice without a link, and their accounts stay as they were.
    const notice = await t.mail.waitFor(registered, (m) => m.subject.startsWith('Je bent uitgenodigd bij ALPHA'));
    expect(notice.text).not.toContain('/invitation');
    await t.mail.waitFor(staffAddress, (m) => m.subject.startsWith('Je bent uitgenodigd bij ALPHA'));
    const invitation = await t.mail.waitFor('new.colleague@example.com', (m) => m.subject.startsWith('Uitnodiging'));
    expect(invitation.text).toContain('/invitation?token=');
    const rows = await t.sql<{ account_id: string }>(t.alpha, `SELECT account_id FROM app_user WHERE email = $1`, [
      registered,
    ]);
    expect(rows).toEqual([{ account_id: t.alpha.accounts[1].id }]);
    // Withdrawing works the same for each.
    for (const answer of answers)
      expect((await owner.request('DELETE', `/api/account/members/${answer.id}`)).statusCode).toBe(204);
    expect((await owner.request('GET', '/api/account/members')).json()).toHaveLength(2);
  });

  it('answers an e-mail change to a taken address like any other, and tells the address’s owner instead', async () => {
    const owner = t.alpha.accounts[0].member.email;
    const client = t.client(t.alpha);
    expect((await client.signIn(t.alpha.accounts[1].member.email)).json()).toEqual({ status: 'signed-in' });
    const taken = await client.request('POST', '/api/me/security/email', { body: { email: owner } });
    const free = await client.request('POST', '/api/me/security/email', {
      body: { email: 'fresh.address@example.com' },
    });
    expect([taken.statusCode, taken.body]).toEqual([free.statusCode, free.body]);
    expect(taken.statusCode).toBe(202);
    await t.mail.waitFor(owner, (m) => m.subject === 'Iemand wilde dit e-mailadres gebruiken bij ALPHA');
    expect(t.mail.to(owner).some((m) => m.subject === 'Bevestig je nieuwe e-mailadres')).toBe(false);
    await t.mail.waitFor('fresh.address@example.com', (m) => m.subject === 'Bevestig je nieuwe e-mailadres');
    expect((await client.request('GET', '/api/me')).json().user.email).toBe(t.alpha.accounts[1].member.email);
  });
});
