import type { BillingRunView } from './billing';

/** Open and overdue amounts of one currency (issued invoices not paid, void or uncollectible). */
export interface FinanceCurrencySummary {
  currency: string;
  /** Outstanding (total minus payments) of open invoices, in minor units, and how many. */
  openMinor: number;
  openCount: number;
  /** The part of it whose due date has passed (overdue from the day after the due date). */
  overdueMinor: number;
  overdueCount: number;
}

/** Finance's dashboard: amounts per currency, the last run, the next scheduled run. */
export interface FinanceSummary {
  currencies: FinanceCurrencySummary[];
  lastRun: BillingRunView | null;
  /** Day (tenant's calendar) of the next scheduled run; null when none is scheduled. */
  nextScheduledRun: string | null;
  /** What the invoicing settings still miss before billing can run (field names of InvoicingSettingsUpdate). */
  missing: string[];
  /** Today in the tenant's time zone, as the amounts were counted. */
  today: string;
}

/** One draft of a run under review. */
export interface RunDraftView {
  id: string;
  accountId: string;
  customerNumber: string;
  customerName: string;
  currency: string;
  periodStart: string | null;
  periodEnd: string | null;
  /** Sum of the lines; tax follows at finalisation from the customer's treatment. */
  netMinor: number;
  lineCount: number;
  /** Its first line's tax category: what a one-off line on it is proposed (null without lines). */
  taxCategory: string | null;
  /** Why finalising it failed (finance fixes the cause and retries). */
  failure: string | null;
  /** What keeps it from being numbered: before finalising a warning, after it the cause of its failure. */
  problem: DraftProblem | null;
}

/** What keeps a draft from being numbered at finalising. */
export const DRAFT_PROBLEMS = ['accountErased', 'noBillingAddress'] as const;
export type DraftProblem = (typeof DRAFT_PROBLEMS)[number];

/** Why a run drafted nothing for a subscription running in its period. */
export const RUN_SKIP_REASONS = ['alreadyBilled', 'erased', 'nothingStarts'] as const;
export type RunSkipReason = (typeof RUN_SKIP_REASONS)[number];

/** A subscription a run skipped, and why. */
export interface RunSkip {
  subscriptionId: string;
  accountId: string;
  customerNumber: string;
  customerName: string;
  reason: RunSkipReason;
}

/** One line of a draft, as finalising will print it (tax follows from the customer's treatment then). */
export interface RunDraftLine {
  position: number;
  /** `recurring`, `proration-credit`, `proration-debit` or `one-off`. */
  kind: string;
  description: string;
  /** The line's own service period (prorated lines have a part of the invoice's). */
  periodStart: string | null;
  periodEnd: string | null;
  /** Whole units; negative for a credit. */
  quantity: number;
  unitPriceMinor: number;
  netMinor: number;
  /** One of the tenant's tax category codes (its text and rate are in the invoicing settings). */
  taxCategory: string;
}

/** A draft opened in the review: its summary and its lines in order. */
export interface RunDraftDetail extends RunDraftView {
  lines: RunDraftLine[];
}

/** A page of a run's drafts, by id; pass `nextCursor` as `after` for the next page. */
export interface RunDraftPage {
  items: RunDraftView[];
  nextCursor: string | null;
}

/** A one-off line finance adds to a draft. */
export interface DraftLineCreate {
  description: string;
  /** Whole units; negative for a credit (the price stays positive). */
  quantity: number;
  /** Whole cents per unit, 0 or more. */
  unitPriceMinor: number;
  /** One of the tenant's tax category codes. */
  taxCategory: string;
}

/** The tenant's scheduled billing run: on this day of the month (1–28) the month is billed; null: none. */
export interface BillingScheduleView {
  runDay: number | null;
  timeZone: string;
  nextRun: string | null;
}

export interface BillingScheduleUpdate {
  runDay: number | null;
}

/** A run's statuses, in the order a run goes through them (labels: `finance.runs.statuses.*`). */
export const BILLING_RUN_STATUSES = ['drafting', 'review', 'finalising', 'completed'] as const;

/** What the invoicing settings can miss before billing runs (labels: `finance.dashboard.missing.*`). */
export const INVOICING_REQUIREMENTS = [
  'legalName',
  'address',
  'vatId',
  'cocNumber',
  'iban',
  'bankAccount',
  'invoiceEmail',
  'numberPrefix',
  'taxCategories',
] as const;
