import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '@mijn-account/api-core';
import type { AgeRequirement, SignInSettings } from '@mijn-account/shared-contracts';
import { readAgeRequirement } from './age-requirement';
import { TenantSignInSettings } from './entities/tenant-sign-in-settings.entity';

/** The tenant's sign-in rules: self sign-up, and the brute-force limits. */
@Injectable()
export class SignInSettingsService {
  async get(ctx: RequestContext): Promise<SignInSettings & { version: number }> {
    return this.read(await ctx.db(), ctx.tenant.id);
  }

  /** The age confirmation sign-up asks for (from the tenant's privacy settings); null when none. */
  async ageRequirement(ctx: RequestContext): Promise<AgeRequirement | null> {
    return readAgeRequirement(await ctx.db(), ctx.tenant.id);
  }

  /** The same, in a transaction other than the request's (sign-in attempts are counted in their own). */
  async read(db: EntityManager, tenantId: string): Promise<SignInSettings & { version: number }> {
    const row = await db.findOneBy(TenantSignInSettings, { tenantId });
    if (!row) throw new Error(`tenant ${tenantId} has no sign-in settings`);
    const { selfSignUp, freeAttempts, lockAfter, lockMinutes, ipLockAfter, version } = row;
    return { selfSignUp, freeAttempts, lockAfter, lockMinutes, ipLockAfter, version };
  }

  async update(ctx: RequestContext, settings: SignInSettings): Promise<void> {
    const db = await ctx.db();
    const { selfSignUp, freeAttempts, lockAfter, lockMinutes, ipLockAfter } = settings;
    await db.update(
      TenantSignInSettings,
      { tenantId: ctx.tenant.id },
      { selfSignUp, freeAttempts, lockAfter, lockMinutes, ipLockAfter, version: () => 'version + 1' },
    );
  }
}
