import { argon2id, hash } from 'argon2';
import { DataSource } from 'typeorm';
import { RequestContext } from '@mijn-account/api-core';
import { MailService } from '@mijn-account/api-mail';
import { FIXTURE_PASSWORD, type TestApp, TestMailbox, startTestApp } from '@mijn-account/api-testing';

describe('sign-up, verification, password reset and mail (real SMTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET self_sign_up = true`);
  });
  afterAll(() => t.close());

  async function anonymous(tenant = t.alpha) {
    const client = t.client(tenant);
    await client.request('GET', '/api/tenant');
    return client;
  }

  it('signs up only after the e-mail link is used, and the link works once', async () => {
    const client = await anonymous();
    const signUp = await client.request('POST', '/api/sign-up', {
      body: {
        email: 'New.Person@Example.com',
        password: 'a long enough password',
        displayName: 'New Person',
        accountName: 'New BV',
      },
    });
    expect(signUp.statusCode).toBe(202);
    expect((await client.signIn('new.person@example.com', 'a long enough password')).statusCode).toBe(401);

    const mail = await t.mail.waitFor('new.person@example.com', (m) => m.subject.includes('Bevestig'));
    expect(mail.html).toContain('#123456');
    expect(mail.from).toContain('ALPHA');
    const link = TestMailbox.link(mail, '/sign-up/verify');
    expect(link.host).toBe('alpha.localhost');
    const token = link.searchParams.get('token') ?? '';

    // The link is bound to its tenant: on beta it does not exist.
    const other = await anonymous(t.beta);
    const foreign = await other.request('POST', '/api/sign-up/verify', { body: { token } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().type).toContain('link-invalid');

    expect((await client.request('POST', '/api/sign-up/verify', { body: { token } })).statusCode).toBe(204);
    const again = await client.request('POST', '/api/sign-up/verify', { body: { token } });
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({
      type: expect.stringContaining('link-used'),
      title: 'This link has already been used',
    });

    const signedIn = await client.signIn('new.person@example.com', 'a long enough password');
    expect(signedIn.json()).toEqual({ status: 'signed-in' });
    const me = await client.request('GET', '/api/me');
    expect(me.json()).toMatchObject({
      user: { email: 'new.person@example.com' },
      account: { role: 'owner', name: 'New BV' },
    });
  });

  it('makes a hash with outdated parameters again at the next sign-in, and only then', async () => {
    const { email } = t.alpha.accounts[1].member;
    // As the library's defaults made hashes before 2026-11-30: 64 MiB, 3 passes, 4 lanes (threads).
    const outdated = await hash(FIXTURE_PASSWORD, { type: argon2id });
    expect(outdated).toContain('$m=65536,p=4,t=3$');
    await t.sql(t.alpha, `UPDATE app_user SET password_hash = $2 WHERE email = $1`, [email, outdated]);
    const stored = async () =>
      (
        await t.sql<{ password_hash: string }>(t.alpha, `SELECT password_hash FROM app_user WHERE email = $1`, [email])
      )[0].password_hash;

    // A wrong password changes nothing.
    expect((await (await anonymous()).signIn(email, 'not the password')).statusCode).toBe(401);
    expect(await stored()).toBe(outdated);

    expect((await (await anonymous()).signIn(email, FIXTURE_PASSWORD)).json()).toEqual({ status: 'signed-in' });
    const upgraded = await stored();
    expect(upgraded).toContain('$m=19456,p=1,t=2$');
    expect((await (await anonymous()).signIn(email, FIXTURE_PASSWORD)).json()).toEqual({ status: 'signed-in' });
    expect(await stored()).toBe(upgraded);
  });

  it('answers sign-up and reset the same whether or not the address has an account', async () => {
    const client = await anonymous();
    const known = t.alpha.accounts[0].member.email;
    const answers = [];
    for (const email of [known, 'nobody@example.com']) {
      const signUp = await client.request('POST', '/api/sign-up', {
        body: { email, password: 'another long password', displayName: 'X', accountName: 'Y' },
      });
      const reset = await client.request('POST', '/api/password-reset', { body: { email } });
      answers.push([signUp.statusCode, signUp.body, reset.statusCode, reset.body]);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toEqual([202, '', 202, '']);
    // The account holder is told someone tried, and gets the reset link; the stranger gets the sign-up link.
    await t.mail.waitFor(known, (m) => m.subject.includes('al een account'));
    await t.mail.waitFor(known, (m) => m.subject.includes('Nieuw wachtwoord'));
    await t.mail.waitFor('nobody@example.com', (m) => m.subject.includes('Bevestig'));
    expect(t.mail.to('nobody@example.com').some((m) => m.subject.includes('wachtwoord'))).toBe(false);
  });

  it('refuses sign-up where the tenant invites only', async () => {
    const client = await anonymous(t.beta);
    const res = await client.request('POST', '/api/sign-up', {
      body: { email: 'x@example.com', password: 'a long enough password', displayName: 'X', accountName: 'Y' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('resets a password once, ends every session, and refuses an expired link', async () => {
    const email = t.alpha.accounts[1].owner.email;
    const laptop = t.client(t.alpha);
    expect((await laptop.signIn(email)).statusCode).toBe(200);

    const client = await anonymous();
    await client.request('POST', '/api/password-reset', { body: { email } });
    const mail = await t.mail.waitFor(email, (m) => m.subject === 'Nieuw wachtwoord instellen');
    const token = TestMailbox.link(mail, '/password-reset').searchParams.get('token') ?? '';

    const weak = await client.request('POST', '/api/password-reset/confirm', { body: { token, password: 'short' } });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0]).toMatchObject({ field: 'password' });

    expect(
      (
        await client.request('POST', '/api/password-reset/confirm', {
          body: { token, password: 'brand new password 1' },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await client.request('POST', '/api/password-reset/confirm', {
          body: { token, password: 'brand new password 2' },
        })
      ).statusCode,
    ).toBe(410);
    expect((await laptop.request('GET', '/api/me')).statusCode).toBe(401);
    expect((await client.signIn(email, FIXTURE_PASSWORD)).statusCode).toBe(401);
    expect((await client.signIn(email, 'brand new password 1')).statusCode).toBe(200);
    await t.mail.waitFor(email, (m) => m.subject === 'Je wachtwoord is gewijzigd');

    // An expired link: same request, clock moved past its expiry in the database.
    await client.request('POST', '/api/password-reset', { body: { email } });
    const second = await t.mail.waitFor(email, (m) => m.subject === 'Nieuw wachtwoord instellen' && m !== mail);
    const expired = TestMailbox.link(second, '/password-reset').searchParams.get('token') ?? '';
    await t.sql(
      t.alpha,
      `UPDATE action_token SET expires_at = now() - interval '1 second' WHERE purpose = 'password-reset' AND used_at IS NULL`,
    );
    const late = await client.request('POST', '/api/password-reset/confirm', {
      body: { token: expired, password: 'brand new password 3' },
    });
    expect(late.statusCode).toBe(410);
    expect(late.json()).toMatchObject({
      type: expect.stringContaining('link-expired'),
      title: 'This link has expired',
    });
  });

  it('delivers a queued mail only when its transaction commits, once', async () => {
    const mailService = t.app.get(MailService);
    const tenant = {
      id: t.alpha.id,
      slug: 'alpha',
      displayName: 'ALPHA',
      defaultLanguage: 'nl' as const,
      currency: 'EUR',
      country: 'NL',
      brandColor: '#123456',
      logoUrl: null,
      timeZone: 'Europe/Amsterdam',
    };
    const attempt = async (to: string, outcome: 'commit' | 'rollback') => {
      const ctx = new RequestContext(
        'test',
        tenant,
        '127.0.0.1',
        null,
        'http://alpha.localhost',
        t.app.get(DataSource),
      );
      await mailService.send(ctx, { to, template: 'password-reset', params: { link: 'http://alpha.localhost/x' } });
      await (outcome === 'commit' ? ctx.commit() : ctx.rollback());
    };
    await attempt('rolled-back@example.com', 'rollback');
    await attempt('committed@example.com', 'commit');
    await t.mail.waitFor('committed@example.com');
    // The worker polls every 0.5 s; two more rounds, and the rolled-back mail has still not come.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(t.mail.to('rolled-back@example.com')).toHaveLength(0);
    expect(t.mail.to('committed@example.com')).toHaveLength(1);
    const rows = await t.sql(
      t.alpha,
      `SELECT recipient, sent_at IS NOT NULL AS sent, attempts FROM mail_message WHERE recipient LIKE '%ed@example.com'`,
    );
    expect(rows).toEqual([{ recipient: 'committed@example.com', sent: true, attempts: 1 }]);
  });
});
