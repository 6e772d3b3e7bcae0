import { BillingRun } from './billing-run.entity';
import { BillingRunBatch } from './billing-run-batch.entity';
import { BillingSchedule } from './billing-schedule.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { InvoiceFile } from './invoice-file.entity';
import { InvoiceLineRow } from './invoice-line.entity';
import { InvoiceNumberCounter } from './invoice-number-counter.entity';
import { Invoice } from './invoice.entity';
import { InvoicingSettings } from './invoicing-settings.entity';
import { Payment } from './payment.entity';
import { PaymentReminder } from './payment-reminder.entity';
import { PlanPrice } from './plan-price.entity';
import { Plan } from './plan.entity';
import { Proration } from './proration.entity';
import { Subscription } from './subscription.entity';
import { TaxCategory } from './tax-category.entity';

export {
  BillingRun,
  BillingRunBatch,
  BillingSchedule,
  IdempotencyKey,
  Invoice,
  InvoiceFile,
  InvoiceLineRow,
  InvoiceNumberCounter,
  InvoicingSettings,
  Payment,
  PaymentReminder,
  Plan,
  PlanPrice,
  Proration,
  Subscription,
  TaxCategory,
};
/** The entities of the billing library's tables. */
export const BILLING_ENTITIES = [
  InvoicingSettings,
  TaxCategory,
  Plan,
  PlanPrice,
  Subscription,
  Proration,
  BillingRun,
  Invoice,
  InvoiceLineRow,
  InvoiceNumberCounter,
  IdempotencyKey,
  InvoiceFile,
  Payment,
  BillingSchedule,
  PaymentReminder,
  BillingRunBatch,
];
