/**
 * What an erasure kept, as finance sees it (issue 18 §3, ADR 0015 "Retention purge"): the account's
 * invoices and credit notes stay readable and downloadable (fiscal law) until `keptUntil`, and
 * nothing new is made on them (no credit notes, one-off lines or subscriptions: 409, field code
 * `accountErased`).
 */
export interface RestrictedRecord {
  /** When the account's last person was erased (ISO timestamp). */
  erasedAt: string;
  /** The last day it is kept (ISO date): the end of the 7th year after the year of issue; null without issued documents. */
  keptUntil: string | null;
}

/** The field code of a change refused because the account was erased. */
export const ACCOUNT_ERASED = 'accountErased';
