import { Injectable } from '@nestjs/common';
import { ProblemException, type RequestContext, problems } from '@mijn-account/api-core';
import { MailService } from '@mijn-account/api-mail';
import {
  type AgeConfirmation,
  type IdentityProviderName,
  PAGES,
  PROBLEM_TYPES,
  ageWording,
} from '@mijn-account/shared-contracts';
import { ageErrors, readAgeRequirement } from './age-requirement';
import { ActionTokens } from './action-tokens';
import { CredentialsService, type SignUpData } from './credentials.service';
import { PasswordHasher } from './password-hasher';
import type { ProviderState } from './provider-state.store';
import type { ProviderProfile } from './provider-strategies';
import { SignInService, type SignInResult, signInFailed } from './sign-in.service';
import { SignInSettingsService } from './sign-in-settings.service';
import { SignInThrottle } from './sign-in-throttle.service';
import { type ExternalIdentity, type LinkOutcome, UserIdentitiesService } from './user-identities.service';

const LINK_TTL_MS = 10 * 60_000;

type LinkData = ExternalIdentity;

/** A Google or Microsoft sign-up held (as an action token) while the age page asks its question. */
interface PendingSocialSignUp {
  identity: ExternalIdentity;
  name: string;
  verified: boolean;
}

/** Where the browser goes after the provider's callback. */
export type CallbackOutcome =
  | { kind: 'signed-in'; result: Extract<SignInResult, { status: 'signed-in' }> }
  | { kind: 'redirect'; location: string };

/**
 * What a Google or Microsoft 365 sign-in leads to, once Passport has done the protocol (the
 * authorization code flow with state and PKCE: `SocialSignInStrategy`). An identity is found by
 * its issuer and subject, never by e-mail: when the e-mail of an unknown identity belongs to an
 * existing account, the user must give that account's password once to link it. Signed-in users link more identities from their security page, after a step-up. An
 * e-mail address counts as verified only where the provider says so.
 */
@Injectable()
export class SocialSignInService {
  constructor(
    private readonly tokens: ActionTokens,
    private readonly signIn: SignInService,
    private readonly settings: SignInSettingsService,
    private readonly throttle: SignInThrottle,
    private readonly hasher: PasswordHasher,
    private readonly credentials: CredentialsService,
    private readonly identities: UserIdentitiesService,
    private readonly mail: MailService,
  ) {}

  /**
   * The verify step of a provider round (called by `SocialSignInStrategy` with the profile its
   * provider strategy handed on and the round's stored state): signs in, links, or refuses. Problems
   * become a redirect to the sign-in page with an error code.
   */
  async complete(
    ctx: RequestContext,
    state: ProviderState,
    profile: ProviderProfile,
    deviceToken: string | undefined,
  ): Promise<CallbackOutcome> {
    const { provider, issuer, subject, email, verified } = profile;
    if (state.provider !== provider) return fail('state');
    if (!subject || !issuer) return fail('provider');
    const identity: ExternalIdentity = { provider, issuer, subject, email };

    if (state.mode === 'link') {
      // Finished by the session (and user) that stepped up to start it.
      const linkingUserId = state.userId;
      if (
        !ctx.user ||
        !linkingUserId ||
        ctx.user.id !== linkingUserId ||
        !state.session ||
        ctx.session?.publicId !== state.session
      )
        return fail('state');
      const outcome = await this.identities.link(ctx, linkingUserId, identity, true);
      if (outcome === 'in-use' || outcome === 'already-linked')
        return { kind: 'redirect', location: `${PAGES.security}?error=${LINK_ERRORS[outcome]}` };
      return { kind: 'redirect', location: `${PAGES.security}?linked=${provider}` };
    }

    const linkedUserId = await this.identities.signInTo(ctx, identity);
    if (linkedUserId) return this.finish(ctx, linkedUserId, provider, deviceToken);
    const existing = email ? await this.signIn.findUser(ctx, email) : null;
    if (existing) {
      // Same e-mail, unknown identity: never signed in on the e-mail alone. The password links it once.
      const token = await this.tokens.issue(ctx, 'link-identity', {
        userId: existing.id,
        data: identity satisfies LinkData,
        ttlMs: LINK_TTL_MS,
      });
      return { kind: 'redirect', location: `${PAGES.linkIdentity}?provider=${provider}&token=${token}` };
    }
    const settings = await this.settings.get(ctx);
    if (!settings.selfSignUp || !email) return fail('no-account');
    const name = profile.name ? profile.name.slice(0, 200) : email;
    if (await readAgeRequirement(await ctx.db(), ctx.tenant.id)) {
      // The tenant asks an age at sign-up (issue 18 §1): the sign-up waits here, held by the portal,
      // until the person answers on the age page; the browser carries only the token that names it.
      const token = await this.tokens.issue(ctx, 'social-sign-up', {
        data: { identity, name, verified } satisfies PendingSocialSignUp,
        ttlMs: LINK_TTL_MS,
      });
      return { kind: 'redirect', location: `${PAGES.socialSignUp}?provider=${provider}&token=${token}` };
    }
    const made = await this.signUp(ctx, { identity, name, verified }, undefined);
    return made === 'verify-email' ? fail('verify-email') : this.finish(ctx, made, provider, deviceToken);
  }

