/**
 * Code lists the API sends and the web shows through a translation (never raw): each has a label
 * family in the web's i18n files (`ENUM_LABELS` in web-core), and a unit test there checks that
 * every code here has its text in nl and en.
 */

export const GRANT_STATUSES = ['pending', 'active', 'denied', 'expired', 'revoked', 'closed'] as const;
/** A member's or staff member's state. */
export const PERSON_STATUSES = ['invited', 'active', 'disabled'] as const;
/** A person's state on one newsletter. */
export const NEWSLETTER_STATUSES = ['none', 'pending', 'confirmed', 'unsubscribed'] as const;
export const SIGN_IN_METHODS = ['password', 'google', 'microsoft'] as const;
export const SIGN_IN_OUTCOMES = ['success', 'failed', 'locked', 'second-factor-failed'] as const;
/** What the helpdesk access log records: the steps of a grant and the reads and writes under it. */
export const ACCESS_LOG_ACTIONS = [
  'request-created',
  'request-approved',
  'request-denied',
  'request-expired',
  'grant-expired',
  'grant-revoked',
  'grant-closed',
  'read',
  'write',
  'disclose',
] as const;
export const ACCESS_LOG_RESOURCES = [
  'access-grant',
  'billing',
  'profiles',
  'newsletters',
  'subscriptions',
  'invoices',
  'disclosure',
  /** A tenant admin set or lifted a restriction of processing (GDPR Art. 18). */
  'restriction',
] as const;
export const ACCESS_OUTCOMES = ['allowed', 'refused', 'failed'] as const;
