import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type RequestContext, problems } from '@mijn-account/api-core';
import { publishedStatementVersion } from '@mijn-account/api-database';
import { MailService } from '@mijn-account/api-mail';
import {
  type AgeConfirmation,
  type InvitationPreview,
  type Language,
  PAGES,
  ageWording,
} from '@mijn-account/shared-contracts';
import { ageErrors, readAgeRequirement } from './age-requirement';
import { ActionTokens } from './action-tokens';
import { User } from './entities/user.entity';
import { type InvitationLink, InvitationsService } from './invitations.service';
import { MailThrottle } from './mail-throttle.service';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';
import { SignInService, type SignInUser, type StartedSession } from './sign-in.service';
import { SignInSettingsService } from './sign-in-settings.service';
import { SignInThrottle } from './sign-in-throttle.service';
import { type ExternalIdentity, UserIdentitiesService, describeIdentity } from './user-identities.service';

const DAY_MS = 24 * 3_600_000;

export interface SignUpData {
  email: string;
  displayName: string;
  accountName: string;
  /** Null for a sign-up through Google or Microsoft whose address the provider did not vouch for. */
  passwordHash: string | null;
  /** That identity, linked when the address is confirmed. */
  identity?: ExternalIdentity;
  /** The age confirmation given at sign-up, with the sentence shown, for the consent ledger. */
  age?: { confirmation: AgeConfirmation; wording: string; ip: string | null };
}

