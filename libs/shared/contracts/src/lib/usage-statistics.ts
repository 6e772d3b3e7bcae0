import { SIGN_IN_METHODS } from './codes';

/**
 * Usage statistics with no relation to a person (issue 18 §8): daily counts per tenant, feature and
 * event, and nothing else. The catalogue below is the only vocabulary a count may carry: the counter
 * refuses any other feature or event, so no identifier can be smuggled into a statistics row.
 */

/** The sections of the signed-in portal a page view is counted for (the first segment of the path). */
export const USAGE_SECTIONS = ['account', 'security', 'newsletters', 'support', 'finance', 'privacy', 'admin'] as const;
export type UsageSection = (typeof USAGE_SECTIONS)[number];

/** Every feature and its events. */
export const USAGE_EVENTS = {
  'sign-in': SIGN_IN_METHODS,
  'page-view': USAGE_SECTIONS,
  helpdesk: ['access-requested'],
  newsletters: ['subscribed', 'confirmed', 'unsubscribed'],
  invoices: ['pdf-downloaded', 'ubl-downloaded'],
  export: ['requested', 'downloaded'],
} as const;
export type UsageFeature = keyof typeof USAGE_EVENTS;
export const USAGE_FEATURES = Object.keys(USAGE_EVENTS) as UsageFeature[];
export type UsageEvent<F extends UsageFeature = UsageFeature> = (typeof USAGE_EVENTS)[F][number];

/** Counts below this are not shown (suppressed on the server: `null`, shown as "< 5"). */
export const USAGE_SUPPRESS_BELOW = 5;
/** The longest period the dashboard shows at once. */
export const USAGE_MAX_DAYS = 366;

/** The web app's page-view beacon: the section's name and nothing else. */
export interface PageViewBeacon {
  section: UsageSection;
}

/** One event's counts in the period: `null` where the count is below 5. */
export interface UsageEventStats {
  event: string;
  /** The sum of the days shown (never of the hidden ones, which it would give away); `null` when no day is shown. */
  total: number | null;
  /** One entry per day of the period, oldest first. */
  days: (number | null)[];
}

export interface UsageFeatureStats {
  feature: UsageFeature;
  events: UsageEventStats[];
}

/** GET admin/statistics?from&to (tenant's calendar days, both included; the last 30 days without). */
export interface UsageStatistics {
  from: string;
  to: string;
  /** The days of the period, YYYY-MM-DD, oldest first (the `days` arrays follow them). */
  days: string[];
  features: UsageFeatureStats[];
}

export const STATISTICS_ROUTES = {
  statistics: 'admin/statistics',
  pageViews: 'statistics/page-views',
} as const;
