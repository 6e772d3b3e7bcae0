import { Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { ProblemException, type RequestContext, problems } from '@mijn-account/api-core';
import { type IdentityProviderName, PAGES } from '@mijn-account/shared-contracts';
import { ActionTokens } from './action-tokens';
import { CredentialsService } from './credentials.service';
import { redirectUri, subjectOf } from './identity-keys';
import { IdentityProvidersService } from './identity-providers.service';
import { PasswordHasher } from './password-hasher';
import { SignInService, type SignInResult, signInFailed } from './sign-in.service';
import { SignInSettingsService } from './sign-in-settings.service';
import { SignInThrottle } from './sign-in-throttle.service';

const STATE_TTL_MS = 10 * 60_000;

interface StateData {
  provider: IdentityProviderName;
  verifier: string;
  nonce: string;
  mode: 'sign-in' | 'link';
}

interface LinkData {
  provider: IdentityProviderName;
  subject: string;
  email: string;
}

/** Where the browser goes after the provider's callback. */
export type CallbackOutcome =
  | { kind: 'signed-in'; result: Extract<SignInResult, { status: 'signed-in' }> }
  | { kind: 'redirect'; location: string };

/**
 * Google and Microsoft 365 sign-in (authorization code flow with state, nonce and PKCE). An
 * identity is found by provider and subject, never by e-mail: when the e-mail of an unknown
 * identity belongs to an existing account, the user must give that account's password once to
 * link it. Signed-in users link more identities from their security page.
 */
@Injectable()
export class SocialSignInService {
  constructor(
    private readonly providers: IdentityProvidersService,
    private readonly tokens: ActionTokens,
    private readonly signIn: SignInService,
    private readonly settings: SignInSettingsService,
    private readonly throttle: SignInThrottle,
    private readonly hasher: PasswordHasher,
    private readonly credentials: CredentialsService,
  ) {}

  /** The provider's authorization URL, and the state value the browser must bring back (kept in a cookie). */
  async start(ctx: RequestContext, provider: IdentityProviderName, mode: 'sign-in' | 'link'): Promise<{ url: string; state: string }> {
    const config = await this.providers.configuration(ctx, provider);
    if (mode === 'link' && !ctx.user) throw problems.unauthenticated();
    const verifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const state = await this.tokens.issue(ctx, 'oidc-state', {
      userId: mode === 'link' ? ctx.requireUser().id : null,
      data: { provider, verifier, nonce, mode } satisfies StateData,
      ttlMs: STATE_TTL_MS,
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri(ctx.origin, provider),
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state };
  }

  /** Handles the provider's redirect back. Problems become a redirect to the sign-in page with an error code. */
  async callback(
    ctx: RequestContext,
    provider: IdentityProviderName,
    currentUrl: URL,
    browserState: string | undefined,
    deviceToken: string | undefined,
  ): Promise<CallbackOutcome> {
    const state = currentUrl.searchParams.get('state') ?? '';
    if (!browserState || state !== browserState) return fail('state');
    // An unknown, used or expired state (a replayed or stale callback) ends on the sign-in page too.
    const consumed = await this.tokens.consume<StateData>(ctx, 'oidc-state', state).catch((error: unknown) => {
      if (error instanceof ProblemException) return null;
      throw error;
    });
    if (!consumed || consumed.data.provider !== provider) return fail('state');
    const { userId: linkingUserId, data } = consumed;
    if (currentUrl.searchParams.has('error')) return fail('cancelled');
    const config = await this.providers.configuration(ctx, provider);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: data.verifier,
        expectedState: state,
        expectedNonce: data.nonce,
        idTokenExpected: true,
      });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    } catch {
      return fail('provider');
    }
    const subject = subjectOf(provider, claims);
    if (!subject) return fail('provider');
    const email = typeof claims['email'] === 'string' ? claims['email'].toLowerCase() : typeof claims['preferred_username'] === 'string' ? claims['preferred_username'].toLowerCase() : '';
    const db = await ctx.db();

    const linked: { user_id: string }[] = await db.query(
      `SELECT user_id FROM user_identity WHERE tenant_id = $1 AND provider = $2 AND subject = $3`,
      [ctx.tenant.id, provider, subject],
    );
    if (data.mode === 'link') {
      if (!ctx.user || !linkingUserId || ctx.user.id !== linkingUserId) return fail('state');
      if (linked[0] && linked[0].user_id !== linkingUserId) return { kind: 'redirect', location: `${PAGES.security}?error=identity-in-use` };
      await this.link(ctx, linkingUserId, provider, subject, email);
      return { kind: 'redirect', location: `${PAGES.security}?linked=${provider}` };
    }

    if (linked[0]) {
      await db.query(`UPDATE user_identity SET last_used_at = now() WHERE tenant_id = $1 AND provider = $2 AND subject = $3`, [
        ctx.tenant.id,
        provider,
        subject,
      ]);
      return this.finish(ctx, linked[0].user_id, provider, deviceToken);
    }
    const existing = email ? await this.signIn.findUser(ctx, email) : null;
    if (existing) {
      // Same e-mail, unknown identity: never signed in on the e-mail alone. The password links it once.
      const token = await this.tokens.issue(ctx, 'link-identity', {
        userId: existing.id,
        data: { provider, subject, email } satisfies LinkData,
        ttlMs: STATE_TTL_MS,
      });
      return { kind: 'redirect', location: `${PAGES.linkIdentity}?provider=${provider}&token=${token}` };
    }
    const settings = await this.settings.get(ctx);
    if (!settings.selfSignUp || !email || claims['email_verified'] === false) return fail('no-account');
    // A new person on a portal with self sign-up: the provider vouches for the address.
    const userId = await this.credentials.createSubscriber(ctx, {
      email,
      displayName: typeof claims['name'] === 'string' ? claims['name'].slice(0, 200) : email,
      accountName: typeof claims['name'] === 'string' ? claims['name'].slice(0, 200) : email,
      passwordHash: null,
    });
    await this.link(ctx, userId, provider, subject, email);
    return this.finish(ctx, userId, provider, deviceToken);
  }

  /** Links a pending identity to the account whose password is given, then signs in. */
  async linkWithPassword(ctx: RequestContext, token: string, password: string, deviceToken: string | undefined): Promise<SignInResult> {
    const pending = await this.tokens.peek<LinkData>(ctx, 'link-identity', token);
    const settings = await this.settings.get(ctx);
    await this.throttle.check(ctx, settings, pending.data.email);
    const user = await this.signIn.findUser(ctx, pending.data.email);
    const valid = await this.hasher.verify(user?.password_hash ?? null, password);
    if (!user || user.id !== pending.userId || !valid || user.disabled_at) {
      await this.signIn.recordFailure(ctx, pending.data.email, user, pending.data.provider, 'failed');
      throw signInFailed();
    }
    await this.tokens.consume(ctx, 'link-identity', token);
    await this.throttle.clear(ctx, user.email);
    await this.link(ctx, user.id, pending.data.provider, pending.data.subject, pending.data.email);
    return this.signInAs(ctx, user.id, pending.data.provider, deviceToken);
  }

  private async finish(ctx: RequestContext, userId: string, provider: IdentityProviderName, deviceToken: string | undefined): Promise<CallbackOutcome> {
    const result = await this.signInAs(ctx, userId, provider, deviceToken).catch((error: unknown) => {
      if (error instanceof ProblemException) return null;
      throw error;
    });
    if (!result) return fail('disabled');
    if (result.status === 'second-factor') return { kind: 'redirect', location: `${PAGES.signIn}?challenge=${result.challenge}` };
    return { kind: 'signed-in', result };
  }

  private async signInAs(ctx: RequestContext, userId: string, provider: IdentityProviderName, deviceToken: string | undefined): Promise<SignInResult> {
    const db = await ctx.db();
    const rows: { id: string; email: string; preferred_language: 'nl' | 'en' | null; disabled_at: Date | null; totp: boolean }[] = await db.query(
      `SELECT id, email, preferred_language, disabled_at, totp_enabled_at IS NOT NULL AS totp FROM app_user WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, userId],
    );
    const user = rows[0];
    if (!user || user.disabled_at) throw signInFailed();
    if (user.totp) {
      const challenge = await this.tokens.issue(ctx, 'second-factor', { userId, data: { method: provider }, ttlMs: 5 * 60_000 });
      return { status: 'second-factor', challenge };
    }
    return { status: 'signed-in', ...(await this.signIn.complete(ctx, user, provider, false, deviceToken)) };
  }

  private async link(ctx: RequestContext, userId: string, provider: IdentityProviderName, subject: string, email: string): Promise<void> {
    const db = await ctx.db();
    await db.query(
      `INSERT INTO user_identity (tenant_id, provider, subject, user_id, email, last_used_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (tenant_id, user_id, provider) DO UPDATE SET subject = $3, email = $5, created_at = now()`,
      [ctx.tenant.id, provider, subject, userId, email || null],
    );
  }
}

const fail = (code: string): CallbackOutcome => ({ kind: 'redirect', location: `${PAGES.signIn}?error=${code}` });