  /**
   * The age page's answer to a held Google or Microsoft sign-up: refused (422 on `ageConfirmation`,
   * the sign-up still held) without an answer the tenant accepts; otherwise the sign-up goes on as
   * if there were no question, and the answer goes into the consent ledger with the sentence shown.
   */
  async completeSignUp(
    ctx: RequestContext,
    token: string,
    ageConfirmation: AgeConfirmation | undefined,
    deviceToken: string | undefined,
  ): Promise<SignInResult | { status: 'verify-email' }> {
    const pending = await this.tokens.peek<PendingSocialSignUp>(ctx, 'social-sign-up', token);
    const requirement = await readAgeRequirement(await ctx.db(), ctx.tenant.id);
    const ageProblems = ageErrors(requirement, ageConfirmation);
    if (ageProblems.length > 0) throw problems.validation(ageProblems);
    await this.tokens.consume(ctx, 'social-sign-up', token);
    const settings = await this.settings.get(ctx);
    if (!settings.selfSignUp) throw problems.forbidden('This portal opens accounts by invitation only');
    const age =
      requirement && ageConfirmation
        ? {
            confirmation: ageConfirmation,
            wording: ageWording(ageConfirmation, requirement.minimumAge, ctx.readsIn ?? ctx.tenant.defaultLanguage),
            ip: ctx.ip,
          }
        : undefined;
    const made = await this.signUp(ctx, pending.data, age);
    if (made === 'verify-email') return { status: 'verify-email' };
    return this.signInAs(ctx, made, pending.data.identity.provider, deviceToken);
  }

  /**
   * A new person, with the age answer when the tenant asked one: the account (its id), or the
   * confirmation mail where the provider does not vouch for the address.
   */
  private async signUp(
    ctx: RequestContext,
    pending: PendingSocialSignUp,
    age: SignUpData['age'],
  ): Promise<string | 'verify-email'> {
    const { identity, name, verified } = pending;
    const email = identity.email;
    if (!email) throw problems.conflict('The provider gave no e-mail address');
    // Another tab may have made the account (or linked the identity) since the provider's answer.
    if ((await this.identities.signInTo(ctx, identity)) || (await this.signIn.findUser(ctx, email)))
      throw problems.conflict('This e-mail address already has an account; sign in instead');
    if (!verified) {
      // The provider does not vouch for the address: the usual confirmation mail, which creates the
      // account and links this identity when its link is used.
      const token = await this.tokens.issue(ctx, 'sign-up', {
        data: {
          email,
          displayName: name,
          accountName: name,
          passwordHash: null,
          identity,
          ...(age ? { age } : {}),
        } satisfies SignUpData,
        ttlMs: SIGN_UP_TTL_MS,
      });
      await this.mail.send(ctx, {
        to: email,
        template: 'verify-email',
        params: { link: `${ctx.origin}${PAGES.signUpVerify}?token=${token}` },
      });
      return 'verify-email';
    }
    // A new person on a portal with self sign-up, and the provider vouches for the address.
    const userId = await this.credentials.createSubscriber(ctx, {
      email,
      displayName: name,
      accountName: name,
      passwordHash: null,
      age,
    });
    await this.identities.link(ctx, userId, identity, false);
    return userId;
  }

