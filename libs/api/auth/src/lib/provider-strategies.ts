import { Injectable } from '@nestjs/common';
import type { OutgoingHttpHeaders } from 'node:http';
import type { OAuth2, dataCallback } from 'oauth';
import * as oidc from 'openid-client';
import {
  type AuthenticateOptions,
  Strategy as OidcStrategy,
  type StrategyOptions as OidcStrategyOptions,
  type VerifyFunction,
} from 'openid-client/passport';
import type { Strategy as PassportStrategy, StrategyCreatedStatic } from 'passport';
import {
  Strategy as GoogleStrategy,
  type StrategyOptions as GoogleStrategyOptions,
  type VerifyCallback,
} from 'passport-google-oauth20';
import { problems } from '@mijn-account/api-core';
import type { IdentityProviderName } from '@mijn-account/shared-contracts';
import { emailOf, subjectOf } from './identity-keys';
import { IdentityProvidersService, type ProviderClient } from './identity-providers.service';
import type { GuardedFetch } from './issuer-guard';
import { type ProviderRequest, ProviderStateStore } from './provider-state.store';

/** What a provider's strategy hands on: the identity as its issuer vouched for it. */
export interface ProviderProfile {
  provider: IdentityProviderName;
  /** Google: the discovered issuer (the profile comes server-to-server from its userinfo endpoint); Microsoft: the ID token's `iss`. */
  issuer: string;
  /** Google's `sub`; Microsoft's `tid:oid`. Null when the provider did not say. */
  subject: string | null;
  email: string;
  /** Only `email_verified: true` (Google) or `xms_edov: true` (Entra ID) count. */
  verified: boolean;
  name: string | null;
}

export function profileOf(
  provider: IdentityProviderName,
  issuer: string,
  claims: Record<string, unknown>,
): ProviderProfile {
  const { email, verified } = emailOf(claims);
  return {
    provider,
    issuer,
    subject: subjectOf(provider, claims),
    email,
    verified,
    name: typeof claims['name'] === 'string' ? claims['name'] : null,
  };
}

/**
 * A Passport strategy per tenant and provider, built on demand from the tenant's stored client
 * settings: Google through passport-google-oauth20 (authorization code with PKCE and state, the
 * endpoints taken from the configured issuer's discovery document), Microsoft 365 through
 * openid-client's strategy (PKCE, state, nonce, ID token). A strategy is kept as long as its
 * client (`IdentityProvidersService.client`): a settings change builds a new one. State and
 * verifier live in PostgreSQL (`ProviderStateStore`), so a strategy holds no per-user data.
 */
@Injectable()
export class ProviderStrategies {
  private readonly built = new WeakMap<ProviderClient, PassportStrategy>();

  constructor(
    private readonly providers: IdentityProvidersService,
    private readonly states: ProviderStateStore,
  ) {}

  /** The strategy of an enabled provider; 404 problem when it is off or its issuer cannot be reached. */
  async strategyFor(ctx: ProviderRequest['ctx'], provider: IdentityProviderName): Promise<PassportStrategy> {
    const client = await this.providers.client(ctx, provider);
    const built = this.built.get(client);
    if (built) return built;
    const strategy: PassportStrategy =
      provider === 'google'
        ? this.google(client)
        : (new TenantOidcStrategy(client, this.states) as unknown as PassportStrategy);
    this.built.set(client, strategy);
    return strategy;
  }

  private google(client: ProviderClient): PassportStrategy {
    const metadata = client.config.serverMetadata();
    const {
      authorization_endpoint: authorizationURL,
      token_endpoint: tokenURL,
      userinfo_endpoint: userProfileURL,
    } = metadata;
    if (!authorizationURL || !tokenURL || !userProfileURL)
      throw problems.notFound('Sign-in with google is not reachable right now');
    const options: GoogleStrategyOptions = {
      clientID: client.clientId,
      clientSecret: client.clientSecret,
      authorizationURL,
      tokenURL,
      userProfileURL,
      scope: ['openid', 'email', 'profile'],
      state: true,
      pkce: true,
      store: this.states.forOAuth2() as unknown as GoogleStrategyOptions['store'],
    };
    return new TenantGoogleStrategy(options, client.fetch, (_accessToken, _refreshToken, profile, done) =>
      done(
        null,
        profileOf(
          'google',
          metadata.issuer,
          (profile._json ?? {}) as Record<string, unknown>,
        ) as unknown as Express.User,
      ),
    );
  }
}

/** passport-google-oauth20 whose token and userinfo requests go through the issuer guard. */
class TenantGoogleStrategy extends GoogleStrategy {
  constructor(
    options: GoogleStrategyOptions,
    fetch: GuardedFetch,
    verify: (accessToken: string, refreshToken: string, profile: { _json?: unknown }, done: VerifyCallback) => void,
  ) {
    super(options, verify);
    guardOAuth2(this._oauth2, fetch);
  }
}

