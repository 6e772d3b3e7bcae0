import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext, StaffAccess } from '@mijn-account/api-core';
import { type BillingScheduleView, type FinanceSummary, ROUTES } from '@mijn-account/shared-contracts';
import { BillingScheduleDto } from '../runs/draft-line.dto';
import { BillingScheduler } from '../runs/billing-scheduler';
import { FinanceSummaryService } from './finance-summary.service';

/** Finance's dashboard figures. */
@ApiTags('finance')
@Controller(ROUTES.financeSummary)
export class FinanceSummaryController {
  constructor(private readonly summary: FinanceSummaryService) {}

  @StaffAccess('finance')
  @Get()
  get(@Ctx() ctx: RequestContext): Promise<FinanceSummary> {
    return this.summary.summary(ctx);
  }
}

/** The tenant's scheduled billing run (day of the month, in the invoicing settings' time zone). */
@ApiTags('finance')
@Controller(ROUTES.billingSchedule)
export class BillingScheduleController {
  constructor(private readonly scheduler: BillingScheduler) {}

  @StaffAccess('finance')
  @Get()
  get(@Ctx() ctx: RequestContext): Promise<BillingScheduleView> {
    return this.scheduler.get(ctx);
  }

  @StaffAccess('finance')
  @Put()
  put(@Ctx() ctx: RequestContext, @Body() body: BillingScheduleDto): Promise<BillingScheduleView> {
    return this.scheduler.update(ctx, body);
  }
}
