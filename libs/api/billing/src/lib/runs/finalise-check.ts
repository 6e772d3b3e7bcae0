import type { DraftProblem } from '@mijn-account/shared-contracts';

/**
 * What keeps a draft from being numbered at finalising (issue 17, walk-through item 5): one rule, read
 * by the finalising batch (which marks the draft failed) and by the review (which warns before), so the
 * warning and the outcome cannot differ. The SQL form gives the same code without loading the drafts.
 * An account erased after its draft was made (the engine drafts nothing for one already erased, ADR
 * 0015) is billed nothing: finance deletes the draft; its address is gone as well, so the erasure is
 * named first — "no billing address" would send finance looking for one.
 */
export function finaliseProblem(account: {
  erased: boolean;
  street: string | null;
  city: string | null;
  country: string | null;
}): DraftProblem | null {
  if (account.erased) return 'accountErased';
  return !account.street || !account.city || !account.country ? 'noBillingAddress' : null;
}

/** finaliseProblem as a SQL expression on a subscriber_account alias: the problem's code, or NULL. */
export function finaliseProblemSql(a: string): string {
  return `(CASE WHEN ${a}.erased_at IS NOT NULL THEN 'accountErased'
                WHEN COALESCE(${a}.street, '') = '' OR COALESCE(${a}.city, '') = '' OR COALESCE(${a}.country, '') = ''
                THEN 'noBillingAddress' END)`;
}

/** The failure kept on a draft (finance reads it in the run's failures). */
export const FINALISE_PROBLEM_TEXT: Record<DraftProblem, string> = {
  accountErased: 'The account was erased: nothing is billed to it (delete this draft)',
  noBillingAddress: 'The account has no billing address',
};
