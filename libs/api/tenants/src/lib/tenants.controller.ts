import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@mijn-account/api-core';
import { Ctx, RequestContext, tenantInfoOf } from '@mijn-account/api-core';
import { ROUTES, type TenantInfo } from '@mijn-account/shared-contracts';

@ApiTags('tenant')
@Controller(ROUTES.tenant)
export class TenantsController {
  /** Branding of the portal on this host: shown before sign-in. */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'Public branding of the tenant serving this host' })
  current(@Ctx() ctx: RequestContext): TenantInfo {
    return tenantInfoOf(ctx.tenant);
  }
}
