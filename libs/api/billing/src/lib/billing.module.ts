import { StatisticsModule } from '@mijn-account/api-statistics';
import { Module } from '@nestjs/common';
import { BillingService, ChangeHistoryService } from '@mijn-account/api-accounts';
import { AuditModule } from '@mijn-account/api-audit';
import { BillingScheduleController, FinanceSummaryController } from './dashboard/finance-summary.controller';
import { FinanceSummaryService } from './dashboard/finance-summary.service';
import { FinanceAccountsController } from './accounts/finance-accounts.controller';
import { FinanceAccountsService } from './accounts/finance-accounts.service';
import { MailModule } from '@mijn-account/api-mail';
import { InvoiceRenderer } from './documents/invoice-renderer';
import { AccountInvoicesController, InvoicesController } from './invoices/invoices.controller';
import { InvoicesService } from './invoices/invoices.service';
import { MyInvoiceAccessController, MyInvoicesController } from './my-invoices/my-invoices.controller';
import { MyInvoicesService } from './my-invoices/my-invoices.service';
import { CreditNotesService } from './invoices/credit-notes.service';
import { FinanceInvoicesController } from './invoices/finance-invoices.controller';
import { FinanceInvoicesService } from './invoices/finance-invoices.service';
import { InvoiceExportsController } from './invoices/invoice-exports.controller';
import { InvoiceExportsService } from './invoices/invoice-exports.service';
import { PlansController } from './plans/plans.controller';
import { PlansService } from './plans/plans.service';
import { PaymentReminders } from './reminders/payment-reminders';
import { BillingEngine } from './runs/billing-engine';
import { BillingRunsController } from './runs/billing-runs.controller';
import { BillingRunsService } from './runs/billing-runs.service';
import { BillingScheduler } from './runs/billing-scheduler';
import { RunDraftsController } from './runs/run-drafts.controller';
import { RunDraftsService } from './runs/run-drafts.service';
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
  imports: [AuditModule, MailModule, StatisticsModule],
  controllers: [
    InvoicingSettingsController,
    PlansController,
    AccountSubscriptionsController,
    SubscriptionsController,
    MySubscriptionController,
    BillingRunsController,
    RunDraftsController,
    FinanceSummaryController,
    BillingScheduleController,
    AccountInvoicesController,
    InvoicesController,
    FinanceAccountsController,
    MyInvoicesController,
    MyInvoiceAccessController,
    FinanceInvoicesController,
    InvoiceExportsController,
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
    RunDraftsService,
    BillingScheduler,
    FinanceSummaryService,
    BillingService,
    FinanceAccountsService,
    MyInvoicesService,
    FinanceInvoicesService,
    CreditNotesService,
    InvoiceExportsService,
  ],
})
export class BillingModule {}