  /** Links a pending identity to the account whose password is given, then signs in. */
  async linkWithPassword(
    ctx: RequestContext,
    token: string,
    password: string,
    deviceToken: string | undefined,
  ): Promise<SignInResult> {
    const pending = await this.tokens.peek<LinkData>(ctx, 'link-identity', token);
    if (!pending.data.issuer) throw problems.linkInvalid();
    // Counted like any password attempt (before the check, no race); the count clears only when
    // the whole sign-in is done (a second factor may still follow).
    const settings = await this.signIn.attempt(ctx, pending.data.email);
    const user = await this.signIn.findUser(ctx, pending.data.email);
    const valid = await ctx.offline(() => this.hasher.verify(user?.password_hash ?? null, password));
    if (!user || user.id !== pending.userId || !valid || user.disabled_at) {
      await this.signIn.failed(ctx, settings, pending.data.email, user, pending.data.provider, 'failed');
      throw signInFailed();
    }
    await this.throttle.succeeded(await ctx.db(), ctx.tenant.id, user.email, ctx.ip);
    await this.tokens.consume(ctx, 'link-identity', token);
    const outcome = await this.identities.link(ctx, user.id, pending.data, true);
    if (outcome === 'in-use' || outcome === 'already-linked') throw linkRefused(outcome);
    return this.signInAs(ctx, user.id, pending.data.provider, deviceToken);
  }

  private async finish(
    ctx: RequestContext,
    userId: string,
    provider: IdentityProviderName,
    deviceToken: string | undefined,
  ): Promise<CallbackOutcome> {
    const result = await this.signInAs(ctx, userId, provider, deviceToken).catch((error: unknown) => {
      if (error instanceof ProblemException) return null;
      throw error;
    });
    if (!result) return fail('disabled');
    if (result.status === 'second-factor')
      return { kind: 'redirect', location: `${PAGES.signIn}?challenge=${result.challenge}` };
    return { kind: 'signed-in', result };
  }

  private async signInAs(
    ctx: RequestContext,
    userId: string,
    provider: IdentityProviderName,
    deviceToken: string | undefined,
  ): Promise<SignInResult> {
    const db = await ctx.db();
    const rows: {
      id: string;
      email: string;
      preferred_language: 'nl' | 'en' | null;
      disabled_at: Date | null;
      totp: boolean;
    }[] = await db.query(
      `SELECT id, email, preferred_language, disabled_at, totp_enabled_at IS NOT NULL AS totp FROM app_user WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, userId],
    );
    const user = rows[0];
    if (!user || user.disabled_at) throw signInFailed();
    if (user.totp) {
      const challenge = await this.tokens.issue(ctx, 'second-factor', {
        userId,
        data: { method: provider },
        ttlMs: 5 * 60_000,
      });
      return { status: 'second-factor', challenge };
    }
    return { status: 'signed-in', ...(await this.signIn.complete(ctx, user, provider, false, deviceToken)) };
  }
}

const SIGN_UP_TTL_MS = 24 * 3_600_000;

const fail = (code: string): CallbackOutcome => ({ kind: 'redirect', location: `${PAGES.signIn}?error=${code}` });

/** The security page's `?error=` for a refused link. */
const LINK_ERRORS: Record<Extract<LinkOutcome, 'in-use' | 'already-linked'>, string> = {
  'in-use': 'identity-in-use',
  'already-linked': 'identity-already-linked',
};

/** A link never replaces another: the identity is someone else's, or the account has one of this provider already. */
function linkRefused(outcome: 'in-use' | 'already-linked'): ProblemException {
  return new ProblemException({
    type: outcome === 'in-use' ? PROBLEM_TYPES.identityInUse : PROBLEM_TYPES.identityAlreadyLinked,
    title:
      outcome === 'in-use'
        ? 'This sign-in is linked to another account'
        : 'This account has another sign-in of this provider',
    status: 409,
    detail: outcome === 'in-use' ? 'Sign in with it instead' : 'Unlink the other one on your security page first',
  });
}
