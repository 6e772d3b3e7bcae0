import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsIn, IsInt, Max, Min } from 'class-validator';
import { Ctx, RequestContext, StaffAccess, StepUp, problems } from '@mijn-account/api-core';
import { ACCESS_SCOPES, type AccessScope, type AccessSettings, ROUTES } from '@mijn-account/shared-contracts';
import { AccessSettingsService } from './access-settings.service';

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
  constructor(private readonly settings: AccessSettingsService) {}

  @StaffAccess('tenant-admin')
  @Get()
  get(@Ctx() ctx: RequestContext): Promise<AccessSettingsDto> {
    return this.settings.get(ctx);
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
    await this.settings.update(ctx, body);
  }
}
