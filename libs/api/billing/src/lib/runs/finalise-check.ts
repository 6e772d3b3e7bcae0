import type { DraftProblem } from '@mijn-account/shared-contracts';

/**
 * What keeps a draft from being numbered at finalising (issue 17, walk-through item 5): one rule, read
 * by the finalising batch (which marks the draft failed) and by the review (which warns before), so the
 * warning and the outcome cannot differ. The SQL form counts a run's drafts without loading them.
 */
export function finaliseProblem(account: {
  street: string | null;
  city: string | null;
  country: string | null;
}): DraftProblem | null {
  return !account.street || !account.city || !account.country ? 'noBillingAddress' : null;
}

/** finaliseProblem as a SQL condition on a subscriber_account alias. */
export function finaliseProblemSql(a: string): string {
  return `(COALESCE(${a}.street, '') = '' OR COALESCE(${a}.city, '') = '' OR COALESCE(${a}.country, '') = '')`;
}

/** The failure kept on a draft (finance reads it in the run's failures). */
export const FINALISE_PROBLEM_TEXT: Record<DraftProblem, string> = {
  noBillingAddress: 'The account has no billing address',
};
