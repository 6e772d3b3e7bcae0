import { Module } from '@nestjs/common';
import { ChangeHistoryService } from '@mijn-account/api-accounts';
import { PlansController } from './plans/plans.controller';
import { PlansService } from './plans/plans.service';
import { InvoicingSettingsController } from './settings/invoicing-settings.controller';
import { InvoicingSettingsService } from './settings/invoicing-settings.service';
import {
  AccountSubscriptionsController,
  MySubscriptionController,
  SubscriptionsController,
} from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/** Finance: invoicing settings, plans, subscriptions, billing runs and the invoices they issue. */
@Module({
  controllers: [
    InvoicingSettingsController,
    PlansController,
    AccountSubscriptionsController,
    SubscriptionsController,
    MySubscriptionController,
  ],
  providers: [ChangeHistoryService, InvoicingSettingsService, PlansService, SubscriptionsService],
})
export class BillingModule {}
