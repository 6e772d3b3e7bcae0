import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Metrics, ProblemException, type RequestContext, type SessionRef, problems } from '@mijn-account/api-core';
import { withTenant } from '@mijn-account/api-database';
import { MailService } from '@mijn-account/api-mail';
import { UsageCounter } from '@mijn-account/api-statistics';
import {
  type Language,
  PAGES,
  PROBLEM_TYPES,
  type SignInMethod,
  type SignInSettings,
} from '@mijn-account/shared-contracts';
import { ActionTokens } from './action-tokens';
import { describeDevice } from './device';
import { PasswordHasher } from './password-hasher';
import { SessionService, hashToken } from './session.service';
import { SignInSettingsService } from './sign-in-settings.service';
import { SignInThrottle } from './sign-in-throttle.service';
import { TwoFactorService, wrongCode } from './two-factor.service';

/** One answer for every failure, so it does not tell whether the e-mail address has an account. */
export const signInFailed = () =>
  new ProblemException({
    type: PROBLEM_TYPES.signInFailed,
    title: 'Sign-in failed',
    status: 401,
    detail: 'The e-mail address or password is incorrect',
  });

const SECOND_FACTOR_TTL_MS = 5 * 60_000;
/** Codes one second-factor challenge allows; then it is used up. */
export const CHALLENGE_ATTEMPTS = 3;

export interface SignInUser {
  id: string;
  email: string;
  password_hash: string | null;
  disabled_at: Date | null;
  email_verified_at: Date | null;
  totp_enabled_at: Date | null;
  preferred_language: Language | null;
}

/** A session just started: its cookies' contents, and the user's own language for the page (if they chose one). */
export interface StartedSession {
  session: SessionRef;
  deviceToken: string;
  language: Language | null;
}

export type SignInResult = ({ status: 'signed-in' } & StartedSession) | { status: 'second-factor'; challenge: string };

