import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, RequestContext, StaffAccess, UuidPipe } from '@mijn-account/api-core';
import { type BillingRunView, ROUTES } from '@mijn-account/shared-contracts';
import { BillingRunDto } from './billing-run.dto';
import { BillingRunsService } from './billing-runs.service';
import { IdempotencyService } from './idempotency.service';

/**
 * Finance's billing runs: start (idempotent), list, progress, finalise. A run's own read is
 * `:runId/progress`, not `:runId`: beside the listed collection a malformed id would answer 422.
 */
@ApiTags('finance')
@Controller(ROUTES.billingRuns)
export class BillingRunsController {
  constructor(
    private readonly runs: BillingRunsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @StaffAccess('finance')
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async start(
    @Ctx() ctx: RequestContext,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: BillingRunDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BillingRunView> {
    const answer = await this.idempotency.once(ctx, key, 'POST billing-runs', body, () => this.runs.start(ctx, body));
    reply.status(answer.status);
    return answer.body;
  }

  @StaffAccess('finance')
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<BillingRunView[]> {
    return this.runs.list(ctx);
  }

  @StaffAccess('finance')
  @Get(':runId/progress')
  get(@Ctx() ctx: RequestContext, @Param('runId', UuidPipe) runId: string): Promise<BillingRunView> {
    return this.runs.get(ctx, runId);
  }

  @StaffAccess('finance')
  @Post(':runId/finalise')
  @HttpCode(200)
  finalise(@Ctx() ctx: RequestContext, @Param('runId', UuidPipe) runId: string): Promise<BillingRunView> {
    return this.runs.finalise(ctx, runId);
  }
}
