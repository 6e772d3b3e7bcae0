import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsString, MaxLength } from 'class-validator';
import { APP_CONFIG, type AppConfig, Ctx, Public, RequestContext, problems } from '@mijn-account/api-core';
import { IDENTITY_PROVIDERS, type IdentityProviderName, ROUTES, type SignInResponse } from '@mijn-account/shared-contracts';
import { DEVICE_COOKIE, OIDC_STATE_COOKIE, setOidcStateCookie, startBrowserSession } from './cookies';
import { SocialSignInService } from './social-sign-in.service';

export class LinkIdentityDto {
  @IsString()
  @MaxLength(100)
  token!: string;

  @IsString()
  @MaxLength(1024)
  password!: string;
}

export function providerParam(value: string): IdentityProviderName {
  if (!(IDENTITY_PROVIDERS as readonly string[]).includes(value)) throw problems.notFound('Unknown sign-in provider');
  return value as IdentityProviderName;
}

@ApiTags('session')
@Controller(ROUTES.identityProviders)
export class IdentityProvidersController {
  constructor(
    private readonly social: SocialSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Sends the browser to Google or Microsoft to sign in. (Linking to a signed-in account starts
   * from the security page's step-up route, `POST /api/me/security/identities/:provider`.)
   */
  @Public()
  @Get(':provider/start')
  async start(@Ctx() ctx: RequestContext, @Param('provider') provider: string, @Res() reply: FastifyReply): Promise<void> {
    const { url, state } = await this.social.start(ctx, providerParam(provider), 'sign-in');
    await ctx.commit();
    setOidcStateCookie(reply, this.config, state);
    reply.redirect(url, 303);
  }

  /** The provider's redirect back: signs in and continues in the app, or shows the sign-in page with an error. */
  @Public()
  @Get(':provider/callback')
  async callback(@Ctx() ctx: RequestContext, @Param('provider') provider: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const outcome = await this.social.callback(
      ctx,
      providerParam(provider),
      new URL(request.url, ctx.origin),
      request.cookies[OIDC_STATE_COOKIE],
      request.cookies[DEVICE_COOKIE],
    );
    await ctx.commit();
    reply.clearCookie(OIDC_STATE_COOKIE, { path: '/api/auth' });
    if (outcome.kind === 'signed-in') {
      startBrowserSession(reply, this.config, outcome.result.session, outcome.result.deviceToken);
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
    startBrowserSession(reply, this.config, result.session, result.deviceToken);
    return { status: 'signed-in' };
  }
}
