import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig, Ctx, Public, RequestContext, SignedIn, problems } from '@mijn-account/api-core';
import { ROUTES, type SignInOptions, type SignInResponse } from '@mijn-account/shared-contracts';
import { DEVICE_COOKIE, clearSessionCookie, setXsrfCookie, startBrowserSession } from './cookies';
import { anonymousCsrfToken } from './csrf';
import { SecondFactorDto, SignInDto, StepUpDto } from './dto/sign-in.dto';
import { IdentityProvidersService } from './identity-providers.service';
import { SignInService, type SignInResult } from './sign-in.service';
import { SignInSettingsService } from './sign-in-settings.service';

@ApiTags('session')
@Controller(ROUTES.session)
export class SessionsController {
  constructor(
    private readonly signInService: SignInService,
    private readonly settings: SignInSettingsService,
    private readonly providers: IdentityProvidersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the sign-in page offers on this portal: self sign-up, and which social sign-ins. */
  @Public()
  @Get('options')
  async options(@Ctx() ctx: RequestContext): Promise<SignInOptions> {
    const settings = await this.settings.get(ctx);
    return {
      selfSignUp: settings.selfSignUp,
      providers: await this.providers.enabled(ctx),
      ageRequirement: settings.selfSignUp ? await this.settings.ageRequirement(ctx) : null,
    };
  }

  /**
   * Sign in with e-mail and password. 200 with `signed-in` (session cookie set) or `second-factor`
   * (post the challenge and a code to /session/second-factor); 401 for any failure; 429 while throttled.
   */
  @Public()
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ description: 'Signed in, or a second factor is needed' })
  async signIn(
    @Ctx() ctx: RequestContext,
    @Body() body: SignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignInResponse> {
    const result = await this.signInService.signIn(ctx, body.email, body.password, request.cookies[DEVICE_COOKIE]);
    return this.answer(result, reply);
  }

  @Public()
  @Post('second-factor')
  @HttpCode(200)
  async secondFactor(
    @Ctx() ctx: RequestContext,
    @Body() body: SecondFactorDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignInResponse> {
    const result = await this.signInService.secondFactor(
      ctx,
      body.challenge,
      body.code,
      request.cookies[DEVICE_COOKIE],
    );
    return this.answer(result, reply);
  }

  /** Proves it is still the user (password, or a code when two-factor is on) before a sensitive action. */
  @SignedIn()
  @Post('step-up')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Confirmed; sensitive actions are allowed for a few minutes' })
  async stepUp(@Ctx() ctx: RequestContext, @Body() body: StepUpDto): Promise<void> {
    if (!body.password === !body.code) {
      throw problems.validation([{ field: 'password', code: 'oneOf', message: 'Give either your password or a code' }]);
    }
    await this.signInService.stepUp(ctx, body);
  }

  /** Sign out: ends the session on the server, not only in the browser. */
  @Public()
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out' })
  async signOut(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.signInService.signOut(ctx);
    clearSessionCookie(reply, this.config);
    setXsrfCookie(reply, this.config, anonymousCsrfToken());
  }

  private answer(result: SignInResult, reply: FastifyReply): SignInResponse {
    if (result.status === 'second-factor') return result;
    startBrowserSession(reply, this.config, result);
    return { status: 'signed-in' };
  }
}