type OAuth2Request = (
  method: string,
  url: string,
  headers: OutgoingHttpHeaders | null,
  body: string | Buffer | null | undefined,
  accessToken: string | null,
  callback: dataCallback,
) => void;

/**
 * Sends node-oauth's requests (passport-oauth2's client: the token exchange and the userinfo call)
 * over the issuer guard's fetch instead of its own `http.request`: public hosts only, checked on
 * every connection, no redirects, answers capped (issuer-guard.ts). `_request` is the one method
 * both calls go through (node-oauth 0.10, unchanged since 2017; the guard test in
 * social-passport.int-spec.ts fails if it is bypassed). The access token travels in the
 * Authorization header. (`oauth` is passport-oauth2's dependency, not ours: only its types are imported.)
 */
function guardOAuth2(client: OAuth2, fetch: GuardedFetch): void {
  client.useAuthorizationHeaderforGET(true);
  const request: OAuth2Request = (method, url, headers, body, accessToken, callback) => {
    // node-oauth's callback convention: a null error on success, `{ statusCode, data }` for an HTTP error.
    const done = callback as (err: { statusCode: number; data?: string } | Error | null, result?: string) => void;
    const sent: Record<string, string> = { 'user-agent': 'mijn-account' };
    for (const [name, value] of Object.entries(headers ?? {})) sent[name.toLowerCase()] = String(value);
    if (accessToken) sent['authorization'] = `Bearer ${accessToken}`;
    fetch(url, { method, headers: sent, body: body || undefined, signal: AbortSignal.timeout(30_000) }).then(
      async (response) => {
        const text = await response.text();
        if (response.status >= 200 && response.status <= 299) done(null, text);
        else done({ statusCode: response.status, data: text });
      },
      (error: Error) => done(error),
    );
  };
  (client as unknown as { _request: OAuth2Request })._request = request;
}

const SESSION_KEY = 'oidc';

/**
 * openid-client's Passport strategy for one tenant's Microsoft 365 client. Its state lives where
 * the strategy expects a session (`req.session`), only for the length of one request: saved to
 * PostgreSQL when the round starts, loaded from there (and used up) when it comes back. The state
 * and nonce are drawn here so a round is keyed by its `state` whether or not the issuer's
 * discovery document announces PKCE (Entra ID's does not).
 */
class TenantOidcStrategy extends OidcStrategy {
  constructor(
    client: ProviderClient,
    private readonly states: ProviderStateStore,
  ) {
    const verify: VerifyFunction = (tokens, done) => {
      const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      // openid-client has checked `iss` against the discovered issuer: the identity is (issuer, subject).
      done(null, profileOf('microsoft', typeof claims['iss'] === 'string' ? claims['iss'] : '', claims));
    };
    super(
      {
        config: client.config,
        name: 'microsoft',
        sessionKey: SESSION_KEY,
        scope: 'openid email profile',
      } satisfies OidcStrategyOptions,
      verify,
    );
  }

  override currentUrl(req: unknown): URL {
    return (req as ProviderRequest).currentUrl;
  }

  override authorizationRequestParams<T extends AuthenticateOptions>(req: never, options: T): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options));
    params.set('state', oidc.randomState());
    params.set('nonce', oidc.randomNonce());
    return params;
  }

  override authenticate<T extends AuthenticateOptions>(req: never, options: T): void {
    // Called on Passport's per-request copy of the strategy, which carries its actions (redirect, fail, …).
    const self = this as unknown as OidcRound;
    const round = req as ProviderRequest;
    if (self.shouldInitiateAuthRequest(req, round.currentUrl, options)) {
      const redirect = self.redirect.bind(self);
      self.redirect = (url: string) => {
        const saved = round.session[SESSION_KEY] as { code_verifier: string; nonce?: string; state: string };
        self.states.save(round, { verifier: saved.code_verifier, nonce: saved.nonce }, saved.state).then(
          () => redirect(url),
          (error: Error) => self.error(error),
        );
      };
      return OidcStrategy.prototype.authenticate.call(self, req, options);
    }
    self.states.take(round, round.currentUrl.searchParams.get('state') ?? '').then(
      (taken) => {
        if (!taken) return self.fail({ code: 'state' });
        round.session[SESSION_KEY] = {
          code_verifier: taken.verifier,
          nonce: taken.nonce,
          state: round.currentUrl.searchParams.get('state'),
        };
        return OidcStrategy.prototype.authenticate.call(self, req, options);
      },
      (error: Error) => self.error(error),
    );
  }
}

type OidcRound = TenantOidcStrategy & StrategyCreatedStatic;
