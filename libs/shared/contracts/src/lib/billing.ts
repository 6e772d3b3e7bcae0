import type { BankAccount } from './bank-accounts';
import type { DocumentKindCode } from './finance-invoices';
import type { RunSkip } from './finance-runs';

/** Finance (issue 17): invoicing settings, plans, subscriptions and billing runs, as the API speaks them. */

/** UNCL5305 categories a tenant configures for its domestic customers. */
export const DOMESTIC_TAX_CATEGORIES = ['S', 'Z', 'E'] as const;
export type DomesticTaxCategory = (typeof DOMESTIC_TAX_CATEGORIES)[number];

export interface TaxCategorySetting {
  /** The tenant's own key, e.g. `high`, `low`, `zero`, `hst`. */
  code: string;
  category: DomesticTaxCategory;
  /** Hundredths of a percent: 2100 = 21 %. */
  rateBasisPoints: number;
  /** What an invoice prints beside the rate. */
  textNl: string;
  textEn: string;
}

export interface SupplierAddress {
  streetLine: string;
  postalCode: string | null;
  city: string;
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** Payment reminders for overdue invoices, in the account's language (issue 17 §6). */
export interface PaymentReminderSettings {
  /** Days after the due date before the first reminder (0: the day after it is due). */
  afterDays: number;
  /** At most this many reminders per invoice; 0: none are sent. */
  max: number;
  /** Days between two reminders of one invoice. */
  intervalDays: number;
}

export interface InvoicingSettingsUpdate {
  legalName: string | null;
  address: SupplierAddress | null;
  /** VAT id, or the tax number of the supplier's country (a Canadian GST/HST account). */
  vatId: string | null;
  /** Chamber-of-commerce / company registration number. */
  cocNumber: string | null;
  /** IBAN, for a supplier in the SEPA area (`paymentAccountKind`); null elsewhere. */
  iban: string | null;
  bic: string | null;
  /** Outside SEPA: the bank account customers pay to (left out: none). */
  bankAccount?: BankAccount | null;
  /**
   * Where customers write about their invoices: the seller contact e-mail (BT-43), and the seller's
   * electronic address (BT-34, scheme EM) where nothing else always serves (`needsInvoiceEmail`: every
   * supplier outside the Netherlands, then required). Left out: unchanged.
   */
  invoiceEmail?: string | null;
  /** Invoice numbers read `<prefix>-<year>-<000001>`; frozen for a year once a number of it is used. */
  numberPrefix: string | null;
  paymentTermDays: number;
  /** Hours drafts wait for review before they are finalised on their own (0: at once). */
  reviewWindowHours: number;
  footerNl: string;
  footerEn: string;
  /** IANA time zone of the tenant's administration: issue dates and periods are its calendar days. */
  timeZone: string;
  taxCategories: TaxCategorySetting[];
  /** Account owners may change their plan or quantity themselves (prorated, as finance's changes are). Default false; left out: unchanged. */
  subscribersMayChangePlan?: boolean;
  /** Left out: unchanged (they start off: max 0). */
  reminders?: PaymentReminderSettings;
}

export interface InvoicingSettingsView extends InvoicingSettingsUpdate {
  bankAccount: BankAccount | null;
  invoiceEmail: string | null;
  subscribersMayChangePlan: boolean;
  reminders: PaymentReminderSettings;
  /** What invoicing still needs before a billing run may start (field names of this object); empty: complete. */
  missing: string[];
  /** True once a number of the current year is issued: the prefix then changes from next year only (GET only). */
  numberPrefixFrozen?: boolean;
}

export const PLAN_INTERVALS = ['month', 'year'] as const;
export type PlanInterval = (typeof PLAN_INTERVALS)[number];

export interface PlanCreate {
  nameNl: string;
  nameEn: string;
  descriptionNl: string;
  descriptionEn: string;
  /** Price per unit and interval, in integer minor units (cents), before tax. */
  priceMinor: number;
  /** ISO 4217: the tenant's currency. */
  currency: string;
  interval: PlanInterval;
  /** Code of one of the tenant's tax categories. */
  taxCategory: string;
}

export interface PlanView extends PlanCreate {
  id: string;
  archived: boolean;
  /** Every price with the date it applies from, oldest first (`priceMinor` is today's). */
  prices: { effectiveFrom: string; priceMinor: number }[];
  /** Subscriptions on this plan (a plan in use is archived, never deleted). */
  subscriptions: number;
}

export interface PlanPriceChange {
  priceMinor: number;
  /** The first day the new price applies; periods starting before it keep the old price. */
  effectiveFrom: string;
}

export interface SubscriptionCreate {
  planId: string;
  quantity: number;
  startDate: string;
  /** The day periods are counted from (default: the start date); days before it are billed pro rata. */
  billingAnchor?: string | null;
}

export interface SubscriptionUpdate {
  planId: string;
  quantity: number;
  cancelAtPeriodEnd: boolean;
  /** When a plan or quantity change applies (default: today); inside a period it is prorated by days. */
  effectiveDate?: string | null;
}

export type SubscriptionStatus = 'active' | 'cancelling' | 'ended' | 'future';

export interface SubscriptionView {
  id: string;
  accountId: string;
  planId: string;
  planName: { nl: string; en: string };
  quantity: number;
  startDate: string;
  billingAnchor: string;
  status: SubscriptionStatus;
  cancelAtPeriodEnd: boolean;
  endDate: string | null;
  currency: string;
  interval: PlanInterval;
  /** Price per unit of the current (or first) period, and quantity × that. */
  unitPriceMinor: number;
  /** Start of the next period to invoice after today; null when the subscription ends before it. */
  nextInvoiceDate: string | null;
  /** Net amount of that next invoice at today's plan, price and quantity (prorations not included). */
  estimatedAmountMinor: number | null;
}

export interface BillingRunStart {
  /** First and last day of the period whose service periods are billed (periods starting in it). */
  periodStart: string;
  periodEnd: string;
}

export type BillingRunStatus = 'drafting' | 'review' | 'finalising' | 'completed';

export interface BillingRunView {
  id: string;
  periodStart: string;
  periodEnd: string;
  status: BillingRunStatus;
  /** Subscriptions running in the period, when the run started. */
  toBill: number;
  /** Subscriptions that got a draft; skipped: those with nothing new to bill (already invoiced). */
  drafted: number;
  skipped: number;
  /** Invoices issued (numbered), and drafts that could not be (with the reasons in `failures`). */
  finalised: number;
  failed: number;
  failures: { invoiceId: string | null; subscriptionId: string | null; reason: string }[];
  /** One run's read only: its drafts that finalising will not number (see `RunDraftView.problem`). */
  willFail?: number;
  /** One run's read only: the subscriptions it skipped, and why (the first 50 by customer number). */
  skips?: RunSkip[];
  startedBy: string;
  createdAt: string;
  finaliseAfter: string | null;
  completedAt: string | null;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';

export interface FinanceInvoiceView {
  id: string;
  kind: DocumentKindCode;
  /** Null while a draft. */
  number: string | null;
  status: InvoiceStatus;
  issueDate: string | null;
  dueDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  currency: string;
  netMinor: number;
  taxMinor: number | null;
  grossMinor: number | null;
  /** What is still to be paid (payments and credit notes taken off); 0 for drafts and void ones. */
  outstandingMinor: number;
  /** What the customer is owed once payments and credit notes exceed the total (ADR 0014, "Balance"). */
  overpaidMinor: number;
  /** Why it was voided or marked uncollectible. */
  statusReason: string | null;
  /** Why a draft could not be finalised. */
  failure: string | null;
}

export interface InvoiceStatusChange {
  reason: string;
}

export interface PaymentCreate {
  /** Whole cents received; at most what is outstanding. */
  amountMinor: number;
  paidOn: string;
  /** The bank's or the customer's reference. */
  reference: string;
}
