import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  type AppConfig,
  type AuthUser,
  type RequestContext,
  type SessionRef,
  type SessionRelation,
  type SessionRequirement,
  type SessionRuleColumns,
  type SessionStep,
  requirementSql,
} from '@mijn-account/api-core';
import type { AccountRole, Language, SignInMethod, StaffRole, UserKind } from '@mijn-account/shared-contracts';

/** Writing last_seen_at on every request would make each read a write; once a minute is enough for the idle time-out. */
const TOUCH_AFTER_MS = 60_000;

interface SessionRow {
  public_id: string;
  expires_at: Date;
  last_seen_at: Date;
  second_factor_at: Date | null;
  reauthenticated_at: Date;
  user_id: string;
  email: string;
  display_name: string;
  kind: UserKind;
  account_id: string | null;
  account_role: AccountRole | null;
  staff_roles: StaffRole[];
  preferred_language: Language | null;
  time_zone: string | null;
  two_factor: boolean;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** The looked-up session row's columns a requirement is checked against (CTE `s` of `load`). */
const SESSION_COLUMNS: SessionRuleColumns = {
  kind: 's.kind',
  staffRoles: 's.staff_roles',
  secondFactorAt: 's.second_factor_at',
};

/** The session as a folded step reads it: CTE `admitted`, the row of `s` only if it met the requirement. */
const ADMITTED_SESSION: SessionRelation = {
  from: 'admitted',
  userId: 'admitted.user_id',
  displayName: 'admitted.display_name',
};

/** Server-side sessions in PostgreSQL, bound to one tenant, with idle and absolute time-outs. */
@Injectable()
export class SessionService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async create(
    ctx: RequestContext,
    userId: string,
    options: { method: SignInMethod; secondFactor: boolean },
  ): Promise<SessionRef> {
    const token = randomBytes(32).toString('base64url');
    const id = hashToken(token);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.session.absoluteMs);
    const db = await ctx.db();
    const rows: { public_id: string }[] = await db.query(
      `INSERT INTO user_session (tenant_id, id, user_id, created_at, last_seen_at, expires_at, ip, user_agent, method,
                                 second_factor_at, reauthenticated_at)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $4) RETURNING public_id`,
      [
        ctx.tenant.id,
        id,
        userId,
        now,
        expiresAt,
        ctx.ip,
        ctx.userAgent,
        options.method,
        options.secondFactor ? now : null,
      ],
    );
    return {
      id,
      token,
      expiresAt,
      idleExpiresAt: this.idleExpiry(now, expiresAt),
      publicId: rows[0].public_id,
      secondFactorAt: options.secondFactor ? now : null,
      reauthenticatedAt: now,
    };
  }

  /**
   * The live session for a cookie token on this tenant, with its user; null when unknown, ended or
   * timed out. `folded`: a step run in the same statement (one round trip), only for a session
   * that meets `onlyFor` (its result is `step`; null when it answered nothing or did not run).
   */
  async load<T = never>(
    ctx: RequestContext,
    token: string,
    folded?: { step: SessionStep<T>; onlyFor: SessionRequirement },
  ): Promise<{ session: SessionRef; user: AuthUser; step: T | null } | null> {
    if (token.length > 100) return null;
    const id = hashToken(token);
    const db = await ctx.db();
    const params: unknown[] = [ctx.tenant.id, id, this.config.session.idleMs / 1000];
    const param = (value: unknown) => `$${params.push(value)}`;
    const lookup = `SELECT s.public_id, s.expires_at, s.last_seen_at, s.second_factor_at, s.reauthenticated_at,
              u.id AS user_id, u.email, u.display_name, u.kind, u.account_id, u.account_role, u.staff_roles,
              u.preferred_language, u.time_zone, u.totp_enabled_at IS NOT NULL AS two_factor
         FROM user_session s
         JOIN app_user u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
        WHERE s.tenant_id = $1 AND s.id = $2 AND s.ended_at IS NULL
          AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $3)
          AND u.disabled_at IS NULL`;
    const rows: (SessionRow & { step?: unknown })[] = await db.query(
      folded
        ? `WITH s AS (${lookup}),
                admitted AS (SELECT * FROM s WHERE ${requirementSql(folded.onlyFor, SESSION_COLUMNS, param)}),
                step AS (${folded.step.sql(ADMITTED_SESSION, param)})
           SELECT s.*, (SELECT * FROM step) AS step FROM s`
        : lookup,
      params,
    );
    const row = rows[0];
    if (!row) return null;
    let lastSeen = row.last_seen_at;
    if (Date.now() - lastSeen.getTime() > TOUCH_AFTER_MS) {
      lastSeen = new Date();
      await db.query(`UPDATE user_session SET last_seen_at = $3 WHERE tenant_id = $1 AND id = $2`, [
        ctx.tenant.id,
        id,
        lastSeen,
      ]);
    }
    return {
      session: {
        id,
        token,
        expiresAt: row.expires_at,
        idleExpiresAt: this.idleExpiry(lastSeen, row.expires_at),
        publicId: row.public_id,
        secondFactorAt: row.second_factor_at,
        reauthenticatedAt: row.reauthenticated_at,
      },
      user: {
        id: row.user_id,
        email: row.email,
        displayName: row.display_name,
        kind: row.kind,
        accountId: row.account_id,
        accountRole: row.account_role,
        staffRoles: row.staff_roles,
        preferredLanguage: row.preferred_language,
        timeZone: row.time_zone,
        twoFactorEnabled: row.two_factor,
      },
      step: folded && row.step != null ? folded.step.read(row.step) : null,
    };
  }

  async end(ctx: RequestContext, sessionId: Buffer): Promise<void> {
    const db = await ctx.db();
    await db.query(`UPDATE user_session SET ended_at = now() WHERE tenant_id = $1 AND id = $2 AND ended_at IS NULL`, [
      ctx.tenant.id,
      sessionId,
    ]);
  }

  /** Ends every session of a user, but the one given (after a password reset, "sign out all others", disabling). */
  async endAllOf(db: EntityManager, tenantId: string, userId: string, except: Buffer | null = null): Promise<number> {
    const rows: { ended: number }[] = await db.query(
      `WITH ended AS (
         UPDATE user_session SET ended_at = now()
          WHERE tenant_id = $1 AND user_id = $2 AND ended_at IS NULL AND ($3::bytea IS NULL OR id <> $3)
         RETURNING 1)
       SELECT count(*)::int AS ended FROM ended`,
      [tenantId, userId, except],
    );
    return rows[0].ended;
  }

  /** Records a fresh proof of identity in the current session (step-up), and a second factor when one was given. */
  async reauthenticated(ctx: RequestContext, secondFactor: boolean): Promise<void> {
    const session = ctx.session;
    if (!session) throw new Error('SessionService.reauthenticated: no session');
    const now = new Date();
    const db = await ctx.db();
    await db.query(
      `UPDATE user_session SET reauthenticated_at = $3, second_factor_at = CASE WHEN $4 THEN $3 ELSE second_factor_at END
        WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, session.id, now, secondFactor],
    );
    session.reauthenticatedAt = now;
    if (secondFactor) session.secondFactorAt = now;
  }

  private idleExpiry(lastSeen: Date, absolute: Date): Date {
    return new Date(Math.min(lastSeen.getTime() + this.config.session.idleMs, absolute.getTime()));
  }
}
