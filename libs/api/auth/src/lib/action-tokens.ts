import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type RequestContext, problems } from '@mijn-account/api-core';
import { hashToken } from './session.service';

/** What a one-time link or challenge is for; a token of one purpose never works for another. */
export type TokenPurpose =
  | 'sign-up'
  | 'password-reset'
  | 'email-change'
  | 'email-change-undo'
  | 'invitation'
  | 'second-factor'
  | 'oidc-state'
  | 'link-identity'
  | 'social-sign-up';

/** 32 random bytes in base64url. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface ConsumedToken<T> {
  userId: string | null;
  data: T;
}

interface TokenRow {
  user_id: string | null;
  data: unknown;
  expired: boolean;
  used: boolean;
}

/**
 * Single-use, expiring tokens for e-mail links and short challenges. Only the SHA-256 of a token
 * is stored, in the tenant's row-level-secured table, so a link works only on the portal that
 * sent it. Consuming marks it used inside the request's transaction: if the request fails, the
 * link still works.
 */
@Injectable()
export class ActionTokens {
  /**
   * Stores a new token and answers it. `token` is for a value the caller drew itself from 256
   * random bits (the state a Passport strategy has already put in a provider URL); by default one is drawn here.
   */
  async issue(
    ctx: RequestContext,
    purpose: TokenPurpose,
    options: { userId?: string | null; data?: object; ttlMs: number; token?: string },
  ): Promise<string> {
    if (options.token !== undefined && !TOKEN_SHAPE.test(options.token))
      throw new Error('A token must be 43 base64url characters (256 random bits)');
    const token = options.token ?? randomBytes(32).toString('base64url');
    const db = await ctx.db();
    await db.query(
      `INSERT INTO action_token (tenant_id, id, purpose, user_id, data, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [
        ctx.tenant.id,
        hashToken(token),
        purpose,
        options.userId ?? null,
        JSON.stringify(options.data ?? {}),
        options.ttlMs / 1000,
      ],
    );
    return token;
  }

  /** Uses the token up; refuses an unknown, foreign, expired or used one with a problem that says which. */
  async consume<T = Record<string, unknown>>(
    ctx: RequestContext,
    purpose: TokenPurpose,
    token: string,
  ): Promise<ConsumedToken<T>> {
    const row = await this.find(ctx, purpose, token, true);
    return { userId: row.user_id, data: row.data as T };
  }

  /** Reads a token without using it (to show what a link is about before the user acts on it). */
  async peek<T = Record<string, unknown>>(
    ctx: RequestContext,
    purpose: TokenPurpose,
    token: string,
  ): Promise<ConsumedToken<T>> {
    const row = await this.find(ctx, purpose, token, false);
    return { userId: row.user_id, data: row.data as T };
  }

  /** Ends every open token of a purpose for a user (a new reset link replaces the old one). */
  async revokeAll(ctx: RequestContext, purpose: TokenPurpose, userId: string): Promise<void> {
    const db = await ctx.db();
    await db.query(
      `UPDATE action_token SET used_at = now() WHERE tenant_id = $1 AND user_id = $2 AND purpose = $3 AND used_at IS NULL`,
      [ctx.tenant.id, userId, purpose],
    );
  }

  /**
   * Counts one attempt at what a challenge guards, or refuses it with 410 when the challenge is
   * used, expired or has had `max` attempts already. One statement (the row's lock queues parallel
   * attempts); `db` is a transaction that commits before the attempt is checked.
   */
  async countAttempt(
    db: EntityManager,
    tenantId: string,
    purpose: TokenPurpose,
    token: string,
    max: number,
  ): Promise<void> {
    const rows: { n: number }[] = await db.query(
      `WITH counted AS (
         UPDATE action_token SET attempts = attempts + 1
          WHERE tenant_id = $1 AND id = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > now() AND attempts < $4
         RETURNING 1)
       SELECT count(*)::int AS n FROM counted`,
      [tenantId, hashToken(token), purpose, max],
    );
    if (rows[0].n === 0) throw problems.linkUsed();
  }

  /** After a failed attempt: a challenge that has had `max` attempts is used up. */
  async closeIfSpent(
    db: EntityManager,
    tenantId: string,
    purpose: TokenPurpose,
    token: string,
    max: number,
  ): Promise<void> {
    await db.query(
      `UPDATE action_token SET used_at = now() WHERE tenant_id = $1 AND id = $2 AND purpose = $3 AND used_at IS NULL AND attempts >= $4`,
      [tenantId, hashToken(token), purpose, max],
    );
  }

  private async find(ctx: RequestContext, purpose: TokenPurpose, token: string, use: boolean): Promise<TokenRow> {
    if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) throw problems.linkInvalid();
    const db = await ctx.db();
    const rows: TokenRow[] = await db.query(
      `SELECT user_id, data, expires_at <= now() AS expired, used_at IS NOT NULL AS used
         FROM action_token WHERE tenant_id = $1 AND id = $2 AND purpose = $3
         ${use ? 'FOR UPDATE' : ''}`,
      [ctx.tenant.id, hashToken(token), purpose],
    );
    const row = rows[0];
    if (!row) throw problems.linkInvalid();
    if (row.used) throw problems.linkUsed();
    if (row.expired) throw problems.linkExpired();
    if (use) {
      await db.query(`UPDATE action_token SET used_at = now() WHERE tenant_id = $1 AND id = $2`, [
        ctx.tenant.id,
        hashToken(token),
      ]);
    }
    return row;
  }
}
