import type { InvoiceStatus } from './billing';

/** The subscriber's own invoices ("Mijn facturen") and the helpdesk's view under `invoices:read`. */

/** The statuses an issued invoice shows its customer (drafts are never shown). */
export const MY_INVOICE_STATUSES = ['open', 'paid', 'void', 'uncollectible'] as const;
/** A subscription's state as Mijn abonnement shows it (derived from its dates). */
export const SUBSCRIPTION_STATUSES = ['future', 'active', 'cancelling', 'ended'] as const;

export type InvoiceKind = 'invoice' | 'credit-note';

export interface MyInvoiceView {
  id: string;
  kind: InvoiceKind;
  number: string;
  /** Issued statuses only: open, paid, void or uncollectible. */
  status: (typeof MY_INVOICE_STATUSES)[number] & Exclude<InvoiceStatus, 'draft'>;
  issueDate: string;
  /** Null for a credit note. */
  dueDate: string | null;
  /** Open (or uncollectible) and past its due date, in the tenant's calendar. */
  overdue: boolean;
  periodStart: string | null;
  periodEnd: string | null;
  currency: string;
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
  /** An invoice: what was paid, and what its credit notes took off; 0 for a credit note. */
  paidMinor: number;
  creditedMinor: number;
  /** An invoice: what is still to be paid; 0 for a credit note or a settled invoice. */
  outstandingMinor: number;
  /** An invoice: what the customer is owed once payments and credit notes exceed its total. */
  overpaidMinor: number;
  /** A credit note: the number of the invoice it corrects; null for an invoice. */
  corrects: string | null;
  /** Whether the PDF and UBL are rendered yet (they are, moments after the invoice is issued). */
  files: { pdf: boolean; ubl: boolean };
}

export interface InvoiceAccessSetting {
  /** Members (not only owners) see the account's invoices and download them. */
  membersMaySeeInvoices: boolean;
}

/** The subscriber changes plan or quantity, where the tenant allows it; prorated from today. */
export interface MySubscriptionChange {
  planId: string;
  quantity: number;
}

/** A plan the subscriber may change to (same interval and currency as the subscription's). */
export interface MyPlanOption {
  id: string;
  name: { nl: string; en: string };
  description: { nl: string; en: string };
  currency: string;
  interval: 'month' | 'year';
  /** Today's price per unit, in minor units, before tax. */
  priceMinor: number;
}

/** What Mijn abonnement needs beside the subscriptions: may the subscriber change, and to what. */
export interface MySubscriptionOptions {
  mayChangePlan: boolean;
  plans: MyPlanOption[];
}
