/**
 * What an issued invoice or credit note says: the one shape the billing engine assembles (from the
 * finalising transaction's snapshot) and the renderers turn into a PDF and a UBL 2.1 document.
 * Money is in integer minor units (cents) throughout; dates are ISO calendar dates (YYYY-MM-DD) in
 * the tenant's time zone. Nothing here reads the database: a stored document renders the same forever.
 */

import type { BankAccount } from '@mijn-account/shared-contracts';

export type DocumentKind = 'invoice' | 'credit-note';

/**
 * VAT category codes (UNCL5305) this product emits: S standard rate, Z zero rated, E exempt,
 * AE reverse charge, G export outside the EU, O not subject to VAT, K intra-community supply.
 */
export type TaxCategoryCode = 'S' | 'Z' | 'E' | 'AE' | 'G' | 'O' | 'K';

export interface PostalAddress {
  /** Street line as printed (street + house number + addition, or the generic street line). */
  streetLine: string | null;
  postalCode: string | null;
  city: string | null;
  /** State or province code (US, CA) or free region. */
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface SupplierParty {
  legalName: string;
  address: PostalAddress;
  /** VAT id (EU) or tax number (e.g. Canadian GST/HST), printed and in the UBL where the rules allow. */
  vatId: string | null;
  /** Chamber-of-commerce / company registration number. */
  registrationNumber: string | null;
  /** Where customers pay in the SEPA area (with the BIC when given); null when `bankAccount` says it. */
  iban: string | null;
  bic: string | null;
  /** Outside SEPA (ADR 0021): the bank account customers pay to. Absent from documents issued before it. */
  bankAccount?: BankAccount | null;
  email: string | null;
}

export interface CustomerParty {
  /** Customer number in the tenant's administration. */
  customerNumber: string;
  /** Company name when the account has one, else the account's name. */
  name: string;
  /** Snapshot of the billing address at finalisation. */
  address: PostalAddress;
  vatId: string | null;
  registrationNumber: string | null;
  email: string | null;
}

/** The tax treatment of a line: category, rate and — for 0 % categories — the exemption text and code. */
export interface TaxTreatment {
  category: TaxCategoryCode;
  /** Percentage in hundredths (2100 = 21 %, 0 for AE/G/O/E/Z). */
  rateBasisPoints: number;
  /** Printed text, in the document's language ("Btw verlegd" / "VAT reverse charged"); null for S. */
  exemptionReason: string | null;
  /** VATEX code (e.g. VATEX-EU-AE) where the category calls for one; null for S. */
  exemptionReasonCode: string | null;
}

export interface InvoiceLine {
  /** 1-based line number. */
  position: number;
  description: string;
  /** Integer; negative on credit (proration) lines of an invoice — the unit price itself is never negative (BR-27). */
  quantity: number;
  unitPriceMinor: number;
  /** quantity × unitPriceMinor (exact: both are integers). */
  netMinor: number;
  tax: TaxTreatment;
  /** The line's own service period (inclusive dates). */
  periodStart: string | null;
  periodEnd: string | null;
}

export interface TaxSubtotal {
  tax: TaxTreatment;
  /** Sum of the net amounts of the lines in this category and rate (BT-116). */
  taxableMinor: number;
  /** taxable × rate, rounded once on the category total (BT-117). */
  taxMinor: number;
}

export interface DocumentTotals {
  /** Σ line net amounts (BT-106). */
  lineExtensionMinor: number;
  /** Without VAT (BT-109); no document-level allowances or charges, so equal to BT-106. */
  taxExclusiveMinor: number;
  /** Σ category tax (BT-110). */
  taxMinor: number;
  /** BT-112. */
  taxInclusiveMinor: number;
  /** Amount due (BT-115). */
  payableMinor: number;
  subtotals: TaxSubtotal[];
}

export interface InvoiceDocument {
  kind: DocumentKind;
  /** The gapless number from the tenant's series, e.g. "CM-2026-000042". */
  number: string;
  issueDate: string;
  /** Invoices only. */
  dueDate: string | null;
  /** ISO 4217. */
  currency: string;
  language: 'nl' | 'en';
  /** BCP 47 locale for amounts and dates (e.g. nl-NL, en-CA). */
  locale: string;
  /** The document's service period (invoice level, BG-14), when there is one. */
  periodStart: string | null;
  periodEnd: string | null;
  supplier: SupplierParty;
  customer: CustomerParty;
  lines: InvoiceLine[];
  totals: DocumentTotals;
  /** Remittance information the customer quotes when paying (BT-83). */
  paymentReference: string;
  /** Credit notes: the invoice they correct (BT-25, BT-26). */
  precedingInvoice: { number: string; issueDate: string } | null;
  /** Credit notes: why. */
  note: string | null;
  /** Footer text in the document's language. */
  footer: string | null;
  branding: { displayName: string; color: string };
}
