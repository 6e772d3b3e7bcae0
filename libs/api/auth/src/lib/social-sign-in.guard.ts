import {
  type ExecutionContext,
  Injectable,
  Logger,
  SetMetadata,
  UseGuards,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiParam } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { problems } from '@mijn-account/api-core';
import { IDENTITY_PROVIDERS, type IdentityProviderName, PAGES } from '@mijn-account/shared-contracts';
import type { CallbackOutcome } from './social-sign-in.service';
import {
  type AuthorizationStart,
  type ProviderRoundOptions,
  ProviderRoundError,
  type ProviderStep,
  SOCIAL_SIGN_IN,
} from './social-sign-in.strategy';

const PROVIDER_STEP = 'mijn-account:provider-step';
/** Where the guard leaves the round's result on the request (read by `@ProviderRound()`). */
const RESULT_PROPERTY = 'providerRound';

/**
 * Runs `SocialSignInStrategy` through `@nestjs/passport`'s `AuthGuard` on Fastify. Passport is
 * handed the Fastify request (the strategy reads only its URL, headers, cookies and context) and
 * never writes to the response: every outcome comes back through `handleRequest`. A callback's
 * refusals (state, provider errors, cancelling) become the sign-in page's `?error=` redirect, as
 * before; anything else (a provider not enabled: 404 problem) is thrown.
 */
@Injectable()
export class SocialSignInGuard extends AuthGuard(SOCIAL_SIGN_IN) {
  private readonly logger = new Logger(SocialSignInGuard.name);

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override getAuthenticateOptions(context: ExecutionContext): ProviderRoundOptions {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Params: { provider: string } }>>();
    return {
      session: false,
      property: RESULT_PROPERTY,
      provider: providerParam(request.params.provider),
      step: this.stepOf(context),
    };
  }

  override handleRequest<T>(error: unknown, result: unknown, info: unknown, context: ExecutionContext): T {
    if (this.stepOf(context) === 'callback') {
      if (error instanceof ProviderRoundError) {
        this.logger.warn({ err: error.cause }, `A provider round ended: ${error.code}`);
        return signInError(error.code) as T;
      }
      if (!error && !result) return signInError(codeOf(info)) as T;
    }
    if (error) throw error;
    if (!result) throw new Error('The provider round ended without a result');
    return result as T;
  }

  private stepOf(context: ExecutionContext): ProviderStep {
    const step = this.reflector.get<ProviderStep | undefined>(PROVIDER_STEP, context.getHandler());
    if (!step) throw new Error('SocialSignInGuard on a route without @ProviderRoundStep()');
    return step;
  }
}

/** Marks a route as one half of a provider round trip, run by Passport (`SocialSignInGuard`). */
export const ProviderRoundStep = (step: ProviderStep) =>
  applyDecorators(
    SetMetadata(PROVIDER_STEP, step),
    UseGuards(SocialSignInGuard),
    ApiParam({ name: 'provider', enum: [...IDENTITY_PROVIDERS] }),
  );

/** The round's result: the authorization URL and state at a start, the sign-in outcome at the callback. */
export const ProviderRound = createParamDecorator(
  (_: unknown, host: ExecutionContext): AuthorizationStart | CallbackOutcome => {
    const result = host.switchToHttp().getRequest<Record<string, unknown>>()[RESULT_PROPERTY];
    if (!result) throw new Error('No provider round on this request: add @ProviderRoundStep()');
    return result as AuthorizationStart | CallbackOutcome;
  },
);

/** The route's `:provider`, or 404 for a provider the portal does not know. */
export function providerParam(value: string): IdentityProviderName {
  if (!(IDENTITY_PROVIDERS as readonly string[]).includes(value)) throw problems.notFound('Unknown sign-in provider');
  return value as IdentityProviderName;
}

function signInError(code: string): CallbackOutcome {
  return { kind: 'redirect', location: `${PAGES.signIn}?error=${code}` };
}

/** A strategy's refusal: ours carry a code; a provider's `access_denied` carries only its message (the user cancelled). */
function codeOf(info: unknown): string {
  const code = (info as { code?: unknown } | undefined)?.code;
  return code === 'state' || code === 'provider' ? code : 'cancelled';
}
