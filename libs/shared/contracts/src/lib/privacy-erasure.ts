/** The person's own erasure (issue 18 §3), below the `/api` prefix. */
export const ERASURE_ROUTE = 'me/privacy/erasure';

/** What an erasure keeps, restricted, and why (the page and the final mail name each). */
export const ERASURE_KEPT = ['invoices', 'consents', 'access-log', 'requests'] as const;
export type ErasureKept = (typeof ERASURE_KEPT)[number];

/** Invoices and credit notes are kept this many years after the end of the year they were issued in (Dutch fiscal retention). */
export const FISCAL_RETENTION_YEARS = 7;

export interface PendingErasure {
  id: string;
  /** ISO 8601. */
  requestedAt: string;
  /** ISO 8601: the end of the grace period; cancellable until then. */
  eraseAfter: string;
}

/** GET /me/privacy/erasure: the person's pending erasure (ETag: its version), and what asking would do. */
export interface ErasureView {
  pending: PendingErasure | null;
  /** The tenant's grace period in days. */
  graceDays: number;
  /** The person is the last owner of an account that has other people: they must make someone else owner first. */
  lastOwnerWithOthers: boolean;
  /** Erasing this person erases their account too (they are its only person). */
  accountGoesToo: boolean;
}
