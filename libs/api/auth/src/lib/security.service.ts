import { Injectable } from '@nestjs/common';
import { IsNull, Raw } from 'typeorm';
import { type RequestContext, problems } from '@mijn-account/api-core';
import type {
  IdentityProviderName,
  SecurityOverview,
  SessionInfo,
  SignInEventInfo,
} from '@mijn-account/shared-contracts';
import { describeDevice } from './device';
import { SignInEvent } from './entities/sign-in-event.entity';
import { User } from './entities/user.entity';
import { UserSession } from './entities/user-session.entity';
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
    // The query builder, so whether there is a password is answered without reading its hash.
    const password = await db
      .getRepository(User)
      .createQueryBuilder('u')
      .select('u.password_hash IS NOT NULL', 'has_password')
      .where('u.tenant_id = :tenantId AND u.id = :id', { tenantId: ctx.tenant.id, id: user.id })
      .getRawOne<{ has_password: boolean }>();
    const identities = await this.identities.listOf(ctx, user.id);
    return {
      email: user.email,
      hasPassword: password?.has_password ?? false,
      twoFactor: {
        enabled: user.twoFactorEnabled,
        required: user.kind === 'staff',
        recoveryCodesLeft: user.twoFactorEnabled ? await this.twoFactor.recoveryCodesLeft(ctx, user.id) : 0,
      },
      identities: identities.map((i) => ({
        provider: i.provider,
        email: i.email,
        linkedAt: i.created_at.toISOString(),
      })),
      availableProviders: await this.providers.enabled(ctx),
      reauthenticatedAt: ctx.session?.reauthenticatedAt.toISOString() ?? new Date(0).toISOString(),
    };
  }

  /** The user's open sessions, most recently used first. */
  async sessionsOf(ctx: RequestContext): Promise<SessionInfo[]> {
    const language = ctx.readerLanguage();
    const db = await ctx.db();
    const rows = await db.find(UserSession, {
      select: { publicId: true, userAgent: true, ip: true, method: true, createdAt: true, lastSeenAt: true },
      where: {
        tenantId: ctx.tenant.id,
        userId: ctx.requireUser().id,
        endedAt: IsNull(),
        expiresAt: Raw((at) => `${at} > now()`),
      },
      order: { lastSeenAt: 'DESC' },
    });
    return rows.map((r) => ({
      id: r.publicId,
      current: r.publicId === ctx.session?.publicId,
      device: describeDevice(r.userAgent, language),
      ip: r.ip,
      method: r.method,
      startedAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
    }));
  }

  /** Ends one of the user's own sessions by its public id; 404 when it is not theirs or already ended. */
  async endSession(ctx: RequestContext, publicId: string): Promise<void> {
    const db = await ctx.db();
    const ended = await db.update(
      UserSession,
      { tenantId: ctx.tenant.id, userId: ctx.requireUser().id, publicId, endedAt: IsNull() },
      { endedAt: () => 'now()' },
    );
    if (!ended.affected) throw problems.notFound('No such session');
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
    const language = ctx.readerLanguage();
    const db = await ctx.db();
    const rows = await db.find(SignInEvent, {
      select: { at: true, method: true, outcome: true, ip: true, userAgent: true, newDevice: true },
      where: { tenantId: ctx.tenant.id, userId: ctx.requireUser().id },
      order: { at: 'DESC', id: 'DESC' },
      take: 50,
    });
    return rows.map((r) => ({
      at: r.at.toISOString(),
      method: r.method,
      outcome: r.outcome,
      ip: r.ip,
      device: describeDevice(r.userAgent, language),
      newDevice: r.newDevice,
    }));
  }

  /** Unlinks Google or Microsoft from the signed-in user. */
  unlink(ctx: RequestContext, provider: IdentityProviderName): Promise<void> {
    return this.identities.unlink(ctx, ctx.requireUser().id, provider);
  }
}