/**
 * Passwords and addresses: self sign-up with a verified e-mail, password reset, accepting an
 * invitation, changing password or e-mail. Every link is an action token; every answer to an
 * anonymous caller is the same whether or not the address has an account.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly tokens: ActionTokens,
    private readonly sessions: SessionService,
    private readonly signIn: SignInService,
    private readonly settings: SignInSettingsService,
    private readonly throttle: SignInThrottle,
    private readonly mail: MailService,
    private readonly identities: UserIdentitiesService,
    private readonly mailLimit: MailThrottle,
    private readonly invitations: InvitationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Nothing is created until the address is confirmed; an address that has an account gets a notice instead. */
  async signUp(
    ctx: RequestContext,
    input: {
      email: string;
      password: string;
      displayName: string;
      accountName: string;
      ageConfirmation?: AgeConfirmation;
    },
  ): Promise<void> {
    const settings = await this.settings.get(ctx);
    if (!settings.selfSignUp) throw problems.forbidden('This portal opens accounts by invitation only');
    // The tenant's age requirement (issue 18 §1): refused without an answer it accepts, before anything else.
    const requirement = await readAgeRequirement(await ctx.db(), ctx.tenant.id);
    const ageProblems = ageErrors(requirement, input.ageConfirmation);
    if (ageProblems.length > 0) throw problems.validation(ageProblems);
    const email = input.email.trim().toLowerCase();
    // Hashed holding no connection (the reads above are committed), before the mail limit's rows are
    // locked: they stay locked until the request commits, so a hash there would make parallel sign-ups wait on it.
    // The hash is made whether or not the address has an account, so timing does not tell.
    const passwordHash = await ctx.offline(() => this.hasher.hash(input.password));
    await this.mailLimit.allow(ctx, email);
    const existing = await this.signIn.findUser(ctx, email);
    if (existing) {
      await this.mail.send(ctx, {
        to: email,
        template: 'sign-up-exists',
        language: existing.preferred_language,
        params: { signInLink: `${ctx.origin}${PAGES.signIn}`, resetLink: `${ctx.origin}${PAGES.passwordReset}` },
      });
      return;
    }
    const token = await this.tokens.issue(ctx, 'sign-up', {
      data: {
        email,
        displayName: input.displayName.trim(),
        accountName: input.accountName.trim(),
        passwordHash,
        ...(requirement && input.ageConfirmation
          ? {
              age: {
                confirmation: input.ageConfirmation,
                wording: ageWording(
                  input.ageConfirmation,
                  requirement.minimumAge,
                  ctx.readsIn ?? ctx.tenant.defaultLanguage,
                ),
                ip: ctx.ip,
              },
            }
          : {}),
      } satisfies SignUpData,
      ttlMs: DAY_MS,
    });
    await this.mail.send(ctx, {
      to: email,
      template: 'verify-email',
      params: { link: `${ctx.origin}${PAGES.signUpVerify}?token=${token}` },
    });
  }

  /** The confirmation link: creates the subscriber account with this user as its owner. */
  async verifySignUp(ctx: RequestContext, token: string): Promise<void> {
    const { data } = await this.tokens.consume<SignUpData>(ctx, 'sign-up', token);
    if (await this.signIn.findUser(ctx, data.email)) {
      throw problems.conflict('This e-mail address already has an account; sign in instead');
    }
    const userId = await this.createSubscriber(ctx, data);
    if (data.identity && (await this.identities.link(ctx, userId, data.identity, false)) !== 'linked') {
      throw problems.conflict('This sign-in is linked to another account now; sign in with it instead');
    }
  }

  async createSubscriber(
    ctx: RequestContext,
    data: Pick<SignUpData, 'email' | 'displayName' | 'accountName' | 'passwordHash' | 'age'>,
  ): Promise<string> {
    const db = await ctx.db();
    const prefix = ctx.tenant.slug.slice(0, 2).toUpperCase();
    // SQL: the accounts library (which owns SubscriberAccount) builds on this one, not the reverse.
    const account: { id: string }[] = await db.query(
      `INSERT INTO subscriber_account (tenant_id, customer_number, name) VALUES ($1, $2, $3) RETURNING id`,
      [
        ctx.tenant.id,
        `${prefix}-${Date.now().toString(36).toUpperCase()}${randomBytes(2).toString('hex').toUpperCase()}`,
        data.accountName,
      ],
    );
    const user = await db.insert(User, {
      tenantId: ctx.tenant.id,
      email: data.email,
      displayName: data.displayName,
      passwordHash: data.passwordHash,
      kind: 'subscriber',
      accountId: account[0].id,
      accountRole: 'owner',
      emailVerifiedAt: () => 'now()',
    });
    const userId = (user.identifiers[0] as Pick<User, 'id'>).id;
    if (data.age) {
      // SQL: the consent ledger (newsletters' table) records the age confirmation with the sentence
      // shown and the tenant's statement in force (the configured version only while it has none).
      const version = (await publishedStatementVersion(db, ctx.tenant.id)) ?? this.config.newsletters.privacyVersion;
      await db.query(
        `INSERT INTO consent_record (tenant_id, purpose, user_id, email, action, method, ip, wording, privacy_version)
         VALUES ($1, 'age', $2, $3, 'given', 'sign-up', $4, $5, $6)`,
        [ctx.tenant.id, userId, data.email, data.age.ip, data.age.wording, version],
      );
    }
    return userId;
  }

  /** Same answer whatever the address; only an active account gets the link (and older links stop working). */
  async requestReset(ctx: RequestContext, rawEmail: string): Promise<void> {
    const email = rawEmail.trim().toLowerCase();
    await this.mailLimit.allow(ctx, email);
    const user = await this.signIn.findUser(ctx, email);
    if (!user || user.disabled_at) return;
    await this.tokens.revokeAll(ctx, 'password-reset', user.id);
    const token = await this.tokens.issue(ctx, 'password-reset', { userId: user.id, ttlMs: 30 * 60_000 });
    await this.mail.send(ctx, {
      to: user.email,
      template: 'password-reset',
      language: user.preferred_language,
      params: { link: `${ctx.origin}${PAGES.passwordReset}?token=${token}` },
    });
  }

  /**
   * A reset proves control of the address: it also verifies it, clears a lock, ends every session,
   * and removes linked Google/Microsoft sign-ins (named in the mail; ADR 0005).
   */
  async reset(ctx: RequestContext, token: string, password: string): Promise<void> {
    // The link is checked first (a dead link costs no hash), the hash made holding no connection,
    // then the link is used up in the same transaction as the new password.
    await this.tokens.peek(ctx, 'password-reset', token);
    const passwordHash = await ctx.offline(() => this.hasher.hash(password));
    const { userId } = await this.tokens.consume(ctx, 'password-reset', token);
    if (!userId) throw problems.linkInvalid();
    const removed = await this.identities.unlinkAll(ctx, userId);
    await this.setPassword(ctx, userId, passwordHash, null, true, removed.map(describeIdentity));
  }

  /** What an invitation link is for (who invited, to which account as what); the link stays unused. */
  async previewInvitation(ctx: RequestContext, token: string): Promise<InvitationPreview> {
    return this.invitations.preview(ctx, await this.tokens.peek<InvitationLink>(ctx, 'invitation', token));
  }

  /**
   * The invitee chooses a password: the link is used up, the user exists, and they are signed in
   * (a session as after a password sign-in; two-factor, where their role needs it, is set up next).
   */
  async acceptInvitation(
    ctx: RequestContext,
    token: string,
    password: string,
    deviceToken: string | undefined,
  ): Promise<StartedSession> {
    // As a reset: link checked, hash made holding no connection, link used up with the account.
    await this.tokens.peek(ctx, 'invitation', token);
    const passwordHash = await ctx.offline(() => this.hasher.hash(password));
    const { userId, data } = await this.tokens.consume<InvitationLink>(ctx, 'invitation', token);
    let user: SignInUser | null;
    if (data.invitationId) {
      const email = await this.invitations.accept(ctx, data.invitationId, passwordHash);
      user = await this.signIn.findUser(ctx, email);
    } else {
      // A link sent before invitations waited in their own table: its user exists already.
      if (!userId) throw problems.linkInvalid();
      await this.setPassword(ctx, userId, passwordHash, null, false);
      user = await this.signIn.findUserById(ctx, userId);
    }
    if (!user) throw problems.linkInvalid();
    return this.signIn.complete(ctx, user, 'password', false, deviceToken);
  }

  /** A signed-in change (after step-up): other sessions end, this one stays. */
  async changePassword(ctx: RequestContext, password: string): Promise<void> {
    const passwordHash = await ctx.offline(() => this.hasher.hash(password));
    await this.setPassword(ctx, ctx.requireUser().id, passwordHash, ctx.session?.id ?? null);
  }

  async requestEmailChange(ctx: RequestContext, rawEmail: string): Promise<void> {
    const user = ctx.requireUser();
    const email = rawEmail.trim().toLowerCase();
    if (email === user.email)
      throw problems.validation([
        { field: 'email', code: 'unchanged', message: 'This is already your e-mail address' },
      ]);
    await this.mailLimit.allow(ctx, email);
    // The same answer whether or not the address is taken (it would tell who has an account here):
    // its owner learns of the attempt instead, and nothing changes.
    const owner = await this.signIn.findUser(ctx, email);
    if (owner) {
      await this.mail.send(ctx, {
        to: email,
        template: 'email-change-taken',
        language: owner.preferred_language,
        params: { signInLink: `${ctx.origin}${PAGES.signIn}` },
      });
      return;
    }
    await this.tokens.revokeAll(ctx, 'email-change', user.id);
    const token = await this.tokens.issue(ctx, 'email-change', { userId: user.id, data: { email }, ttlMs: DAY_MS });
    await this.mail.send(ctx, {
      to: email,
      template: 'email-change-confirm',
      language: user.preferredLanguage,
      params: { link: `${ctx.origin}${PAGES.emailChangeConfirm}?token=${token}`, newEmail: email },
    });
  }

  /** The link in the new mailbox: the address changes, and the old one gets a notice with a way to undo. */
  async confirmEmailChange(ctx: RequestContext, token: string): Promise<void> {
    const { userId, data } = await this.tokens.consume<{ email: string }>(ctx, 'email-change', token);
    const user = await this.userById(ctx, userId);
    if (await this.signIn.findUser(ctx, data.email))
      throw problems.conflict('Another account uses this e-mail address');
    const db = await ctx.db();
    await db.update(
      User,
      { tenantId: ctx.tenant.id, id: user.id },
      { email: data.email, emailVerifiedAt: () => 'now()', version: () => 'version + 1' },
    );
    const undo = await this.tokens.issue(ctx, 'email-change-undo', {
      userId: user.id,
      data: { from: user.email, to: data.email },
      ttlMs: 7 * DAY_MS,
    });
    await this.mail.send(ctx, {
      to: user.email,
      template: 'email-changed',
      language: user.preferred_language,
      params: { newEmail: data.email, undoLink: `${ctx.origin}${PAGES.emailChangeUndo}?token=${undo}` },
    });
  }

  /** Undo from the old mailbox: the old address comes back and every session ends (someone else may have one). */
  async undoEmailChange(ctx: RequestContext, token: string): Promise<void> {
    const { userId, data } = await this.tokens.consume<{ from: string; to: string }>(ctx, 'email-change-undo', token);
    const user = await this.userById(ctx, userId);
    if (user.email !== data.to) throw problems.conflict('The e-mail address has changed again since; contact support');
    if (await this.signIn.findUser(ctx, data.from))
      throw problems.conflict('The old address is in use by another account now; contact support');
    const db = await ctx.db();
    await db.update(User, { tenantId: ctx.tenant.id, id: user.id }, { email: data.from, version: () => 'version + 1' });
    await this.sessions.endAllOf(db, ctx.tenant.id, user.id);
  }

  private async setPassword(
    ctx: RequestContext,
    userId: string,
    /** Made beforehand, holding no connection (`ctx.offline`). */
    passwordHash: string,
    keepSession: Buffer | null,
    notify = true,
    removedSignIns: string[] = [],
  ): Promise<void> {
    const user = await this.userById(ctx, userId);
    const db = await ctx.db();
    await db.update(
      User,
      { tenantId: ctx.tenant.id, id: userId },
      {
        passwordHash,
        passwordChangedAt: () => 'now()',
        emailVerifiedAt: () => 'coalesce(email_verified_at, now())',
        version: () => 'version + 1',
      },
    );
    await this.sessions.endAllOf(db, ctx.tenant.id, userId, keepSession);
    await this.throttle.clear(ctx, user.email);
    if (notify) {
      await this.mail.send(ctx, {
        to: user.email,
        template: 'password-changed',
        language: user.preferred_language,
        params: { securityLink: `${ctx.origin}${PAGES.security}`, removedSignIns },
      });
    }
  }

  private async userById(
    ctx: RequestContext,
    userId: string | null,
  ): Promise<{ id: string; email: string; preferred_language: Language | null }> {
    if (!userId) throw problems.linkInvalid();
    const db = await ctx.db();
    const user = await db.findOne(User, {
      select: { id: true, email: true, preferredLanguage: true, disabledAt: true },
      where: { tenantId: ctx.tenant.id, id: userId },
    });
    if (!user || user.disabledAt) throw problems.linkInvalid();
    return { id: user.id, email: user.email, preferred_language: user.preferredLanguage };
  }
}
