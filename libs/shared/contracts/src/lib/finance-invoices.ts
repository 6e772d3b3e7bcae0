import type { BankAccount } from './bank-accounts';
import type { RestrictedRecord } from './privacy-retention';
import type { InvoiceStatus } from './billing';

/** Finance's invoice list, detail, credit notes and exports (issue 17 §5–§7). */
export const FINANCE_INVOICE_ROUTES = {
  invoices: 'finance/invoices',
  exports: 'finance/exports',
} as const;

/** Why finance read an account's data: the reason code its access-log events carry. */
export const FINANCE_READ_REASON = 'finance' as const;

export type DocumentKindCode = 'invoice' | 'credit-note';

/** Query of `GET /api/finance/invoices`; every filter optional. */
export interface FinanceInvoiceQuery {
  status?: InvoiceStatus[];
  kind?: DocumentKindCode;
  /** Open and past the due date. */
  overdue?: boolean;
  /** Issue dates, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  accountId?: string;
  /** Number, customer number or customer name, in part. */
  q?: string;
  /** The `next` of the page before. */
  after?: string;
  limit?: number;
}

export interface FinanceInvoiceListItem {
  id: string;
  kind: DocumentKindCode;
  /** Null while a draft. */
  number: string | null;
  status: InvoiceStatus;
  overdue: boolean;
  issueDate: string | null;
  dueDate: string | null;
  accountId: string;
  customerNumber: string;
  customerName: string;
  currency: string;
  netMinor: number;
  taxMinor: number | null;
  grossMinor: number | null;
  paidMinor: number;
  /** Σ the credit notes issued against it (not voided). */
  creditedMinor: number;
  /** What is still to be paid: gross − paid − credited; 0 for credit notes, drafts and voided ones. */
  outstandingMinor: number;
  /** What the customer is owed: paid + credited − gross once above zero (ADR 0014, "Balance"); else 0. */
  overpaidMinor: number;
  /** Kept after the account's erasure: read and download only (issue 18 §3); null otherwise. */
  restricted: RestrictedRecord | null;
}

export interface FinanceInvoicePage {
  items: FinanceInvoiceListItem[];
  /** Cursor for the next page; null on the last. */
  next: string | null;
}

export interface DocumentAddressView {
  streetLine: string | null;
  postalCode: string | null;
  city: string | null;
  region: string | null;
  country: string;
}

export interface DocumentPartyView {
  name: string;
  address: DocumentAddressView;
  vatId: string | null;
  registrationNumber: string | null;
  customerNumber?: string;
  email?: string | null;
  iban?: string;
  bic?: string | null;
  /** Outside SEPA: the supplier's bank account (ADR 0021). */
  bankAccount?: BankAccount | null;
}

export interface FinanceInvoiceLineView {
  position: number;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  netMinor: number;
  /** UNCL5305 category once issued (S, Z, AE, O …); the tenant's own code on a draft. */
  taxCategory: string;
  /** Hundredths of a percent; null on a draft. */
  rateBasisPoints: number | null;
  periodStart: string | null;
  periodEnd: string | null;
}

export interface TaxBreakdownView {
  category: string;
  rateBasisPoints: number;
  /** Printed text of a 0 % category (e.g. “Btw verlegd”). */
  exemptionReason: string | null;
  taxableMinor: number;
  taxMinor: number;
}

export interface PaymentView {
  id: string;
  amountMinor: number;
  paidOn: string;
  reference: string;
  createdAt: string;
}

export interface InvoiceFileView {
  format: 'pdf' | 'ubl';
  fileName: string;
  sha256: string;
  size: number;
}

export interface FinanceInvoiceDetail extends FinanceInvoiceListItem {
  periodStart: string | null;
  periodEnd: string | null;
  language: 'nl' | 'en';
  statusReason: string | null;
  failure: string | null;
  /** Snapshots taken at issue (null on a draft). */
  supplier: DocumentPartyView | null;
  customer: DocumentPartyView | null;
  paymentReference: string | null;
  lines: FinanceInvoiceLineView[];
  taxBreakdown: TaxBreakdownView[];
  payments: PaymentView[];
  /** Payment reminders sent for it, oldest first (the address reads `erased` after an erasure). */
  reminders: { reminderNo: number; sentAt: string; recipient: string }[];
  /** Credit notes that correct this invoice. */
  creditNotes: { id: string; number: string; issueDate: string; grossMinor: number; status: InvoiceStatus }[];
  /** A credit note: the invoice it corrects. */
  creditedInvoice: { id: string; number: string; issueDate: string } | null;
  /** A credit note: why. */
  note: string | null;
  /** PDF and UBL, once rendered (a moment after issue). */
  files: InvoiceFileView[];
}

export const CREDIT_NOTE_MODES = ['whole', 'lines', 'amount'] as const;
export type CreditNoteMode = (typeof CREDIT_NOTE_MODES)[number];

/** `POST /api/finance/invoices/:invoiceId/credit-notes` with an Idempotency-Key. */
export interface CreditNoteCreate {
  mode: CreditNoteMode;
  /** mode `lines`: which lines, and how many of each (1 … the line's quantity, as a positive number). */
  lines?: { position: number; quantity: number }[];
  /** mode `amount`: net amount in cents, taxed like the invoice (one tax rate only). */
  amountMinor?: number;
  /** Printed on the credit note. */
  reason: string;
}
