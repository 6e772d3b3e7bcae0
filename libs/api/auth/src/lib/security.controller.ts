import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import {
  APP_CONFIG,
  type AppConfig,
  Ctx,
  RequestContext,
  SignedIn,
  StepUp,
  UuidPipe,
  problems,
} from '@mijn-account/api-core';
import {
  IDENTITY_PROVIDERS,
  type IdentityProviderName,
  ROUTES,
  type SecurityOverview,
  type SessionInfo,
  type SignInEventInfo,
  type TwoFactorSetup,
} from '@mijn-account/shared-contracts';
import { setOidcStateCookie } from './cookies';
import { CredentialsService } from './credentials.service';
import { ChangePasswordDto, EmailDto } from './dto/credentials.dto';
import { ProviderRound, ProviderRoundStep } from './social-sign-in.guard';
import type { AuthorizationStart } from './social-sign-in.strategy';
import { SecurityService } from './security.service';
import { TwoFactorService, wrongCode } from './two-factor.service';

export class TotpCodeDto {
  @IsString()
  @Matches(/^\d{6}$/, { message: 'Enter the 6-digit code from your app', context: { code: 'sixDigitCode' } })
  code!: string;
}

/** The signed-in user's own security page: sessions, history, password, e-mail, two-factor, linked sign-ins. */
@ApiTags('security')
@Controller(ROUTES.security)
export class SecurityController {
  constructor(
    private readonly security: SecurityService,
    private readonly twoFactor: TwoFactorService,
    private readonly credentials: CredentialsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @SignedIn()
  @Get()
  overview(@Ctx() ctx: RequestContext): Promise<SecurityOverview> {
    return this.security.overview(ctx);
  }

  @SignedIn()
  @Get('sessions')
  listSessions(@Ctx() ctx: RequestContext): Promise<SessionInfo[]> {
    return this.security.sessionsOf(ctx);
  }

  /** Signs out one of the user's sessions (another device, or this one). */
  @SignedIn()
  @Delete('sessions/:id')
  @HttpCode(204)
  async endSession(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.security.endSession(ctx, id);
  }

  @SignedIn()
  @Post('sessions/end-others')
  @HttpCode(200)
  async endOthers(@Ctx() ctx: RequestContext): Promise<{ ended: number }> {
    return { ended: await this.security.endOtherSessions(ctx) };
  }

  /** The last 50 sign-ins and failed attempts on this account. */
  @SignedIn()
  @Get('sign-ins')
  signIns(@Ctx() ctx: RequestContext): Promise<SignInEventInfo[]> {
    return this.security.signIns(ctx);
  }

  @SignedIn()
  @StepUp()
  @Put('password')
  @HttpCode(204)
  async changePassword(@Ctx() ctx: RequestContext, @Body() body: ChangePasswordDto): Promise<void> {
    await this.credentials.changePassword(ctx, body.password);
  }

  /** Sends a confirmation link to the new address; nothing changes until it is used. */
  @SignedIn()
  @StepUp()
  @Post('email')
  @HttpCode(202)
  async changeEmail(@Ctx() ctx: RequestContext, @Body() body: EmailDto): Promise<void> {
    await this.credentials.requestEmailChange(ctx, body.email);
  }

  @SignedIn()
  @StepUp()
  @Post('two-factor/setup')
  @HttpCode(200)
  async setupTwoFactor(@Ctx() ctx: RequestContext): Promise<TwoFactorSetup> {
    return this.twoFactor.setup(ctx);
  }

  /** Confirms the app with a first code; answers the recovery codes, shown this once. */
  @SignedIn()
  @Post('two-factor/enable')
  @HttpCode(200)
  async enableTwoFactor(@Ctx() ctx: RequestContext, @Body() body: TotpCodeDto): Promise<{ recoveryCodes: string[] }> {
    return { recoveryCodes: await this.security.enableTwoFactor(ctx, body.code) };
  }

  @SignedIn()
  @StepUp()
  @Delete('two-factor')
  @HttpCode(204)
  async disableTwoFactor(@Ctx() ctx: RequestContext): Promise<void> {
    await this.twoFactor.disable(ctx);
  }

  @SignedIn()
  @StepUp()
  @Post('two-factor/recovery-codes')
  @HttpCode(200)
  async newRecoveryCodes(@Ctx() ctx: RequestContext): Promise<{ recoveryCodes: string[] }> {
    if (!ctx.requireUser().twoFactorEnabled) throw wrongCode();
    return { recoveryCodes: await this.twoFactor.newRecoveryCodes(ctx, ctx.requireUser().id) };
  }

  /**
   * Starts linking Google or Microsoft to this account (a step-up action): answers the provider's
   * URL for the browser to open; the callback links the identity, never replacing another, and
   * mails the user. The round trip is bound to this session and this browser (state cookie).
   */
  @SignedIn()
  @StepUp()
  @Post('identities/:provider')
  @HttpCode(200)
  @ProviderRoundStep('link')
  startLink(
    @ProviderRound() round: AuthorizationStart,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): { url: string } {
    setOidcStateCookie(reply, this.config, round.state);
    return { url: round.url };
  }

  /** Unlinks Google or Microsoft; refused when it is the last way left to sign in. */
  @SignedIn()
  @StepUp()
  @Delete('identities/:provider')
  @HttpCode(204)
  async unlink(@Ctx() ctx: RequestContext, @Param('provider') provider: string): Promise<void> {
    if (!(IDENTITY_PROVIDERS as readonly string[]).includes(provider)) throw problems.notFound();
    await this.security.unlink(ctx, provider as IdentityProviderName);
  }
}
