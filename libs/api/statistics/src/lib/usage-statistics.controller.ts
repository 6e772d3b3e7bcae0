import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext, SignedIn, StaffAccess } from '@mijn-account/api-core';
import { STATISTICS_ROUTES, type UsageStatistics } from '@mijn-account/shared-contracts';
import { PageViewDto, StatisticsQueryDto } from './dto/statistics.dto';
import { UsageStatisticsService } from './usage-statistics.service';

/** The tenant admin's usage statistics: daily counts per feature, small counts suppressed. */
@ApiTags('statistics')
@Controller(STATISTICS_ROUTES.statistics)
export class UsageStatisticsController {
  constructor(private readonly statistics: UsageStatisticsService) {}

  @StaffAccess('tenant-admin')
  @Get()
  get(@Ctx() ctx: RequestContext, @Query() query: StatisticsQueryDto): Promise<UsageStatistics> {
    return this.statistics.statistics(ctx, query);
  }
}

/** The web app's page-view beacon: one section name per navigation, nothing that identifies anyone. */
@ApiTags('statistics')
@Controller(STATISTICS_ROUTES.pageViews)
export class PageViewsController {
  constructor(private readonly statistics: UsageStatisticsService) {}

  @SignedIn()
  @Post()
  @HttpCode(204)
  async post(@Ctx() ctx: RequestContext, @Body() body: PageViewDto): Promise<void> {
    await this.statistics.pageView(ctx, body.section);
  }
}
