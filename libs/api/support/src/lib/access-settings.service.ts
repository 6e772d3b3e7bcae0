import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@mijn-account/api-core';
import type { AccessScope, AccessSettings } from '@mijn-account/shared-contracts';

/** A tenant's rules for helpdesk access (`tenant_access_settings`, one row per tenant, made with the tenant). */
@Injectable()
export class AccessSettingsService {
  async get(ctx: RequestContext): Promise<AccessSettings> {
    const db = await ctx.db();
    const rows: {
      max_minutes: number;
      default_minutes: number;
      request_timeout_hours: number;
      allowed_scopes: AccessScope[];
    }[] = await db.query(
      `SELECT max_minutes, default_minutes, request_timeout_hours, allowed_scopes FROM tenant_access_settings WHERE tenant_id = $1`,
      [ctx.tenant.id],
    );
    const r = rows[0];
    return {
      maxMinutes: r.max_minutes,
      defaultMinutes: r.default_minutes,
      requestTimeoutHours: r.request_timeout_hours,
      allowedScopes: r.allowed_scopes,
    };
  }

  async update(ctx: RequestContext, settings: AccessSettings): Promise<void> {
    const db = await ctx.db();
    await db.query(
      `UPDATE tenant_access_settings SET max_minutes = $2, default_minutes = $3, request_timeout_hours = $4, allowed_scopes = $5 WHERE tenant_id = $1`,
      [
        ctx.tenant.id,
        settings.maxMinutes,
        settings.defaultMinutes,
        settings.requestTimeoutHours,
        settings.allowedScopes,
      ],
    );
  }
}
