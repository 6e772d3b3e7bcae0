import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccountAccess, Ctx, RequestContext, versionFromIfMatch, withEtag } from '@mijn-account/api-core';
import { type BillingDetails, type ChangeHistoryEntry, ROUTES } from '@mijn-account/shared-contracts';
import { BillingService, accountIdOf } from './billing.service';
import { ChangeHistoryService } from './change-history.service';
import { BillingDto } from './dto/billing.dto';

/** The account's company and billing details: everyone in the account reads, owners edit (If-Match). */
@ApiTags('account')
@Controller(ROUTES.billing)
export class BillingController {
  constructor(
    private readonly billing: BillingService,
    private readonly history: ChangeHistoryService,
  ) {}

  @AccountAccess('owner', 'member')
  @Get()
  async get(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<BillingDetails> {
    return withEtag(reply, await this.billing.get(ctx, accountIdOf(ctx)));
  }

  @AccountAccess('owner')
  @Put()
  @ApiHeader({ name: 'If-Match', required: true })
  async put(
    @Ctx() ctx: RequestContext,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: BillingDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BillingDetails> {
    const version = versionFromIfMatch(ifMatch);
    return withEtag(reply, await this.billing.update(ctx, accountIdOf(ctx), version, body));
  }

  @AccountAccess('owner', 'member')
  @Get('history')
  async getHistory(@Ctx() ctx: RequestContext): Promise<ChangeHistoryEntry[]> {
    return this.history.list(ctx, 'billing', accountIdOf(ctx));
  }
}
