/**
 * Privacy requests tracked to their legal deadline (issue 18 §5), and restriction (Art. 18) and
 * objection (Art. 21) with a real effect (§4). Paths are below `/api`.
 */
export const PRIVACY_REQUEST_ROUTES = {
  /** The person's own requests (GET). */
  myRequests: 'me/privacy/requests',
  /** The person's restriction and objections (GET); a restriction request (POST …/restriction/requests). */
  myRestriction: 'me/privacy/restriction',
  /** PUT …/objections/:purpose { objected } */
  myObjections: 'me/privacy/objections',
  /** The tenant admin's register: list, register, extend, close. */
  adminRequests: 'admin/privacy/requests',
  /** The tenant admin's view of restricted people; PUT …/:userId sets or lifts. */
  adminRestrictions: 'admin/privacy/restrictions',
} as const;

export const PRIVACY_REQUEST_TYPES = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'objection',
  'portability',
  'question',
  'complaint',
] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_TYPES)[number];
export const PRIVACY_REQUEST_CHANNELS = ['portal', 'email', 'phone', 'letter'] as const;
export type PrivacyRequestVia = (typeof PRIVACY_REQUEST_CHANNELS)[number];
/** The channels staff register a request from (the portal's own requests register themselves). */
export const REGISTERED_CHANNELS = ['email', 'phone', 'letter'] as const;
export type RegisteredChannel = (typeof REGISTERED_CHANNELS)[number];
export const PRIVACY_REQUEST_STATUSES = ['open', 'done', 'refused', 'withdrawn'] as const;
export type PrivacyRequestState = (typeof PRIVACY_REQUEST_STATUSES)[number];
export type ClosedRequestState = Exclude<PrivacyRequestState, 'open'>;
/** Objections per purpose (Art. 21): direct marketing (every newsletter list) and usage statistics. */
export const OBJECTION_PURPOSES = ['direct-marketing', 'statistics'] as const;
export type ObjectionPurpose = (typeof OBJECTION_PURPOSES)[number];

/** How close an open request is to its deadline: overdue, due within 7 days, or neither. */
export const DEADLINE_STATES = ['overdue', 'due-soon', 'on-time', 'closed'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
/** An open request is "due soon" when its deadline is at most this many days away. */
export const DUE_SOON_DAYS = 7;

export interface PrivacyRequestView {
  id: string;
  type: PrivacyRequestKind;
  channel: PrivacyRequestVia;
  details: string | null;
  /** YYYY-MM-DD. */
  receivedOn: string;
  /** One month after receipt (Art. 12(3)). */
  deadline: string;
  /** The extended deadline, at most two months later, with the reason the person was told. */
  extendedUntil: string | null;
  extensionReason: string | null;
  /** The extended deadline, else the deadline. */
  dueOn: string;
  /** The latest date an extension may give. */
  latestExtension: string;
  deadlineState: DeadlineState;
  status: PrivacyRequestState;
  outcome: string | null;
  closedAt: string | null;
  /** Version for If-Match on extension and closing. */
  version: number;
}

/** A request in the tenant admin's register: with the person it came from. */
export interface AdminPrivacyRequestView extends PrivacyRequestView {
  userId: string | null;
  personName: string | null;
  personEmail: string | null;
  /** Whether the person's processing is restricted now (for restriction requests). */
  personRestricted: boolean;
  registeredBy: string | null;
}

export interface PrivacyRequestRegistration {
  type: PrivacyRequestKind;
  channel: RegisteredChannel;
  /** YYYY-MM-DD, not in the future. */
  receivedOn: string;
  /** The person's e-mail in this portal, if they have an account here. */
  email: string | null;
  /** Who asked and what, in free text (required when no e-mail is given). */
  details: string | null;
}

export interface PrivacyRequestExtension {
  /** YYYY-MM-DD: after the deadline, at most two months after it. */
  until: string;
  /** Mailed to the person. */
  reason: string;
}

export interface PrivacyRequestClosing {
  status: ClosedRequestState;
  outcome: string;
}

export interface MyRestrictionView {
  restricted: boolean;
  restrictedAt: string | null;
  reason: string | null;
  /** An open restriction request of this person, if any. */
  openRequest: { id: string; dueOn: string } | null;
  objections: Record<ObjectionPurpose, string | null>;
}

export interface RestrictionRequestInput {
  /** Why the person asks (Art. 18(1) a–d), in their words. */
  details: string;
}

export interface ObjectionInput {
  objected: boolean;
}

/** A person whose processing is restricted, or who objected, as the tenant admin sees them. */
export interface RestrictedPersonView {
  userId: string;
  displayName: string;
  email: string;
  restrictedAt: string | null;
  reason: string | null;
  restrictedBy: string | null;
  marketingObjectedAt: string | null;
  statisticsObjectedAt: string | null;
  version: number;
}

export interface RestrictionUpdate {
  restricted: boolean;
  /** Required when setting; kept in the record; null when lifting. */
  reason: string | null;
}
