import type { BillingDetails } from './api';
import type { RestrictedRecord } from './privacy-retention';

/** Finance's customer list and customer page (issue 17 §2, §7): who is billed, and where to. */

/** One customer in finance's list: directory data only (the account page shows the billing details). */
export interface FinanceAccountSummary {
  id: string;
  customerNumber: string;
  name: string;
  /** ISO 3166-1 alpha-2 of the billing address; null while the account has none. */
  country: string | null;
  /** Subscriptions running today (started, not ended; cancelling ones included). */
  activeSubscriptions: number;
  /** Erased: its records are kept, restricted, until `keptUntil` (issue 18 §3); null otherwise. */
  restricted: RestrictedRecord | null;
}

/** A page of the customer list, ordered by customer number; `next` is the cursor of the following page. */
export interface FinanceAccountPage {
  items: FinanceAccountSummary[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

/** Query of the customer list: `q` searches customer number (prefix) and name (part). */
export interface FinanceAccountQuery {
  q?: string;
  after?: string;
  limit?: number;
}

export const FINANCE_ACCOUNT_PAGE_SIZE = 50;

/** One customer as finance needs it to bill: its name and number, and the billing details invoices copy. */
export interface FinanceAccountView {
  id: string;
  customerNumber: string;
  name: string;
  billing: BillingDetails;
  /** Erased: its records are kept, restricted, until `keptUntil` (issue 18 §3); null otherwise. */
  restricted: RestrictedRecord | null;
}
