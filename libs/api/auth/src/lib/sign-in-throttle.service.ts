import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type RequestContext, problems } from '@mijn-account/api-core';
import type { SignInSettings } from '@mijn-account/shared-contracts';

/** Failures older than this start a fresh count. */
const WINDOW_MS = 60 * 60_000;
/** The growing delay doubles per failure after the free attempts, up to this. */
const MAX_DELAY_S = 300;

interface ThrottleRow {
  key: string;
  failures: number;
  last_failure_at: Date;
  locked_until: Date | null;
}

export interface FailureOutcome {
  /** The e-mail key reached the lock threshold with this failure. */
  locked: boolean;
}

/**
 * Brute-force protection, per tenant, counted per e-mail address (whether or not it has an account,
 * so the answers reveal nothing) and per IP address: after the tenant's free attempts each further
 * try must wait twice as long as the one before; at the lock threshold the address is locked for
 * the tenant's lock time. Checked before any password hash is computed. Failures are written in
 * their own transaction (the failing request's own is rolled back).
 */
@Injectable()
export class SignInThrottle {
  /** Throws 429 with Retry-After when this e-mail address or IP may not try now. */
  async check(ctx: RequestContext, settings: SignInSettings, email: string): Promise<void> {
    const db = await ctx.db();
    const rows: ThrottleRow[] = await db.query(
      `SELECT key, failures, last_failure_at, locked_until FROM sign_in_throttle WHERE tenant_id = $1 AND key = ANY($2)`,
      [ctx.tenant.id, [emailKey(email), ipKey(ctx.ip)]],
    );
    const now = Date.now();
    let wait = 0;
    for (const row of rows) {
      if (row.locked_until && row.locked_until.getTime() > now) wait = Math.max(wait, row.locked_until.getTime() - now);
      if (row.key.startsWith('email:') && now - row.last_failure_at.getTime() < WINDOW_MS && row.failures >= settings.freeAttempts) {
        const delayMs = Math.min(2 ** (row.failures - settings.freeAttempts), MAX_DELAY_S) * 1000;
        wait = Math.max(wait, row.last_failure_at.getTime() + delayMs - now);
      }
    }
    if (wait > 0) throw problems.tooManyAttempts(Math.ceil(wait / 1000));
  }

  /** Counts a failure for the address and the IP; locks either at its threshold. */
  async recordFailure(db: EntityManager, tenantId: string, settings: SignInSettings, email: string, ip: string): Promise<FailureOutcome> {
    const bump = async (key: string, lockAfter: number): Promise<boolean> => {
      const rows: { locked: boolean }[] = await db.query(
        `INSERT INTO sign_in_throttle AS t (tenant_id, key, failures, last_failure_at)
              VALUES ($1, $2, 1, now())
         ON CONFLICT (tenant_id, key) DO UPDATE SET
              failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => $4) OR t.locked_until < now()
                              THEN 1 ELSE t.failures + 1 END,
              last_failure_at = now()
         RETURNING failures >= $3 AND (locked_until IS NULL OR locked_until < now()) AS locked`,
        [tenantId, key, lockAfter, WINDOW_MS / 1000],
      );
      const locked = rows[0]?.locked ?? false;
      if (locked) {
        await db.query(
          `UPDATE sign_in_throttle SET locked_until = now() + make_interval(mins => $3), failures = 0
            WHERE tenant_id = $1 AND key = $2`,
          [tenantId, key, settings.lockMinutes],
        );
      }
      return locked;
    };
    await bump(ipKey(ip), settings.ipLockAfter);
    return { locked: await bump(emailKey(email), settings.lockAfter) };
  }

  /** A correct password (and second factor) clears the address's count; the IP's stays. */
  async clear(ctx: RequestContext, email: string): Promise<void> {
    const db = await ctx.db();
    await db.query(`DELETE FROM sign_in_throttle WHERE tenant_id = $1 AND key = $2`, [ctx.tenant.id, emailKey(email)]);
  }
}

const emailKey = (email: string) => `email:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;
