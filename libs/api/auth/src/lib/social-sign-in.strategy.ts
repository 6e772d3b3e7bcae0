import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import * as passport from 'passport';
import { ProblemException, contextOf } from '@mijn-account/api-core';
import type { IdentityProviderName } from '@mijn-account/shared-contracts';
import { DEVICE_COOKIE, OIDC_STATE_COOKIE } from './cookies';
import { redirectUri } from './identity-keys';
import type { ProviderRequest } from './provider-state.store';
import { type ProviderProfile, ProviderStrategies } from './provider-strategies';
import { type CallbackOutcome, SocialSignInService } from './social-sign-in.service';

/** The name `AuthGuard` knows this strategy by. */
export const SOCIAL_SIGN_IN = 'social-sign-in';

/** Which half of a round trip a route is: the start (signing in or, from the security page, linking) or the provider's callback. */
export type ProviderStep = 'start' | 'link' | 'callback';

/** What `SocialSignInGuard` asks Passport for (`passport.authenticate` hands it to the strategy). */
export interface ProviderRoundOptions {
  session: false;
  property: string;
  provider: IdentityProviderName;
  step: ProviderStep;
}

/** A round's start: the provider's authorization URL, and its state value for the browser's cookie. */
export interface AuthorizationStart {
  kind: 'authorize';
  url: string;
  state: string;
}

/** The provider's side of a round failed (an error it reported, a failed token exchange or profile): the sign-in page shows `code`. */
export class ProviderRoundError extends Error {
  constructor(
    readonly code: 'cancelled' | 'provider',
    cause: unknown,
  ) {
    super(`the provider round ended: ${code}`, { cause });
  }
}

type Verify = (
  round: ProviderRequest,
  profile: ProviderProfile,
  done: (error: Error | null, outcome?: CallbackOutcome) => void,
) => void;

/** Passport's strategy base, taking the verify callback @nestjs/passport's `PassportStrategy` hands it. */
class ProviderRoundStrategy extends passport.Strategy {
  constructor(protected readonly verify: Verify) {
    super();
  }
}

/**
 * Google and Microsoft 365 sign-in as one Passport strategy (`AuthGuard('social-sign-in')`): it
 * finds the tenant's strategy for the route's provider (`ProviderStrategies`, built on demand from
 * the tenant's settings) and runs it on a `ProviderRequest` made from the Fastify request, with
 * Passport's actions routed back here. Nothing is written to the response by Passport: a
 * strategy's redirect to the provider becomes this strategy's result (`AuthorizationStart`), which
 * the route sends with the state cookie (or, for linking, answers as JSON); the profile a provider
 * strategy hands on goes to `validate`, which hands it to the sign-in code. No Passport session.
 */
@Injectable()
export class SocialSignInStrategy extends PassportStrategy(ProviderRoundStrategy, SOCIAL_SIGN_IN) {
  constructor(
    private readonly strategies: ProviderStrategies,
    private readonly social: SocialSignInService,
  ) {
    super();
  }

  /** The verify step: a provider's profile (and the round's stored state) to a signed-in, linked or refused outcome. */
  async validate(round: ProviderRequest, profile: ProviderProfile): Promise<CallbackOutcome> {
    if (!round.state) throw new Error('A provider profile arrived without the state of its round');
    return this.social.complete(round.ctx, round.state, profile, round.deviceToken);
  }

  /** Called by Passport (on its per-request copy) with the Fastify request `SocialSignInGuard` hands it. */
  override authenticate(request: object, options: ProviderRoundOptions): void {
    this.round(request as FastifyRequest, options).catch((error: unknown) => this.error(error as Error));
  }

  private async round(request: FastifyRequest, options: ProviderRoundOptions): Promise<void> {
    const ctx = contextOf(request);
    if (!ctx) throw new Error('No request context: this route is not bound to a tenant');
    const { provider, step } = options;
    const callback = step === 'callback';
    const url = new URL(request.url, ctx.origin);
    if (callback) {
      // Bound to this browser: the state must come back in the cookie too.
      const state = url.searchParams.get('state');
      if (!state || state !== request.cookies[OIDC_STATE_COOKIE]) return this.fail({ code: 'state' });
      if (!url.searchParams.has('code') && !url.searchParams.has('error')) return this.fail({ code: 'provider' });
    }
    const strategy = await this.strategies.strategyFor(ctx, provider);
    const round: ProviderRequest = {
      method: 'GET',
      url: callback ? `${url.pathname}${url.search}` : url.pathname,
      headers: request.headers,
      query: callback ? Object.fromEntries(url.searchParams) : {},
      currentUrl: callback ? url : new URL(url.pathname, ctx.origin),
      session: {},
      ctx,
      provider,
      mode: step === 'link' ? 'link' : 'sign-in',
      deviceToken: request.cookies[DEVICE_COOKIE],
      stage: 'provider',
    };
    // Passport's own augmentation (passport/lib/middleware/authenticate.js), onto this strategy's actions.
    const delegate = Object.create(strategy) as passport.StrategyCreated<passport.Strategy>;
    delegate.redirect = (location: string) => {
      const state = new URL(location).searchParams.get('state');
      if (callback || !state) return this.error(new Error('A provider strategy redirected where it should not'));
      this.success({ kind: 'authorize', url: location, state } satisfies AuthorizationStart);
    };
    delegate.success = (profile: unknown) => {
      round.stage = 'portal';
      this.verify(round, profile as ProviderProfile, (error, outcome) =>
        error ? this.error(error) : this.success(outcome as Express.User),
      );
    };
    delegate.fail = (challenge?: unknown) => this.fail(challenge ?? { code: 'cancelled' });
    delegate.error = (error: Error) =>
      this.error(
        round.stage === 'provider' && !(error instanceof ProblemException)
          ? new ProviderRoundError(url.searchParams.has('error') ? 'cancelled' : 'provider', error)
          : error,
      );
    delegate.pass = () => this.pass();
    delegate.authenticate(round as never, { session: false, callbackURL: redirectUri(ctx.origin, provider) });
  }
}
