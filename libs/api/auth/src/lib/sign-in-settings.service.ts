import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '@mijn-account/api-core';
import type { SignInSettings } from '@mijn-account/shared-contracts';

interface SettingsRow {
  self_sign_up: boolean;
  free_attempts: number;
  lock_after: number;
  lock_minutes: number;
  ip_lock_after: number;
  version: number;
}

/** The tenant's sign-in rules: self sign-up, and the brute-force limits. */
@Injectable()
export class SignInSettingsService {
  async get(ctx: RequestContext): Promise<SignInSettings & { version: number }> {
    return this.read(await ctx.db(), ctx.tenant.id);
  }

  /** The same, in a transaction other than the request's (sign-in attempts are counted in their own). */
  async read(db: EntityManager, tenantId: string): Promise<SignInSettings & { version: number }> {
    const rows: SettingsRow[] = await db.query(`SELECT * FROM tenant_sign_in_settings WHERE tenant_id = $1`, [tenantId]);
    const row = rows[0];
    if (!row) throw new Error(`tenant ${tenantId} has no sign-in settings`);
    return {
      selfSignUp: row.self_sign_up,
      freeAttempts: row.free_attempts,
      lockAfter: row.lock_after,
      lockMinutes: row.lock_minutes,
      ipLockAfter: row.ip_lock_after,
      version: row.version,
    };
  }

  async update(ctx: RequestContext, settings: SignInSettings): Promise<void> {
    const db = await ctx.db();
    await db.query(
      `UPDATE tenant_sign_in_settings
          SET self_sign_up = $2, free_attempts = $3, lock_after = $4, lock_minutes = $5, ip_lock_after = $6, version = version + 1
        WHERE tenant_id = $1`,
      [ctx.tenant.id, settings.selfSignUp, settings.freeAttempts, settings.lockAfter, settings.lockMinutes, settings.ipLockAfter],
    );
  }
}
