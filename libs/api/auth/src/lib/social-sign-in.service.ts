import { Injectable } from '@nestjs/common';
import { ProblemException, type RequestContext, problems } from '@mijn-account/api-core';
import { MailService } from '@mijn-account/api-mail';
import { type IdentityProviderName, PAGES, PROBLEM_TYPES } from '@mijn-account/shared-contracts';
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
    if (!verified) {
      // The provider does not vouch for the address: the usual confirmation mail, which creates the
      // account and links this identity when its link is used.
      const token = await this.tokens.issue(ctx, 'sign-up', {
        data: { email, displayName: name, accountName: name, passwordHash: null, identity } satisfies SignUpData,
        ttlMs: SIGN_UP_TTL_MS,
      });
      await this.mail.send(ctx, {
        to: email,
        template: 'verify-email',
        params: { link: `${ctx.origin}${PAGES.signUpVerify}?token=${token}` },
      });
      return fail('verify-email');
    }
    // A new person on a portal with self sign-up, and the provider vouches for the address.
    const userId = await this.credentials.createSubscriber(ctx, {
      email,
      displayName: name,
      accountName: name,
      passwordHash: null,
    });
    await this.identities.link(ctx, userId, identity, false);
    return this.finish(ctx, userId, provider, deviceToken);
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
