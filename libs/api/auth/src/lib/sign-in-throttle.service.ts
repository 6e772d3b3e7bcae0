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
  now: Date;
}

export interface FailureOutcome {
  /** The e-mail key reached the lock threshold with this failure. */
  locked: boolean;
}

/**
 * Brute-force protection, per tenant, counted per e-mail address (whether or not it has an account,
 * so the answers reveal nothing) and per IP address: after the tenant's free attempts each further
 * try must wait twice as long as the one before; at the lock threshold the address is locked for
 * the tenant's lock time. Passwords, TOTP codes and recovery codes all count.
 *
 * An attempt is counted *before* its secret is checked (`begin`, rows locked in key order, in a
 * transaction of its own that commits before any hash is computed), so parallel guesses queue on
 * the rows and each sees the others: the check and the count are one step, never a race. A step
 * that succeeds gives its count back (`succeeded`); a failed one stays counted and may lock
 * (`failed`); only a whole sign-in clears the address (`clear`). The count of an address is
 * therefore "failed or unfinished attempts since the last successful sign-in".
 */
@Injectable()
export class SignInThrottle {
  /**
   * Counts one attempt for the address and the IP, or refuses it (429, nothing counted) while
   * either is locked, in its growing delay, or has as many attempts under way as would lock it.
   * `db` must be a transaction of its own that commits right after, before the secret is checked.
   */
  async begin(db: EntityManager, tenantId: string, settings: SignInSettings, email: string, ip: string): Promise<void> {
    const keys = [emailKey(email), ipKey(ip)].sort();
    await db.query(
      `INSERT INTO sign_in_throttle (tenant_id, key, failures, last_failure_at) SELECT $1, unnest($2::text[]), 0, now()
       ON CONFLICT (tenant_id, key) DO NOTHING`,
      [tenantId, keys],
    );
    const rows: ThrottleRow[] = await db.query(
      `SELECT key, failures, last_failure_at, locked_until, now() AS now FROM sign_in_throttle
        WHERE tenant_id = $1 AND key = ANY($2) ORDER BY key FOR UPDATE`,
      [tenantId, keys],
    );
    const wait = waitMs(rows, settings);
    if (wait > 0) throw problems.tooManyAttempts(Math.ceil(wait / 1000));
    await db.query(
      `UPDATE sign_in_throttle
          SET failures = CASE WHEN last_failure_at < now() - make_interval(secs => $3) THEN 1 ELSE failures + 1 END,
              last_failure_at = now(),
              locked_until = CASE WHEN locked_until <= now() THEN NULL ELSE locked_until END
        WHERE tenant_id = $1 AND key = ANY($2)`,
      [tenantId, keys, WINDOW_MS / 1000],
    );
  }

  /** A step succeeded (right password, right code): its attempt no longer counts. */
  async succeeded(db: EntityManager, tenantId: string, email: string, ip: string): Promise<void> {
    await db.query(
      `UPDATE sign_in_throttle SET failures = greatest(failures - 1, 0) WHERE tenant_id = $1 AND key = ANY($2)`,
      [tenantId, [emailKey(email), ipKey(ip)]],
    );
  }

  /**
   * A counted attempt failed: locks the address and/or the IP when it reached its threshold (once:
   * a key already locked stays as it is). In the failure's own transaction.
   */
  async failed(
    db: EntityManager,
    tenantId: string,
    settings: SignInSettings,
    email: string,
    ip: string,
  ): Promise<FailureOutcome> {
    // (An UPDATE's RETURNING rows come back from TypeORM beside a count; a CTE answers plain rows.)
    const locked: { key: string }[] = await db.query(
      `WITH locked AS (
         UPDATE sign_in_throttle SET locked_until = now() + make_interval(mins => $6), failures = 0
          WHERE tenant_id = $1 AND ((key = $2 AND failures >= $3) OR (key = $4 AND failures >= $5))
            AND (locked_until IS NULL OR locked_until <= now())
         RETURNING key)
       SELECT key FROM locked`,
      [tenantId, emailKey(email), settings.lockAfter, ipKey(ip), settings.ipLockAfter, settings.lockMinutes],
    );
    return { locked: locked.some((row) => row.key === emailKey(email)) };
  }

  /** A whole sign-in succeeded (or a reset proved the mailbox): the address starts afresh; the IP's count stays. */
  async clear(ctx: RequestContext, email: string): Promise<void> {
    const db = await ctx.db();
    await db.query(`DELETE FROM sign_in_throttle WHERE tenant_id = $1 AND key = $2`, [ctx.tenant.id, emailKey(email)]);
  }
}

/** How long the slowest of these keys must still wait, in ms (0: free to try). */
function waitMs(rows: ThrottleRow[], settings: SignInSettings): number {
  let wait = 0;
  for (const row of rows) {
    const now = row.now.getTime();
    const last = row.last_failure_at.getTime();
    if (row.locked_until && row.locked_until.getTime() > now) wait = Math.max(wait, row.locked_until.getTime() - now);
    if (now - last >= WINDOW_MS) continue;
    const isEmail = row.key.startsWith('email:');
    // As many attempts under way (or failed) as would lock: the next waits as if locked.
    if (row.failures >= (isEmail ? settings.lockAfter : settings.ipLockAfter))
      wait = Math.max(wait, last + settings.lockMinutes * 60_000 - now);
    if (isEmail && row.failures >= settings.freeAttempts) {
      const delayMs = Math.min(2 ** (row.failures - settings.freeAttempts), MAX_DELAY_S) * 1000;
      wait = Math.max(wait, last + delayMs - now);
    }
  }
  return wait;
}

const emailKey = (email: string) => `email:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;
