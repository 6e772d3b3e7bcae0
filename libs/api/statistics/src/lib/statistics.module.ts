import { Module } from '@nestjs/common';
import { PageViewsController, UsageStatisticsController } from './usage-statistics.controller';
import { UsageCounter } from './usage-counter.service';
import { UsageStatisticsService } from './usage-statistics.service';

/**
 * Usage statistics with no relation to a person (issue 18 §8). Its own small library below the
 * features that count (sign-in, helpdesk, newsletters, invoices, exports), so each can import the
 * counter without depending on the privacy library or on each other.
 */
@Module({
  controllers: [UsageStatisticsController, PageViewsController],
  providers: [UsageCounter, UsageStatisticsService],
  exports: [UsageCounter],
})
export class StatisticsModule {}
