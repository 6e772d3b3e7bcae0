import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type AuthUser, type RequestContext, type SessionRef } from '@mijn-account/api-core';
import { UserSession } from '@mijn-account/api-database';
import type { AccountRole, Language, StaffRole, UserKind } from '@mijn-account/shared-contracts';

/** Writing last_seen_at on every request would make each read a write; once a minute is enough for the idle time-out. */
const TOUCH_AFTER_MS = 60_000;

interface SessionRow {
  expires_at: Date;
  last_seen_at: Date;
  user_id: string;
  email: string;
  display_name: string;
  kind: UserKind;
  account_id: string | null;
  account_role: AccountRole | null;
  staff_roles: StaffRole[];
  preferred_language: Language | null;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Server-side sessions in PostgreSQL, bound to one tenant, with idle and absolute time-outs. */
@Injectable()
export class SessionService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async create(ctx: RequestContext, userId: string): Promise<SessionRef> {
    const token = randomBytes(32).toString('base64url');
    const id = hashToken(token);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.session.absoluteMs);
    const db = await ctx.db();
    await db.insert(UserSession, {
      tenantId: ctx.tenant.id,
      id,
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    return { id, token, expiresAt, idleExpiresAt: this.idleExpiry(now, expiresAt) };
  }

  /** The live session for a cookie token on this tenant, with its user; null when unknown, ended or timed out. */
  async load(ctx: RequestContext, token: string): Promise<{ session: SessionRef; user: AuthUser } | null> {
    if (token.length > 100) return null;
    const id = hashToken(token);
    const db = await ctx.db();
    const rows: SessionRow[] = await db.query(
      `SELECT s.expires_at, s.last_seen_at, u.id AS user_id, u.email, u.display_name, u.kind,
              u.account_id, u.account_role, u.staff_roles, u.preferred_language
         FROM user_session s
         JOIN app_user u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
        WHERE s.tenant_id = $1 AND s.id = $2 AND s.ended_at IS NULL
          AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $3)
          AND u.disabled_at IS NULL`,
      [ctx.tenant.id, id, this.config.session.idleMs / 1000],
    );
    const row = rows[0];
    if (!row) return null;
    let lastSeen = row.last_seen_at;
    if (Date.now() - lastSeen.getTime() > TOUCH_AFTER_MS) {
      lastSeen = new Date();
      await db.update(UserSession, { tenantId: ctx.tenant.id, id }, { lastSeenAt: lastSeen });
    }
    return {
      session: { id, token, expiresAt: row.expires_at, idleExpiresAt: this.idleExpiry(lastSeen, row.expires_at) },
      user: {
        id: row.user_id,
        email: row.email,
        displayName: row.display_name,
        kind: row.kind,
        accountId: row.account_id,
        accountRole: row.account_role,
        staffRoles: row.staff_roles,
        preferredLanguage: row.preferred_language,
      },
    };
  }

  async end(ctx: RequestContext, sessionId: Buffer): Promise<void> {
    const db = await ctx.db();
    await db.update(UserSession, { tenantId: ctx.tenant.id, id: sessionId }, { endedAt: new Date() });
  }

  private idleExpiry(lastSeen: Date, absolute: Date): Date {
    return new Date(Math.min(lastSeen.getTime() + this.config.session.idleMs, absolute.getTime()));
  }
}
