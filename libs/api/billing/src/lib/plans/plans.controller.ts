import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext, StaffAccess, UuidPipe } from '@mijn-account/api-core';
import { type PlanView, ROUTES } from '@mijn-account/shared-contracts';
import { PlanDto, PlanPriceDto } from './plan.dto';
import { PlansService } from './plans.service';

/**
 * The tenant's plans: finance and the tenant admin keep them. No `GET :planId`: the list carries each
 * plan whole, and a GET of a malformed id under a listed collection would answer 422, not 404.
 */
@ApiTags('finance')
@Controller(ROUTES.plans)
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @StaffAccess('finance', 'tenant-admin')
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<PlanView[]> {
    return this.plans.list(ctx);
  }

  @StaffAccess('finance', 'tenant-admin')
  @Post()
  create(@Ctx() ctx: RequestContext, @Body() body: PlanDto): Promise<PlanView> {
    return this.plans.create(ctx, body);
  }

  @StaffAccess('finance', 'tenant-admin')
  @Post(':planId/prices')
  @HttpCode(200)
  changePrice(
    @Ctx() ctx: RequestContext,
    @Param('planId', UuidPipe) planId: string,
    @Body() body: PlanPriceDto,
  ): Promise<PlanView> {
    return this.plans.changePrice(ctx, planId, body);
  }

  @StaffAccess('finance', 'tenant-admin')
  @Post(':planId/archive')
  @HttpCode(200)
  archive(@Ctx() ctx: RequestContext, @Param('planId', UuidPipe) planId: string): Promise<PlanView> {
    return this.plans.archive(ctx, planId);
  }

  @StaffAccess('finance', 'tenant-admin')
  @Delete(':planId')
  @HttpCode(204)
  async delete(@Ctx() ctx: RequestContext, @Param('planId', UuidPipe) planId: string): Promise<void> {
    await this.plans.delete(ctx, planId);
  }
}
