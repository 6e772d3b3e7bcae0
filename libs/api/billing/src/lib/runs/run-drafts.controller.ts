import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext, StaffAccess, UuidOrNotFoundPipe, UuidPipe } from '@mijn-account/api-core';
import {
  type BillingRunView,
  type RunDraftDetail,
  type RunDraftPage,
  type RunDraftView,
  ROUTES,
} from '@mijn-account/shared-contracts';
import { DraftLineDto } from './draft-line.dto';
import { RunDraftsService } from './run-drafts.service';

/** Finance's review of a run's drafts: list (keyset pages), one-off lines, delete, retry the failed ones. */
@ApiTags('finance')
@Controller(`${ROUTES.billingRuns}/:runId`)
export class RunDraftsController {
  constructor(private readonly drafts: RunDraftsService) {}

  @StaffAccess('finance')
  @Get('drafts')
  @ApiQuery({ name: 'after', required: false, description: 'nextCursor of the page before' })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, 50 when left out' })
  list(
    @Ctx() ctx: RequestContext,
    @Param('runId', UuidPipe) runId: string,
    @Query('after') after?: string,
    @Query('limit') limit?: string,
  ): Promise<RunDraftPage> {
    return this.drafts.list(ctx, runId, after, limit);
  }

  @StaffAccess('finance')
  @Get('drafts/:invoiceId')
  get(
    @Ctx() ctx: RequestContext,
    @Param('runId', UuidPipe) runId: string,
    // Beside the list, a malformed id is an unknown address (404), not a bad field.
    @Param('invoiceId', UuidOrNotFoundPipe) invoiceId: string,
  ): Promise<RunDraftDetail> {
    return this.drafts.get(ctx, runId, invoiceId);
  }

  @StaffAccess('finance')
  @Post('drafts/:invoiceId/lines')
  addLine(
    @Ctx() ctx: RequestContext,
    @Param('runId', UuidPipe) runId: string,
    @Param('invoiceId', UuidPipe) invoiceId: string,
    @Body() body: DraftLineDto,
  ): Promise<RunDraftView> {
    return this.drafts.addLine(ctx, runId, invoiceId, body);
  }

  @StaffAccess('finance')
  @Delete('drafts/:invoiceId')
  @HttpCode(204)
  async remove(
    @Ctx() ctx: RequestContext,
    @Param('runId', UuidPipe) runId: string,
    @Param('invoiceId', UuidPipe) invoiceId: string,
  ): Promise<void> {
    await this.drafts.remove(ctx, runId, invoiceId);
  }

  @StaffAccess('finance')
  @Post('retry')
  @HttpCode(200)
  retry(@Ctx() ctx: RequestContext, @Param('runId', UuidPipe) runId: string): Promise<BillingRunView> {
    return this.drafts.retry(ctx, runId);
  }
}
