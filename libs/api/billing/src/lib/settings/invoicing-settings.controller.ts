import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, RequestContext, StaffAccess, StepUp, versionFromIfMatch, withEtag } from '@mijn-account/api-core';
import { type InvoicingSettingsView, ROUTES } from '@mijn-account/shared-contracts';
import { InvoicingSettingsDto } from './invoicing-settings.dto';
import { InvoicingSettingsService } from './invoicing-settings.service';

/** A tenant admin's invoicing settings (finance reads them): versioned, a step-up to save. */
@ApiTags('finance')
@Controller(ROUTES.invoicingSettings)
export class InvoicingSettingsController {
  constructor(private readonly settings: InvoicingSettingsService) {}

  @StaffAccess('tenant-admin', 'finance')
  @Get()
  async get(
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InvoicingSettingsView> {
    return withEtag(reply, await this.settings.get(ctx));
  }

  @StaffAccess('tenant-admin')
  @StepUp()
  @Put()
  @ApiHeader({ name: 'If-Match', required: true })
  async put(
    @Ctx() ctx: RequestContext,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: InvoicingSettingsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InvoicingSettingsView> {
    const version = versionFromIfMatch(ifMatch);
    return withEtag(reply, await this.settings.update(ctx, version, body));
  }
}
