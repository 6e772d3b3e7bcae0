import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import { ProblemException, type RequestContext, problems } from '@mijn-account/api-core';
import type { IdentityProviderName } from '@mijn-account/shared-contracts';
import { ActionTokens } from './action-tokens';

const STATE_TTL_MS = 10 * 60_000;

/** What a round trip to a provider keeps between its two halves (an `oidc-state` one-time token's data). */
export interface ProviderState {
  provider: IdentityProviderName;
  /** The PKCE code verifier. */
  verifier: string;
  /** The OpenID nonce (Microsoft; Google's profile comes from its userinfo endpoint, not an ID token). */
  nonce?: string;
  mode: 'sign-in' | 'link';
  /** Linking only: the session that stepped up to start it (public id), which must finish it. */
  session?: string;
  /** Linking only: the signed-in user. */
  userId: string | null;
}

/**
 * The request as a provider's Passport strategy sees it, made from the Fastify request by
 * `SocialSignInStrategy`: the fields passport-oauth2 and openid-client's strategy read from an
 * Express request, plus the tenant's context and the round's state.
 */
export interface ProviderRequest {
  method: 'GET';
  url: string;
  headers: IncomingHttpHeaders;
  /** The callback's query; empty when a round starts, so a start never acts on a code or state it is handed. */
  query: Record<string, string>;
  /** The URL the provider came back to (the callback), or the start route's path. */
  currentUrl: URL;
  /** openid-client's strategy keeps its state here between the halves; `ProviderStateStore` saves it to and loads it from PostgreSQL. */
  session: Record<string, unknown>;
  ctx: RequestContext;
  provider: IdentityProviderName;
  mode: 'sign-in' | 'link';
  deviceToken: string | undefined;
  /** The round's stored state, once the callback has used it up. */
  state?: ProviderState;
  /** Whose failure an error is: the provider's (a redirect to the sign-in page) or the portal's (thrown). */
  stage: 'provider' | 'portal';
}

/** passport-oauth2's state store with PKCE (five-argument `store`, three-argument `verify`). */
export interface OAuth2StateStore {
  store(
    req: ProviderRequest,
    verifier: string,
    state: unknown,
    meta: unknown,
    callback: (err: Error | null, state?: string) => void,
  ): void;
  verify(
    req: ProviderRequest,
    state: string,
    callback: (err: Error | null, verifier?: string | false, info?: object) => void,
  ): void;
}

/**
 * Keeps a provider round trip's state and PKCE verifier (and nonce) in PostgreSQL, as a one-time
 * `oidc-state` token whose value is the `state` parameter, never in process memory or a Passport
 * session: any API process can finish a round another one started. The browser is bound to it by
 * the HttpOnly state cookie (checked by `SocialSignInStrategy` before the store is asked).
 */
@Injectable()
export class ProviderStateStore {
  constructor(private readonly tokens: ActionTokens) {}

  /** Saves a new round's secrets and answers its state value (drawn here unless the strategy already drew it). */
  async save(req: ProviderRequest, secrets: { verifier: string; nonce?: string }, state?: string): Promise<string> {
    const { ctx, provider, mode } = req;
    if (mode === 'link' && (!ctx.user || !ctx.session)) throw problems.unauthenticated();
    req.stage = 'portal';
    const token = await this.tokens.issue(ctx, 'oidc-state', {
      token: state,
      userId: mode === 'link' ? ctx.requireUser().id : null,
      data: {
        provider,
        verifier: secrets.verifier,
        ...(secrets.nonce ? { nonce: secrets.nonce } : {}),
        mode,
        ...(mode === 'link' ? { session: ctx.session?.publicId } : {}),
      } satisfies Omit<ProviderState, 'userId'>,
      ttlMs: STATE_TTL_MS,
    });
    req.stage = 'provider';
    return token;
  }

  /** Uses up the round whose state came back; null when it is unknown, used, expired or another provider's (a replayed or stale callback). */
  async take(req: ProviderRequest, state: string): Promise<ProviderState | null> {
    req.stage = 'portal';
    const consumed = await this.tokens
      .consume<Omit<ProviderState, 'userId'>>(req.ctx, 'oidc-state', state)
      .catch((error: unknown) => {
        if (error instanceof ProblemException) return null;
        throw error;
      });
    // Used up for good before the provider is called (the token exchange): a state is single-use
    // whatever the exchange answers, and the request holds no connection while it waits (ADR 0016).
    await req.ctx.commit();
    req.stage = 'provider';
    if (!consumed || consumed.data.provider !== req.provider || typeof consumed.data.verifier !== 'string') return null;
    req.state = { ...consumed.data, userId: consumed.userId };
    return req.state;
  }

  /** The same, as passport-oauth2's state store (Google): it draws the verifier, we draw the state. */
  forOAuth2(): OAuth2StateStore {
    return {
      store: (req, verifier, _state, _meta, callback) => {
        this.save(req, { verifier }).then(
          (state) => callback(null, state),
          (error: Error) => callback(error),
        );
      },
      verify: (req, state, callback) => {
        this.take(req, state).then(
          (taken) => (taken ? callback(null, taken.verifier, {}) : callback(null, false, { code: 'state' })),
          (error: Error) => callback(error),
        );
      },
    };
  }
}
