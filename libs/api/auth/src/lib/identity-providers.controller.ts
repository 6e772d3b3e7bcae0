import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { APP_CONFIG, type AppConfig, Ctx, Public, RequestContext } from '@mijn-account/api-core';
import {
  AGE_CONFIRMATIONS,
  type AgeConfirmation,
  ROUTES,
  type SignInResponse,
  type SocialSignUpRequest,
  type SocialSignUpResponse,
} from '@mijn-account/shared-contracts';
import { DEVICE_COOKIE, OIDC_STATE_COOKIE, setOidcStateCookie, startBrowserSession } from './cookies';
import { type CallbackOutcome, SocialSignInService } from './social-sign-in.service';
import { ProviderRound, ProviderRoundStep } from './social-sign-in.guard';
import type { AuthorizationStart } from './social-sign-in.strategy';

export class LinkIdentityDto {
  @IsString()
  @MaxLength(100)
  token!: string;

  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class SocialSignUpDto implements SocialSignUpRequest {
  @IsString()
  @MaxLength(100)
  token!: string;

  /** Optional here so that a missing answer is the tenant's own `ageRequired` field error. */
  @IsOptional()
  @IsIn(AGE_CONFIRMATIONS, { message: 'Of age, or with a parent’s permission' })
  ageConfirmation?: AgeConfirmation;
}

@ApiTags('session')
@Controller(ROUTES.identityProviders)
export class IdentityProvidersController {
  constructor(
    private readonly social: SocialSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Sends the browser to Google or Microsoft to sign in (Passport, `SocialSignInGuard`). (Linking
   * to a signed-in account starts from the security page's step-up route,
   * `POST /api/me/security/identities/:provider`.)
   */
  @Public()
  @Get(':provider/start')
  @ProviderRoundStep('start')
  async start(
    @Ctx() ctx: RequestContext,
    @ProviderRound() round: AuthorizationStart,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await ctx.commit();
    setOidcStateCookie(reply, this.config, round.state);
    reply.redirect(round.url, 303);
  }

  /** The provider's redirect back (Passport, `SocialSignInGuard`): signs in and continues in the app, or shows the sign-in page with an error. */
  @Public()
  @Get(':provider/callback')
  @ProviderRoundStep('callback')
  async callback(
    @Ctx() ctx: RequestContext,
    @ProviderRound() outcome: CallbackOutcome,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await ctx.commit();
    reply.clearCookie(OIDC_STATE_COOKIE, { path: '/api/auth' });
    if (outcome.kind === 'signed-in') {
      startBrowserSession(reply, this.config, outcome.result);
      reply.redirect('/', 303);
      return;
    }
    reply.redirect(outcome.location, 303);
  }

  /** Links a Google or Microsoft identity to the existing account with this e-mail, by its password. */
  @Public()
  @Post('link')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Linked and signed in, or a second factor is needed' })
  async link(
    @Ctx() ctx: RequestContext,
    @Body() body: LinkIdentityDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignInResponse> {
    const result = await this.social.linkWithPassword(ctx, body.token, body.password, request.cookies[DEVICE_COOKIE]);
    if (result.status === 'second-factor') return result;
    startBrowserSession(reply, this.config, result);
    return { status: 'signed-in' };
  }

  /**
   * Answers the age question a Google or Microsoft sign-up stopped at (issue 18 §1): makes the
   * account and signs in, or sends the confirmation mail where the provider did not vouch for the address.
   */
  @Public()
  @Post('sign-up')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Signed up and signed in, or the confirmation mail was sent' })
  async signUp(
    @Ctx() ctx: RequestContext,
    @Body() body: SocialSignUpDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SocialSignUpResponse> {
    const result = await this.social.completeSignUp(
      ctx,
      body.token,
      body.ageConfirmation,
      request.cookies[DEVICE_COOKIE],
    );
    if (result.status !== 'signed-in') return result;
    startBrowserSession(reply, this.config, result);
    return { status: 'signed-in' };
  }
}