/**
 * Password sign-in with throttling before hashing, the second-factor step, the sign-in history, and
 * the new-device alert. Social sign-in (identity-providers) ends in `complete` too.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly settings: SignInSettingsService,
    private readonly throttle: SignInThrottle,
    private readonly twoFactor: TwoFactorService,
    private readonly tokens: ActionTokens,
    private readonly mail: MailService,
    private readonly usage: UsageCounter,
    private readonly metrics: Metrics,
  ) {}

  findUser(ctx: RequestContext, email: string): Promise<SignInUser | null> {
    return this.loadUser(ctx, 'email', email);
  }

  findUserById(ctx: RequestContext, id: string): Promise<SignInUser | null> {
    return this.loadUser(ctx, 'id', id);
  }

  private async loadUser(ctx: RequestContext, by: 'email' | 'id', value: string | null): Promise<SignInUser | null> {
    const db = await ctx.db();
    const rows: SignInUser[] = await db.query(
      `SELECT id, email, password_hash, disabled_at, email_verified_at, totp_enabled_at, preferred_language
         FROM app_user WHERE tenant_id = $1 AND ${by === 'email' ? 'email' : 'id'} = $2`,
      [ctx.tenant.id, value],
    );
    return rows[0] ?? null;
  }

  /**
   * Counts the attempt first (or refuses it, 429), then checks the password. A failure stays
   * counted (and may lock the address); a success either signs in or, with two-factor on, answers
   * with a short-lived challenge — the address's count is cleared only when the whole sign-in is done.
   */
  async signIn(
    ctx: RequestContext,
    rawEmail: string,
    password: string,
    deviceToken: string | undefined,
  ): Promise<SignInResult> {
    const email = rawEmail.trim().toLowerCase();
    const settings = await this.attempt(ctx, email);
    const user = await this.findUser(ctx, email);
    // Checked holding no connection (ADR 0016): the read is committed, the outcome written in a new transaction.
    const valid = await ctx.offline(() => this.hasher.verify(user?.password_hash ?? null, password));
    if (!user || !valid || user.disabled_at || !user.email_verified_at) {
      await this.failed(ctx, settings, email, user, 'password', 'failed');
      throw signInFailed();
    }
    if (user.password_hash && this.hasher.isOutdated(user.password_hash))
      await this.upgradeHash(ctx, user.id, user.password_hash, password);
    await this.throttle.succeeded(await ctx.db(), ctx.tenant.id, email, ctx.ip);
    if (user.totp_enabled_at) {
      const challenge = await this.tokens.issue(ctx, 'second-factor', {
        userId: user.id,
        data: { method: 'password' },
        ttlMs: SECOND_FACTOR_TTL_MS,
      });
      return { status: 'second-factor', challenge };
    }
    return { status: 'signed-in', ...(await this.complete(ctx, user, 'password', false, deviceToken)) };
  }

  /**
   * The same password hashed again with today's parameters (`HASH_PARAMETERS`), while it is at hand
   * after a correct sign-in: not a password change (no history, no sessions ended), and skipped when
   * the password changed in the meantime.
   */
  private async upgradeHash(ctx: RequestContext, userId: string, outdated: string, password: string): Promise<void> {
    const fresh = await ctx.offline(() => this.hasher.hash(password));
    const db = await ctx.db();
    await db.query(`UPDATE app_user SET password_hash = $3 WHERE tenant_id = $1 AND id = $2 AND password_hash = $4`, [
      ctx.tenant.id,
      userId,
      fresh,
      outdated,
    ]);
  }

  /**
   * The second step: the challenge from the first, and a TOTP or recovery code. Each code counts
   * against the address like a password; a challenge allows `CHALLENGE_ATTEMPTS` codes, then it is
   * used up and the sign-in starts again with the password.
   */
  async secondFactor(
    ctx: RequestContext,
    challenge: string,
    code: string,
    deviceToken: string | undefined,
  ): Promise<SignInResult> {
    const { userId, data } = await this.tokens.peek<{ method: SignInMethod }>(ctx, 'second-factor', challenge);
    const user = await this.loadUser(ctx, 'id', userId);
    if (!user || user.disabled_at) throw signInFailed();
    const settings = await this.attempt(ctx, user.email, challenge);
    if (!(await this.twoFactor.verify(ctx, user.id, code))) {
      await this.failed(ctx, settings, user.email, user, data.method, 'second-factor-failed', challenge);
      throw new ProblemException({
        type: PROBLEM_TYPES.secondFactorFailed,
        title: 'Wrong code',
        status: 401,
        detail: 'This code is not correct or was already used',
        errors: [{ field: 'code', code: 'invalidCode', message: 'This code is not correct or was already used' }],
      });
    }
    await this.tokens.consume(ctx, 'second-factor', challenge);
    await this.throttle.succeeded(await ctx.db(), ctx.tenant.id, user.email, ctx.ip);
    return { status: 'signed-in', ...(await this.complete(ctx, user, data.method, true, deviceToken)) };
  }

  /**
   * Counts an attempt at a password or code of `email` (and at `challenge`, when given) before it is
   * checked, or refuses it (429, or 410 for a spent challenge). In a transaction of its own that
   * commits at once, so that parallel attempts queue on the counters and each sees the others.
   * The request's own transaction so far (reads, a session touch) is committed first: a sign-in
   * request never holds two connections, so a burst of parallel attempts cannot starve the pool.
   */
  async attempt(ctx: RequestContext, email: string, challenge?: string): Promise<SignInSettings> {
    await ctx.commit();
    return withTenant(this.dataSource, ctx.tenant.id, async (db) => {
      const settings = await this.settings.read(db, ctx.tenant.id);
      await this.throttle.begin(db, ctx.tenant.id, settings, email, ctx.ip).catch((error: unknown) => {
        // Refused before any check (429): a failure seen from outside all the same (issue 19 §3).
        if (error instanceof ProblemException && error.problem.status === 429) this.metrics.signInFailed('throttled');
        throw error;
      });
      if (challenge) await this.tokens.countAttempt(db, ctx.tenant.id, 'second-factor', challenge, CHALLENGE_ATTEMPTS);
      return settings;
    });
  }

  /**
   * A counted attempt failed, in its own transaction (nothing of the request is kept: it answers
   * with an error): may lock the address (mailing its owner) or the IP, goes into the history of
   * the account it names, and uses up a challenge that has had its attempts.
   */
  async failed(
    ctx: RequestContext,
    settings: SignInSettings,
    email: string,
    user: Pick<SignInUser, 'id' | 'preferred_language'> | null,
    method: SignInMethod,
    outcome: 'failed' | 'second-factor-failed',
    challenge?: string,
  ): Promise<void> {
    await ctx.rollback();
    let locked = false;
    await withTenant(this.dataSource, ctx.tenant.id, async (db) => {
      ({ locked } = await this.throttle.failed(db, ctx.tenant.id, settings, email, ctx.ip));
      if (challenge) await this.tokens.closeIfSpent(db, ctx.tenant.id, 'second-factor', challenge, CHALLENGE_ATTEMPTS);
      await this.afterFailure(db, ctx, settings, email, user, method, locked ? 'locked' : outcome);
    });
    this.metrics.signInFailed(locked ? 'locked' : outcome);
  }

  /**
   * Starts the session (ending any the browser had: rotation), writes the history, and alerts the
   * user by e-mail when the device is new to their account (after their very first sign-in).
   */
  async complete(
    ctx: RequestContext,
    user: Pick<SignInUser, 'id' | 'email' | 'preferred_language'>,
    method: SignInMethod,
    secondFactor: boolean,
    deviceToken: string | undefined,
  ): Promise<StartedSession> {
    if (ctx.session) await this.sessions.end(ctx, ctx.session.id);
    // The whole sign-in succeeded: only now does the address's count of attempts start afresh.
    await this.throttle.clear(ctx, user.email);
    const session = await this.sessions.create(ctx, user.id, { method, secondFactor });
    ctx.session = session;
    ctx.signedInAs = user.id;
    const db = await ctx.db();
    const token =
      deviceToken && /^[A-Za-z0-9_-]{43}$/.test(deviceToken) ? deviceToken : randomBytes(32).toString('base64url');
    const device: { known: boolean; others: number }[] = await db.query(
      `SELECT EXISTS (SELECT 1 FROM known_device WHERE tenant_id = $1 AND user_id = $2 AND device_hash = $3) AS known,
              (SELECT count(*)::int FROM known_device WHERE tenant_id = $1 AND user_id = $2) AS others`,
      [ctx.tenant.id, user.id, hashToken(token)],
    );
    const newDevice = !device[0].known;
    await db.query(
      `INSERT INTO known_device (tenant_id, user_id, device_hash) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, user_id, device_hash) DO UPDATE SET last_seen = now()`,
      [ctx.tenant.id, user.id, hashToken(token)],
    );
    await this.recordEvent(db, ctx, { userId: user.id, email: user.email, method, outcome: 'success', newDevice });
    await this.usage.count(db, ctx.tenant.id, 'sign-in', method, user.id);
    if (newDevice && device[0].others > 0) {
      await this.mail.send(ctx, {
        to: user.email,
        template: 'new-device',
        language: user.preferred_language,
        params: {
          device: describeDevice(ctx.userAgent, user.preferred_language ?? ctx.tenant.defaultLanguage),
          ip: ctx.ip,
          when: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
          securityLink: `${ctx.origin}${PAGES.security}`,
        },
      });
    }
    return { session, deviceToken: token, language: user.preferred_language };
  }

  /**
   * Proves it is still the signed-in user (password, or a code when two-factor is on) before a
   * sensitive action. Counted like a sign-in attempt before the secret is checked; a success gives
   * the count back and marks the session re-authenticated.
   */
  async stepUp(ctx: RequestContext, secret: { password?: string; code?: string }): Promise<void> {
    const user = ctx.requireUser();
    const settings = await this.attempt(ctx, user.email);
    const owner = { id: user.id, preferred_language: user.preferredLanguage };
    if (secret.code !== undefined) {
      if (!(await this.twoFactor.verify(ctx, user.id, secret.code))) {
        await this.failed(ctx, settings, user.email, owner, 'password', 'second-factor-failed');
        throw wrongCode();
      }
    } else {
      const found = await this.findUser(ctx, user.email);
      const valid = await ctx.offline(() => this.hasher.verify(found?.password_hash ?? null, secret.password ?? ''));
      if (!valid) {
        await this.failed(ctx, settings, user.email, owner, 'password', 'failed');
        throw problems.validation([
          { field: 'password', code: 'wrongPassword', message: 'This password is not correct' },
        ]);
      }
    }
    await this.throttle.succeeded(await ctx.db(), ctx.tenant.id, user.email, ctx.ip);
    await this.sessions.reauthenticated(ctx, secret.code !== undefined);
  }

  async signOut(ctx: RequestContext): Promise<void> {
    if (ctx.session) await this.sessions.end(ctx, ctx.session.id);
    ctx.session = null;
    ctx.user = null;
  }

  /** The history entry of a failure, and the owner's mail when it locked the address. */
  private async afterFailure(
    db: EntityManager,
    ctx: RequestContext,
    settings: SignInSettings,
    email: string,
    user: Pick<SignInUser, 'id' | 'preferred_language'> | null,
    method: SignInMethod,
    outcome: 'failed' | 'second-factor-failed' | 'locked',
  ): Promise<void> {
    await this.recordEvent(db, ctx, { userId: user?.id ?? null, email, method, outcome, newDevice: false });
    if (outcome === 'locked' && user) {
      await this.mail.send(
        ctx,
        {
          to: email,
          template: 'account-locked',
          language: user.preferred_language,
          params: { minutes: settings.lockMinutes, resetLink: `${ctx.origin}${PAGES.passwordReset}` },
        },
        db,
      );
    }
  }

  private async recordEvent(
    db: EntityManager,
    ctx: RequestContext,
    event: { userId: string | null; email: string; method: SignInMethod; outcome: string; newDevice: boolean },
  ): Promise<void> {
    await db.query(
      `INSERT INTO sign_in_event (tenant_id, user_id, email, method, outcome, ip, user_agent, new_device)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [ctx.tenant.id, event.userId, event.email, event.method, event.outcome, ctx.ip, ctx.userAgent, event.newDevice],
    );
  }
}
