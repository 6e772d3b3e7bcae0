import { generate } from 'otplib';
import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';

/** A six-digit code that is none of the codes accepted right now (this step and one either side). */
async function wrongCodeFor(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const valid = await Promise.all([-60, -30, 0, 30, 60].map((offset) => generate({ secret, epoch: now + offset })));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.includes(candidate)) return candidate;
  }
}

describe('sign-in that cannot be guessed around (second factor, races)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  afterEach(async () => {
    await t.sql(t.alpha, `DELETE FROM sign_in_throttle`);
    await t.sql(
      t.alpha,
      `UPDATE tenant_sign_in_settings SET free_attempts = 3, lock_after = 10, lock_minutes = 15, ip_lock_after = 50`,
    );
  });

  /** Signs in with the password and enrols two-factor; returns the TOTP secret. */
  async function withTwoFactor(email: string): Promise<string> {
    const client = t.client(t.alpha);
    expect((await client.signIn(email)).json()).toEqual({ status: 'signed-in' });
    return (await client.enrolTwoFactor()).secret;
  }

  /** The first step: the right password, answered with a challenge. */
  async function challengeFor(email: string): Promise<{ client: PortalClient; challenge: string }> {
    const client = t.client(t.alpha);
    const res = await client.signIn(email);
    expect(res.json()).toMatchObject({ status: 'second-factor' });
    return { client, challenge: res.json().challenge };
  }

  /** Lets the growing delay pass, as if the last attempt had been a minute ago. */
  const waitOutDelay = () =>
    t.sql(t.alpha, `UPDATE sign_in_throttle SET last_failure_at = last_failure_at - interval '1 minute'`);

  it('counts wrong codes against the account, does not clear them on a right password, and locks it with the owner’s mail', async () => {
    await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET free_attempts = 3, lock_after = 4, lock_minutes = 5`);
    const email = t.alpha.accounts[0].owner.email;
    const secret = await withTwoFactor(email);
    // Password right, code wrong — again and again, as someone who knows the password would try.
    const statuses: number[] = [];
    for (let round = 0; round < 4; round++) {
      const { client, challenge } = await challengeFor(email);
      // The growing delay holds between password and code too (a person takes longer to type one).
      await waitOutDelay();
      const guess = await client.request('POST', '/api/session/second-factor', {
        body: { challenge, code: await wrongCodeFor(secret) },
      });
      statuses.push(guess.statusCode);
      await waitOutDelay();
    }
    expect(statuses).toEqual([401, 401, 401, 401]);
    // The fourth wrong code locked the address: even the right password (and code) waits now.
    const locked = await t.client(t.alpha).signIn(email);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ type: PROBLEM_TYPES.tooManyAttempts });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(200);
    await t.mail.waitFor(email, (m) => m.subject === 'Je account is tijdelijk geblokkeerd');
    const history = await t.sql<{ outcome: string; method: string }>(
      t.alpha,
      `SELECT outcome, method FROM sign_in_event WHERE email = $1 AND outcome <> 'success' ORDER BY id`,
      [email],
    );
    expect(history.map((h) => h.outcome)).toEqual([
      'second-factor-failed',
      'second-factor-failed',
      'second-factor-failed',
      'locked',
    ]);
  });

  it('clears the count only when the whole sign-in succeeds', async () => {
    const email = t.alpha.accounts[0].member.email;
    const secret = await withTwoFactor(email);
    const { client, challenge } = await challengeFor(email);
    expect(
      (
        await client.request('POST', '/api/session/second-factor', {
          body: { challenge, code: await wrongCodeFor(secret) },
        })
      ).statusCode,
    ).toBe(401);
    // A right password after that keeps the wrong code counted …
    const again = await challengeFor(email);
    const count = () =>
      t.sql<{ failures: number }>(t.alpha, `SELECT failures FROM sign_in_throttle WHERE key = $1`, [`email:${email}`]);
    expect(await count()).toEqual([{ failures: 1 }]);
    // … and a right code ends it.
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect(
      (
        await again.client.request('POST', '/api/session/second-factor', { body: { challenge: again.challenge, code } })
      ).json(),
    ).toEqual({ status: 'signed-in' });
    expect(await count()).toEqual([]);
  });

  it('uses a challenge up after three wrong codes, even if the fourth is right', async () => {
    const email = t.alpha.accounts[1].owner.email;
    const secret = await withTwoFactor(email);
    const { client, challenge } = await challengeFor(email);
    for (let i = 0; i < 3; i++) {
      const wrong = await client.request('POST', '/api/session/second-factor', {
        body: { challenge, code: await wrongCodeFor(secret) },
      });
      expect(wrong.statusCode).toBe(401);
      await waitOutDelay();
    }
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const late = await client.request('POST', '/api/session/second-factor', { body: { challenge, code } });
    expect(late.statusCode).toBe(410);
    expect(late.json()).toMatchObject({ type: PROBLEM_TYPES.linkUsed });
    expect((await client.request('GET', '/api/me')).statusCode).toBe(401);
  });

  it('counts parallel password guesses one by one: no more get through than the lock allows', async () => {
    await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET free_attempts = 4, lock_after = 5, lock_minutes = 5`);
    const email = t.alpha.accounts[1].member.email;
    const clients = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const client = t.client(t.alpha);
        await client.request('GET', '/api/tenant');
        return client;
      }),
    );
    const answers = await Promise.all(clients.map((client) => client.signIn(email, 'a wrong guess')));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // Four free attempts; the fifth waits for the growing delay. Never sixteen.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(11);
    const failures = await t.sql<{ n: number }>(
      t.alpha,
      `SELECT count(*)::int AS n FROM sign_in_event WHERE email = $1`,
      [email],
    );
    expect(failures[0].n).toBe(statuses.filter((s) => s === 401).length);
  });

  it('counts parallel code guesses on one challenge one by one', async () => {
    const email = t.alpha.staff.finance.email;
    const secret = await withTwoFactor(email);
    const { client, challenge } = await challengeFor(email);
    const code = await wrongCodeFor(secret);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        client.request('POST', '/api/session/second-factor', { body: { challenge, code } }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.every((s) => s === 401 || s === 410 || s === 429)).toBe(true);
    const counted = await t.sql<{ n: number }>(
      t.alpha,
      `SELECT count(*)::int AS n FROM sign_in_event WHERE email = $1 AND outcome <> 'success'`,
      [email],
    );
    expect(counted[0].n).toBeLessThanOrEqual(3);
  });
});
