import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { APP_CONFIG, type AppConfig, Ctx, RequestContext, SignedIn, StepUp, problems } from '@mijn-account/api-core';
import {
  IDENTITY_PROVIDERS,
  type IdentityProviderName,
  ROUTES,
  type SecurityOverview,
  type SessionInfo,
  type SignInEventInfo,
  type SignInMethod,
  type TwoFactorSetup,
} from '@mijn-account/shared-contracts';
import { setOidcStateCookie } from './cookies';
import { CredentialsService } from './credentials.service';
import { describeDevice } from './device';
import { ChangePasswordDto, EmailDto } from './dto/credentials.dto';
import { providerParam } from './identity-providers.controller';
import { IdentityProvidersService } from './identity-providers.service';
import { SessionService } from './session.service';
import { SocialSignInService } from './social-sign-in.service';
import { TwoFactorService, wrongCode } from './two-factor.service';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { ProblemException } from '@mijn-account/api-core';

export class TotpCodeDto {
  @IsString()
  @Matches(/^\d{6}$/, { message: 'Enter the 6-digit code from your app' })
  code!: string;
}

/** The signed-in user's own security page: sessions, history, password, e-mail, two-factor, linked sign-ins. */
@ApiTags('security')
@Controller(ROUTES.security)
export class SecurityController {
  constructor(
    private readonly sessions: SessionService,
    private readonly twoFactor: TwoFactorService,
    private readonly credentials: CredentialsService,
    private readonly providers: IdentityProvidersService,
    private readonly social: SocialSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @SignedIn()
  @Get()
  async overview(@Ctx() ctx: RequestContext): Promise<SecurityOverview> {
    const user = ctx.requireUser();
    const db = await ctx.db();
    const rows: { has_password: boolean }[] = await db.query(
      `SELECT password_hash IS NOT NULL AS has_password FROM app_user WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, user.id],
    );
    const identities: { provider: IdentityProviderName; email: string | null; created_at: Date }[] = await db.query(
      `SELECT provider, email, created_at FROM user_identity WHERE tenant_id = $1 AND user_id = $2 ORDER BY provider`,
      [ctx.tenant.id, user.id],
    );
    return {
      email: user.email,
      hasPassword: rows[0].has_password,
      twoFactor: {
        enabled: user.twoFactorEnabled,
        required: user.kind === 'staff',
        recoveryCodesLeft: user.twoFactorEnabled ? await this.twoFactor.recoveryCodesLeft(ctx, user.id) : 0,
      },
      identities: identities.map((i) => ({ provider: i.provider, email: i.email, linkedAt: i.created_at.toISOString() })),
      availableProviders: await this.providers.enabled(ctx),
      reauthenticatedAt: ctx.session?.reauthenticatedAt.toISOString() ?? new Date(0).toISOString(),
    };
  }

  @SignedIn()
  @Get('sessions')
  async listSessions(@Ctx() ctx: RequestContext): Promise<SessionInfo[]> {
    const db = await ctx.db();
    const rows: { public_id: string; user_agent: string | null; ip: string | null; method: SignInMethod; created_at: Date; last_seen_at: Date }[] =
      await db.query(
        `SELECT public_id, user_agent, host(ip) AS ip, method, created_at, last_seen_at FROM user_session
          WHERE tenant_id = $1 AND user_id = $2 AND ended_at IS NULL AND expires_at > now() ORDER BY last_seen_at DESC`,
        [ctx.tenant.id, ctx.requireUser().id],
      );
    return rows.map((r) => ({
      id: r.public_id,
      current: r.public_id === ctx.session?.publicId,
      device: describeDevice(r.user_agent),
      ip: r.ip,
      method: r.method,
      startedAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
    }));
  }

  /** Signs out one of the user's sessions (another device, or this one). */
  @SignedIn()
  @Delete('sessions/:id')
  @HttpCode(204)
  async endSession(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    const db = await ctx.db();
    const rows: { n: number }[] = await db.query(
      `WITH ended AS (
         UPDATE user_session SET ended_at = now()
          WHERE tenant_id = $1 AND user_id = $2 AND public_id = $3 AND ended_at IS NULL RETURNING 1)
       SELECT count(*)::int AS n FROM ended`,
      [ctx.tenant.id, ctx.requireUser().id, id],
    );
    if (rows[0].n === 0) throw problems.notFound('No such session');
  }

  @SignedIn()
  @Post('sessions/end-others')
  @HttpCode(200)
  async endOthers(@Ctx() ctx: RequestContext): Promise<{ ended: number }> {
    const db = await ctx.db();
    return { ended: await this.sessions.endAllOf(db, ctx.tenant.id, ctx.requireUser().id, ctx.session?.id ?? null) };
  }

  /** The last 50 sign-ins and failed attempts on this account. */
  @SignedIn()
  @Get('sign-ins')
  async signIns(@Ctx() ctx: RequestContext): Promise<SignInEventInfo[]> {
    const db = await ctx.db();
    const rows: { at: Date; method: string; outcome: SignInEventInfo['outcome']; ip: string | null; user_agent: string | null; new_device: boolean }[] =
      await db.query(
        `SELECT at, method, outcome, host(ip) AS ip, user_agent, new_device FROM sign_in_event
          WHERE tenant_id = $1 AND user_id = $2 ORDER BY at DESC, id DESC LIMIT 50`,
        [ctx.tenant.id, ctx.requireUser().id],
      );
    return rows.map((r) => ({ at: r.at.toISOString(), method: r.method, outcome: r.outcome, ip: r.ip, device: describeDevice(r.user_agent), newDevice: r.new_device }));
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
    const recoveryCodes = await this.twoFactor.enable(ctx, body.code);
    await this.sessions.reauthenticated(ctx, true);
    return { recoveryCodes };
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
  async startLink(
    @Ctx() ctx: RequestContext,
    @Param('provider') provider: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ url: string }> {
    const { url, state } = await this.social.start(ctx, providerParam(provider), 'link');
    setOidcStateCookie(reply, this.config, state);
    return { url };
  }

  /** Unlinks Google or Microsoft; refused when it is the last way left to sign in. */
  @SignedIn()
  @StepUp()
  @Delete('identities/:provider')
  @HttpCode(204)
  async unlink(@Ctx() ctx: RequestContext, @Param('provider') provider: string): Promise<void> {
    if (!(IDENTITY_PROVIDERS as readonly string[]).includes(provider)) throw problems.notFound();
    const user = ctx.requireUser();
    const db = await ctx.db();
    const rows: { has_password: boolean; identities: number }[] = await db.query(
      `SELECT u.password_hash IS NOT NULL AS has_password,
              (SELECT count(*)::int FROM user_identity i WHERE i.tenant_id = u.tenant_id AND i.user_id = u.id) AS identities
         FROM app_user u WHERE u.tenant_id = $1 AND u.id = $2 FOR NO KEY UPDATE`,
      [ctx.tenant.id, user.id],
    );
    if (!rows[0].has_password && rows[0].identities <= 1) {
      throw new ProblemException({
        type: PROBLEM_TYPES.lastSignInMethod,
        title: 'This is your last way to sign in',
        status: 409,
        detail: 'Set a password or link another sign-in first',
      });
    }
    const deleted: { n: number }[] = await db.query(
      `WITH gone AS (DELETE FROM user_identity WHERE tenant_id = $1 AND user_id = $2 AND provider = $3 RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [ctx.tenant.id, user.id, provider],
    );
    if (deleted[0].n === 0) throw problems.notFound('This sign-in is not linked');
  }
}
