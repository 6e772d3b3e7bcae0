import { Injectable } from '@nestjs/common';
import { type RequestContext, problems } from '@mijn-account/api-core';
import type { IdentityProviderName, SecurityOverview, SessionInfo, SignInEventInfo, SignInMethod } from '@mijn-account/shared-contracts';
import { describeDevice } from './device';
import { IdentityProvidersService } from './identity-providers.service';
import { SessionService } from './session.service';
import { TwoFactorService } from './two-factor.service';
import { UserIdentitiesService } from './user-identities.service';

/** The signed-in user's own security page: what it shows (overview, sessions, sign-in history) and ending sessions. */
@Injectable()
export class SecurityService {
  constructor(
    private readonly sessions: SessionService,
    private readonly twoFactor: TwoFactorService,
    private readonly providers: IdentityProvidersService,
    private readonly identities: UserIdentitiesService,
  ) {}

  async overview(ctx: RequestContext): Promise<SecurityOverview> {
    const user = ctx.requireUser();
    const db = await ctx.db();
    const rows: { has_password: boolean }[] = await db.query(
      `SELECT password_hash IS NOT NULL AS has_password FROM app_user WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, user.id],
    );
    const identities = await this.identities.listOf(ctx, user.id);
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

  /** The user's open sessions, most recently used first. */
  async sessionsOf(ctx: RequestContext): Promise<SessionInfo[]> {
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

  /** Ends one of the user's own sessions by its public id; 404 when it is not theirs or already ended. */
  async endSession(ctx: RequestContext, publicId: string): Promise<void> {
    const db = await ctx.db();
    const rows: { n: number }[] = await db.query(
      `WITH ended AS (
         UPDATE user_session SET ended_at = now()
          WHERE tenant_id = $1 AND user_id = $2 AND public_id = $3 AND ended_at IS NULL RETURNING 1)
       SELECT count(*)::int AS n FROM ended`,
      [ctx.tenant.id, ctx.requireUser().id, publicId],
    );
    if (rows[0].n === 0) throw problems.notFound('No such session');
  }

  /** Ends every session of the user but this one; answers how many. */
  async endOtherSessions(ctx: RequestContext): Promise<number> {
    const db = await ctx.db();
    return this.sessions.endAllOf(db, ctx.tenant.id, ctx.requireUser().id, ctx.session?.id ?? null);
  }

  /** Turns two-factor on with a first code from the app; the session counts as re-authenticated with it. Answers the recovery codes. */
  async enableTwoFactor(ctx: RequestContext, code: string): Promise<string[]> {
    const recoveryCodes = await this.twoFactor.enable(ctx, code);
    await this.sessions.reauthenticated(ctx, true);
    return recoveryCodes;
  }

  /** The last 50 sign-ins and failed attempts on this account. */
  async signIns(ctx: RequestContext): Promise<SignInEventInfo[]> {
    const db = await ctx.db();
    const rows: { at: Date; method: string; outcome: SignInEventInfo['outcome']; ip: string | null; user_agent: string | null; new_device: boolean }[] =
      await db.query(
        `SELECT at, method, outcome, host(ip) AS ip, user_agent, new_device FROM sign_in_event
          WHERE tenant_id = $1 AND user_id = $2 ORDER BY at DESC, id DESC LIMIT 50`,
        [ctx.tenant.id, ctx.requireUser().id],
      );
    return rows.map((r) => ({ at: r.at.toISOString(), method: r.method, outcome: r.outcome, ip: r.ip, device: describeDevice(r.user_agent), newDevice: r.new_device }));
  }

  /** Unlinks Google or Microsoft from the signed-in user. */
  unlink(ctx: RequestContext, provider: IdentityProviderName): Promise<void> {
    return this.identities.unlink(ctx, ctx.requireUser().id, provider);
  }
}
