import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Length, Max, MaxLength, Min } from 'class-validator';
import { Ctx, RequestContext, StaffAccess, StepUp, problems } from '@mijn-account/api-core';
import {
  IDENTITY_PROVIDERS,
  type IdentityProviderName,
  type IdentityProviderSettings,
  ROUTES,
  type SignInSettings,
} from '@mijn-account/shared-contracts';
import { IdentityProvidersService } from './identity-providers.service';
import { SignInSettingsService } from './sign-in-settings.service';

export class SignInSettingsDto implements SignInSettings {
  @IsBoolean()
  selfSignUp!: boolean;

  @IsInt()
  @Min(1)
  @Max(20)
  freeAttempts!: number;

  @IsInt()
  @Min(3)
  @Max(100)
  lockAfter!: number;

  @IsInt()
  @Min(1)
  @Max(1440)
  lockMinutes!: number;

  @IsInt()
  @Min(10)
  @Max(10000)
  ipLockAfter!: number;
}

export class IdentityProviderDto {
  @IsBoolean()
  enabled!: boolean;

  @IsUrl(
    { require_tld: false, protocols: ['https', 'http'], require_protocol: true },
    { message: 'The issuer URL, such as https://accounts.google.com' },
  )
  @MaxLength(300)
  issuer!: string;

  @IsString()
  @Length(1, 300)
  clientId!: string;

  /** Leave out to keep the stored secret. */
  @IsOptional()
  @IsString()
  @Length(1, 500)
  clientSecret?: string;
}

/** A tenant admin's sign-in settings: self sign-up, brute-force limits, Google and Microsoft 365. */
@ApiTags('admin')
@Controller()
export class SignInAdminController {
  constructor(
    private readonly settings: SignInSettingsService,
    private readonly providers: IdentityProvidersService,
  ) {}

  @StaffAccess('tenant-admin')
  @Get(ROUTES.signInSettings)
  async getSettings(@Ctx() ctx: RequestContext): Promise<SignInSettings> {
    const settings = await this.settings.get(ctx);
    return {
      selfSignUp: settings.selfSignUp,
      freeAttempts: settings.freeAttempts,
      lockAfter: settings.lockAfter,
      lockMinutes: settings.lockMinutes,
      ipLockAfter: settings.ipLockAfter,
    };
  }

  @StaffAccess('tenant-admin')
  @StepUp()
  @Put(ROUTES.signInSettings)
  @HttpCode(204)
  async putSettings(@Ctx() ctx: RequestContext, @Body() body: SignInSettingsDto): Promise<void> {
    if (body.freeAttempts >= body.lockAfter) {
      throw problems.validation([
        { field: 'freeAttempts', code: 'lessThanLockAfter', message: 'Must be lower than the lock threshold' },
      ]);
    }
    await this.settings.update(ctx, body);
  }

  @StaffAccess('tenant-admin')
  @Get(`${ROUTES.signInSettings}/providers`)
  async listProviders(@Ctx() ctx: RequestContext): Promise<IdentityProviderSettings[]> {
    return this.providers.list(ctx);
  }

  @StaffAccess('tenant-admin')
  @StepUp()
  @Put(`${ROUTES.signInSettings}/providers/:provider`)
  @HttpCode(204)
  async putProvider(
    @Ctx() ctx: RequestContext,
    @Param('provider') provider: string,
    @Body() body: IdentityProviderDto,
  ): Promise<void> {
    if (!(IDENTITY_PROVIDERS as readonly string[]).includes(provider))
      throw problems.notFound('Unknown sign-in provider');
    await this.providers.save(ctx, provider as IdentityProviderName, body);
  }
}
