import { Module } from '@nestjs/common';
import { ChangeHistoryService } from '@mijn-account/api-accounts';
import { AuditModule } from '@mijn-account/api-audit';
import { MailModule } from '@mijn-account/api-mail';
import { InvoiceRenderer } from './documents/invoice-renderer';
import { AccountInvoicesController, InvoicesController } from './invoices/invoices.controller';
import { InvoicesService } from './invoices/invoices.service';
import { PlansController } from './plans/plans.controller';
import { PlansService } from './plans/plans.service';
import { PaymentReminders } from './reminders/payment-reminders';
import { BillingEngine } from './runs/billing-engine';
import { BillingRunsController } from './runs/billing-runs.controller';
import { BillingRunsService } from './runs/billing-runs.service';
import { BillingQueue } from './runs/billing.queue';
import { IdempotencyService } from './runs/idempotency.service';
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
  imports: [AuditModule, MailModule],
  controllers: [
    InvoicingSettingsController,
    PlansController,
    AccountSubscriptionsController,
    SubscriptionsController,
    MySubscriptionController,
    BillingRunsController,
    AccountInvoicesController,
    InvoicesController,
  ],
  providers: [
    ChangeHistoryService,
    InvoicingSettingsService,
    PlansService,
    SubscriptionsService,
    IdempotencyService,
    InvoiceRenderer,
    BillingEngine,
    PaymentReminders,
    BillingQueue,
    BillingRunsService,
    InvoicesService,
  ],
})
export class BillingModule {}
