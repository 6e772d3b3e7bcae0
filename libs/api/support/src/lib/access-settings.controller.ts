import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsIn, IsInt, Max, Min } from 'class-validator';
import { Ctx, RequestContext, StaffAccess, StepUp, problems } from '@mijn-account/api-core';
import { ACCESS_SCOPES, type AccessScope, type AccessSettings, ROUTES } from '@mijn-account/shared-contracts';

export class AccessSettingsDto implements AccessSettings {
  @IsInt()
  @Min(5)
  @Max(10080)
  maxMinutes!: number;

  @IsInt()
  @Min(5)
  @Max(10080)
  defaultMinutes!: number;

  @IsInt()
  @Min(1)
  @Max(720)
  requestTimeoutHours!: number;

  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ACCESS_SCOPES, { each: true, message: `Each scope is one of ${ACCESS_SCOPES.join(', ')}` })
  allowedScopes!: AccessScope[];
}

/** A tenant admin's rules for helpdesk access: durations, how long a request waits, which scopes exist. */
@ApiTags('admin')
@Controller(ROUTES.accessSettings)
export class AccessSettingsController {
  @StaffAccess('tenant-admin')
  @Get()
  async get(@Ctx() ctx: RequestContext): Promise<AccessSettingsDto> {
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

  @StaffAccess('tenant-admin')
  @StepUp()
  @Put()
  @HttpCode(204)
  async put(@Ctx() ctx: RequestContext, @Body() body: AccessSettingsDto): Promise<void> {
    if (body.defaultMinutes > body.maxMinutes) {
      throw problems.validation([
        { field: 'defaultMinutes', code: 'atMostMax', message: 'At most the maximum duration' },
      ]);
    }
    const db = await ctx.db();
    await db.query(
      `UPDATE tenant_access_settings SET max_minutes = $2, default_minutes = $3, request_timeout_hours = $4, allowed_scopes = $5 WHERE tenant_id = $1`,
      [ctx.tenant.id, body.maxMinutes, body.defaultMinutes, body.requestTimeoutHours, body.allowedScopes],
    );
  }
}
