import { generate } from 'otplib';
import {
  FIXTURE_PASSWORD,
  type PortalClient,
  type TestApp,
  TestMailbox,
  SIGNED_IN_HINT_SET,
  signedInHintOf,
  startTestApp,
} from '@mijn-account/api-testing';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

/** A TOTP code of the step `offset` steps from now (±1 is accepted; a used step never again). */
const codeAt = (secret: string, offset = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 });

describe('sessions, two-factor, brute force, e-mail change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function signedIn(email: string, userAgent = CHROME): Promise<PortalClient> {
    const client = t.client(t.alpha);
    await client.request('GET', '/api/tenant', { headers: { 'user-agent': userAgent } });
    const res = await client.request('POST', '/api/session', {
      body: { email, password: FIXTURE_PASSWORD },
      headers: { 'user-agent': userAgent },
    });
    expect(res.json()).toEqual({ status: 'signed-in' });
    return client;
  }

  async function anonymous(): Promise<PortalClient> {
    const client = t.client(t.alpha);
    await client.request('GET', '/api/tenant');
    return client;
  }

  it('lists sessions with device and method, ends one, and ends all others', async () => {
    const email = t.alpha.accounts[0].owner.email;
    const laptop = await signedIn(email, CHROME);
    const phone = await signedIn(email, FIREFOX);
    const third = await signedIn(email, FIREFOX);
    const list = (await laptop.request('GET', '/api/me/security/sessions')).json() as {
      id: string;
      current: boolean;
      device: string;
    }[];
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    // In the page's language (Accept-Language), else the user's, else the tenant's (Dutch here).
    expect(list.map((s) => s.device)).toEqual(
      expect.arrayContaining(['Chrome 131 op Windows 10', 'Firefox 128 op Linux']),
    );
    const inEnglish = (
      await laptop.request('GET', '/api/me/security/sessions', { headers: { 'accept-language': 'en' } })
    ).json() as { device: string }[];
    expect(inEnglish.map((s) => s.device)).toEqual(
      expect.arrayContaining(['Chrome 131 on Windows 10', 'Firefox 128 on Linux']),
    );
    const phoneSession = (await phone.request('GET', '/api/me/security/sessions'))
      .json()
      .find((s: { current: boolean }) => s.current);

    expect((await laptop.request('DELETE', `/api/me/security/sessions/${phoneSession.id}`)).statusCode).toBe(204);
    expect((await phone.request('GET', '/api/me')).statusCode).toBe(401);
    // Another user's session id is not found, not ended.
    const other = await signedIn(t.alpha.accounts[1].owner.email);
    expect((await other.request('DELETE', `/api/me/security/sessions/${list[0].id}`)).statusCode).toBe(404);

    expect((await laptop.request('POST', '/api/me/security/sessions/end-others')).json()).toEqual({ ended: 1 });
    expect((await third.request('GET', '/api/me')).statusCode).toBe(401);
    expect((await laptop.request('GET', '/api/me')).statusCode).toBe(200);
  });

  it('mails the user when a sign-in comes from a new device, not from a known one', async () => {
    const email = t.alpha.accounts[0].member.email;
    const first = await signedIn(email);
    expect((await first.request('GET', '/api/me/security/sign-ins')).json()[0]).toMatchObject({
      outcome: 'success',
      newDevice: true,
    });
    // The same browser (device cookie kept) signs in again: no alert.
    await first.request('DELETE', '/api/session');
    await first.signIn(email);
    // A different browser: alert.
    await signedIn(email, FIREFOX);
    const alert = await t.mail.waitFor(email, (m) => m.subject === 'Nieuwe aanmelding op je account');
    expect(alert.text).toContain('Firefox 128 op Linux');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(t.mail.to(email).filter((m) => m.subject === 'Nieuwe aanmelding op je account')).toHaveLength(1);
  });

  it('throttles before hashing, grows the delay, locks, and mails the owner; unknown addresses look the same', async () => {
    await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET free_attempts = 2, lock_after = 4, lock_minutes = 5`);
    const victim = t.alpha.accounts[1].member.email;
    const attempt = (email: string) => t.client(t.alpha).signIn(email, 'wrong password');
    const statuses = async (email: string) => {
      const seen: number[] = [];
      for (let i = 0; i < 4; i++) {
        seen.push((await attempt(email)).statusCode);
        // Wait out the growing delay so each attempt counts (1 s, then 2 s).
        await t.sql(t.alpha, `UPDATE sign_in_throttle SET last_failure_at = last_failure_at - interval '10 seconds'`);
      }
      return seen;
    };
    expect(await statuses(victim)).toEqual([401, 401, 401, 401]);
    expect(await statuses('nobody@alpha.example')).toEqual([401, 401, 401, 401]);
    const locked = await t.client(t.alpha).signIn(victim);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ type: PROBLEM_TYPES.tooManyAttempts, retryAfter: expect.any(Number) });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(200);
    expect((await t.client(t.alpha).signIn('nobody@alpha.example')).statusCode).toBe(429);
    await t.mail.waitFor(victim, (m) => m.subject === 'Je account is tijdelijk geblokkeerd');

    // The growing delay: right after a third failure, even the right password waits.
    const other = t.alpha.accounts[0].owner.email;
    for (let i = 0; i < 3; i++) {
      await attempt(other);
      await t.sql(t.alpha, `UPDATE sign_in_throttle SET last_failure_at = last_failure_at - interval '10 seconds'`);
    }
    await attempt(other);
    expect((await t.client(t.alpha).signIn(other)).statusCode).toBe(429);
    const history = await t.sql<{ outcome: string }>(
      t.alpha,
      `SELECT outcome FROM sign_in_event WHERE email = $1 ORDER BY id`,
      [victim],
    );
    expect(history.map((h) => h.outcome)).toEqual(['failed', 'failed', 'failed', 'locked']);
    await t.sql(t.alpha, `DELETE FROM sign_in_throttle`);
  });

  it('signs in with a code after the password, refuses a replayed code, and uses recovery codes once', async () => {
    const email = t.alpha.accounts[1].owner.email;
    const client = await signedIn(email);
    expect((await client.request('GET', '/api/me')).json().user.twoFactorEnabled).toBe(false);
    const { secret, recoveryCodes } = await client.enrolTwoFactor();
    expect(recoveryCodes).toHaveLength(10);
    // Who is signed in says so at once (the staff pages' guard reads it there).
    expect((await client.request('GET', '/api/me')).json().user.twoFactorEnabled).toBe(true);

    const browser = t.client(t.alpha);
    const step1 = await browser.signIn(email);
    expect(step1.json()).toMatchObject({ status: 'second-factor' });
    expect(signedInHintOf(step1)).toBe('untouched'); // not signed in yet
    expect((await browser.request('GET', '/api/me')).statusCode).toBe(401);
    const code = await codeAt(secret, 1);
    const ok = await browser.request('POST', '/api/session/second-factor', {
      body: { challenge: step1.json().challenge, code },
    });
    expect(ok.json()).toEqual({ status: 'signed-in' });
    expect(signedInHintOf(ok)).toEqual(SIGNED_IN_HINT_SET);

    const replay = t.client(t.alpha);
    const again = await replay.signIn(email);
    const refused = await replay.request('POST', '/api/session/second-factor', {
      body: { challenge: again.json().challenge, code },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().errors[0]).toMatchObject({ field: 'code' });

    const recovery = await replay.request('POST', '/api/session/second-factor', {
      body: { challenge: again.json().challenge, code: recoveryCodes[0] },
    });
    expect(recovery.json()).toEqual({ status: 'signed-in' });
    const reuse = t.client(t.alpha);
    const third = await reuse.signIn(email);
    expect(
      (
        await reuse.request('POST', '/api/session/second-factor', {
          body: { challenge: third.json().challenge, code: recoveryCodes[0] },
        })
      ).statusCode,
    ).toBe(401);
    expect((await replay.request('GET', '/api/me/security')).json().twoFactor).toEqual({
      enabled: true,
      required: false,
      recoveryCodesLeft: 9,
    });
  });

  it('requires two-factor for staff functions until the session proves it', async () => {
    const finance = await signedIn(t.alpha.staff['tenant-admin'].email);
    const before = await finance.request('GET', '/api/admin/sign-in-settings');
    expect(before.json().type).toBe(PROBLEM_TYPES.secondFactorRequired);
    const { secret } = await finance.enrolTwoFactor();
    expect((await finance.request('GET', '/api/admin/sign-in-settings')).statusCode).toBe(200);
    expect((await finance.request('DELETE', '/api/me/security/two-factor')).statusCode).toBe(403);
    expect(secret).toBeTruthy();

    // The tenant's limits are the admin's to set, and checked.
    const bad = await finance.request('PUT', '/api/admin/sign-in-settings', {
      body: { selfSignUp: false, freeAttempts: 5, lockAfter: 5, lockMinutes: 15, ipLockAfter: 50 },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'freeAttempts' })]);
    const settings = { selfSignUp: true, freeAttempts: 4, lockAfter: 8, lockMinutes: 30, ipLockAfter: 10 };
    expect((await finance.request('PUT', '/api/admin/sign-in-settings', { body: settings })).statusCode).toBe(204);
    expect((await finance.request('GET', '/api/admin/sign-in-settings')).json()).toEqual(settings);
    expect((await t.client(t.alpha).request('GET', '/api/session/options')).json().selfSignUp).toBe(true);
  });

  it('locks an IP address that tries many different addresses', async () => {
    // Every client here comes from 127.0.0.1: start from a clean count, and leave one behind.
    await t.sql(t.alpha, `DELETE FROM sign_in_throttle`);
    await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET ip_lock_after = 10, lock_after = 10, free_attempts = 3`);
    try {
      for (let i = 0; i < 10; i++)
        expect((await t.client(t.alpha).signIn(`guess${i}@example.com`, 'wrong')).statusCode).toBe(401);
      const next = await t.client(t.alpha).signIn(t.alpha.accounts[0].owner.email);
      expect(next.statusCode).toBe(429);
    } finally {
      await t.sql(t.alpha, `DELETE FROM sign_in_throttle`);
    }
    expect((await t.client(t.alpha).signIn(t.alpha.accounts[0].owner.email)).statusCode).toBe(200);
  });

  it('asks for the password again before a sensitive action when the last proof is old', async () => {
    const email = t.alpha.accounts[0].owner.email;
    const client = await signedIn(email);
    await t.sql(t.alpha, `UPDATE user_session SET reauthenticated_at = now() - interval '10 minutes'`);
    const refused = await client.request('PUT', '/api/me/security/password', {
      body: { password: 'a different long password' },
    });
    expect(refused.json().type).toBe(PROBLEM_TYPES.stepUpRequired);
    const wrong = await client.request('POST', '/api/session/step-up', { body: { password: 'nope' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].field).toBe('password');
    expect(
      (await client.request('POST', '/api/session/step-up', { body: { password: FIXTURE_PASSWORD } })).statusCode,
    ).toBe(204);
    expect(
      (await client.request('PUT', '/api/me/security/password', { body: { password: 'a different long password' } }))
        .statusCode,
    ).toBe(204);
    await t.mail.waitFor(email, (m) => m.subject === 'Je wachtwoord is gewijzigd');
    await client.request('PUT', '/api/me/security/password', { body: { password: FIXTURE_PASSWORD } });
  });

  it('changes the e-mail address only through the new mailbox, and the old one can undo it', async () => {
    const old = t.alpha.accounts[0].member.email;
    const client = await signedIn(old);
    // A taken address is answered like any other (its owner gets a notice; address-probing.int-spec).
    const taken = await client.request('POST', '/api/me/security/email', {
      body: { email: t.alpha.accounts[1].member.email },
    });
    expect(taken.statusCode).toBe(202);

    expect(
      (await client.request('POST', '/api/me/security/email', { body: { email: 'New.Address@Example.com' } }))
        .statusCode,
    ).toBe(202);
    expect((await client.request('GET', '/api/me')).json().user.email).toBe(old);
    const confirm = await t.mail.waitFor(
      'new.address@example.com',
      (m) => m.subject === 'Bevestig je nieuwe e-mailadres',
    );
    const token = TestMailbox.link(confirm, '/email-change/confirm').searchParams.get('token');
    expect(
      (await (await anonymous()).request('POST', '/api/email-change/confirm', { body: { token } })).statusCode,
    ).toBe(204);
    expect((await client.request('GET', '/api/me')).json().user.email).toBe('new.address@example.com');

    const notice = await t.mail.waitFor(old, (m) => m.subject === 'Je e-mailadres is gewijzigd');
    const undo = TestMailbox.link(notice, '/email-change/undo').searchParams.get('token');
    expect(
      (await (await anonymous()).request('POST', '/api/email-change/undo', { body: { token: undo } })).statusCode,
    ).toBe(204);
    expect((await client.request('GET', '/api/me')).statusCode).toBe(401);
    expect((await signedIn(old)).cookies.size).toBeGreaterThan(0);
  });
});
