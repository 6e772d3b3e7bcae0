import type { AccountRole, Language, StaffRole, UserKind } from './roles';
import type { GRANT_STATUSES } from './codes';
import type { AgeConfirmation, AgeRequirement } from './privacy-overview';

/** Every path the API serves, below the `/api` prefix. Used by the API controllers and the web stores. */
export const API_PREFIX = 'api';
export const ROUTES = {
  health: 'health',
  tenant: 'tenant',
  session: 'session',
  me: 'me',
  signUp: 'sign-up',
  passwordReset: 'password-reset',
  emailChange: 'email-change',
  invitations: 'invitations',
  security: 'me/security',
  identityProviders: 'auth',
  staff: 'admin/staff',
  signInSettings: 'admin/sign-in-settings',
  members: 'account/members',
  profile: 'me/profile',
  billing: 'account/billing',
  myNewsletters: 'me/newsletters',
  newsletters: 'newsletters',
  adminNewsletters: 'admin/newsletters',
  accessLog: 'account/access-log',
  accessRequests: 'account/access-requests',
  support: 'support',
  accessSettings: 'admin/access-settings',
  invoicingSettings: 'admin/invoicing-settings',
  plans: 'finance/plans',
  financeAccounts: 'finance/accounts',
  financeSubscriptions: 'finance/subscriptions',
  financeInvoices: 'finance/invoices',
  billingRuns: 'finance/billing-runs',
  financeSummary: 'finance/summary',
  billingSchedule: 'finance/billing-schedule',
  mySubscription: 'account/subscription',
  myInvoices: 'account/invoices',
  myInvoiceAccess: 'account/invoice-access',
  privacyStatement: 'privacy-statement',
  adminPrivacyStatements: 'admin/privacy/statements',
  myPrivacy: 'me/privacy',
  privacyProcessing: 'admin/privacy/processing',
  privacySettings: 'admin/privacy/settings',
  privacyDisclosures: 'admin/privacy/disclosures',
  cookieConsent: 'cookie-consent',
  privacyCookieSettings: 'admin/privacy/cookies',
} as const;

/** What a helpdesk grant can allow; read-only unless a write scope is asked for. */
export const ACCESS_SCOPES = [
  'profile:read',
  'billing:read',
  'billing:write',
  'newsletters:read',
  'invoices:read',
] as const;
export type AccessScope = (typeof ACCESS_SCOPES)[number];
/**
 * Every field name an access-log event may name (what a read showed, what a write changed); the
 * subscriber's access page shows each in words (helpdesk.fields.*). The API's field lists are typed
 * with it, so a new name does not compile until it is here and translated. A step of a grant names
 * its scopes instead.
 */
export const ACCESS_LOG_FIELDS = [
  // profile
  'name',
  'email',
  'phone',
  'language',
  'timeZone',
  // billing details
  'companyName',
  'cocNumber',
  'vatId',
  'billingEmail',
  'address',
  // invoices
  'number',
  'status',
  'totals',
  'dueDate',
  'lines',
  'payments',
  'reminders',
  'pdf',
  'ubl',
  // subscriptions
  'plan',
  'quantity',
  'price',
  'startDate',
  'endDate',
  // restriction of processing and objections
  'restriction',
  'objections',
  'restricted',
  'reason',
] as const;
export type AccessLogField = (typeof ACCESS_LOG_FIELDS)[number];
/** `service`: the subscriber decides; `security` / `availability` (technical): a supervisor decides. */
export const ACCESS_REASONS = ['service', 'security', 'availability'] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export interface AccessGrantView {
  id: string;
  accountId: string;
  customerNumber: string;
  accountName: string;
  requestedBy: string;
  reason: AccessReason;
  ticket: string;
  justification: string;
  scopes: AccessScope[];
  minutes: number;
  status: GrantStatus;
  requestedAt: string;
  requestExpiresAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  startsAt: string | null;
  expiresAt: string | null;
  endedAt: string | null;
  closeNote: string | null;
  /** Why the request was denied (the decider's words; the agent reads them). */
  denyReason: string | null;
}

/** Pages of the web app that e-mails and redirects link to. */
export const PAGES = {
  signIn: '/sign-in',
  signUpVerify: '/sign-up/verify',
  passwordReset: '/password-reset',
  emailChangeConfirm: '/email-change/confirm',
  emailChangeUndo: '/email-change/undo',
  invitation: '/invitation',
  linkIdentity: '/sign-in/link',
  security: '/security',
  newsletterConfirm: '/newsletters/confirm',
  newsletterManage: '/newsletters/manage',
  /** The page the visible "unsubscribe" link of every newsletter opens (one click there, never on GET). */
  newsletterUnsubscribe: '/newsletters/unsubscribe',
  helpdeskAccess: '/account/helpdesk-access',
  myInvoices: '/account/invoices',
  privacyStatement: '/privacy-statement',
  privacyRequestsAdmin: '/admin/privacy/requests',
  /** A Google or Microsoft sign-up's age question (issue 18 §1), before the account is made. */
  socialSignUp: '/sign-up/age',
} as const;

/** One change in a change history: the field, its value before and after. */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

export interface ChangeHistoryEntry {
  at: string;
  by: string;
  byKind: UserKind;
  changes: FieldChange[];
}

export interface Profile {
  displayName: string;
  email: string;
  /** E.164, such as +31612345678; null when not given. */
  phone: string | null;
  preferredLanguage: Language | null;
  /** IANA time zone, such as Europe/Amsterdam. */
  timeZone: string | null;
  /** ISO 3166-1 alpha-2 in which a number without +country is read: the account's billing country, else the tenant's. */
  phoneCountry: string;
}
export type ProfileUpdate = Omit<Profile, 'email' | 'phoneCountry'>;

export interface BillingDetails {
  companyName: string | null;
  cocNumber: string | null;
  vatId: string | null;
  /** The VAT id's format and check digits, as checked when it was saved (for finance). */
  vatCheck: { valid: boolean; checkedAt: string } | null;
  billingEmail: string | null;
  address: BillingAddress | null;
}

/** Laid out and checked per country (`addressRules` in address.ts). */
export interface BillingAddress {
  /** The street line; where the house number has no field of its own (`addressRules(country).houseNumber` false), with the number. */
  street: string;
  /** Its own field in NL, BE and DE; null elsewhere (addresses saved before may still carry one). */
  houseNumber: string | null;
  houseNumberAddition: string | null;
  /** Empty only in countries without postal codes. */
  postalCode: string;
  city: string;
  /** State or province code (US, CA), free text in the generic form; null or absent where there is none. */
  region?: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}
export type BillingUpdate = Omit<BillingDetails, 'vatCheck'>;

export interface NewsletterListView {
  id: string;
  name: string;
  description: string;
  status: 'none' | 'pending' | 'confirmed' | 'unsubscribed';
  /** The exact words the opt-in shows; recorded with the consent. */
  consentText: string;
  /** Open to new sign-ups (false: hidden by the admin; whoever is on it still sees it and can leave). */
  offered: boolean;
}

/** What an unsubscribe link is for, shown before the one click (GET never unsubscribes). */
export interface NewsletterUnsubscribeView {
  email: string;
  /** The subscriber's language (their own choice, else the tenant's): the page speaks it. */
  language: Language;
  list: NewsletterListView;
}

/** An issue as its mail will look in one language of the list (the admin's preview before sending). */
export interface NewsletterIssuePreview {
  language: Language;
  subject: string;
  /** The mail's HTML, as sent (to show in a sandboxed frame). */
  html: string;
  text: string;
}

export interface NewsletterListAdmin {
  id: string;
  nameNl: string;
  nameEn: string;
  descriptionNl: string;
  descriptionEn: string;
  visible: boolean;
  confirmedSubscribers: number;
}

/** Cookie and header names shared by server and browser. Angular's XSRF defaults are kept on purpose. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';
/**
 * A hint, no secret: "this browser has a session". Set and cleared with the session cookie, so the
 * server renders home and billing and not the sign-in page (ADR 0017), and the app can wait for its
 * session check instead of showing the sign-in form first. Only a hint: the session check stays the truth.
 */
export const SIGNED_IN_HINT_COOKIE = 'ma_signed_in';
/** The visitor's chosen interface language (`nl` / `en`), read by the app and by the server that renders the page. */
export const LANGUAGE_COOKIE = 'ma_lang';

/** The id of the JSON script element in index.html that carries the tenant's `TenantInfo` (the app starts without asking). */
export const TENANT_SCRIPT_ID = 'ma-tenant';

/** A read the app makes while the server renders a page, answered in the same process (never over the network). */
export interface RenderRead {
  /** Path and query on the tenant's host: `/api/…` or `/i18n/<language>.json`. */
  url: string;
  headers: Record<string, string>;
}

/** Its answer: the status, the response headers the app may read, and the body as text. */
export interface RenderReadAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * What the API hands Angular's server engine as the request context (`REQUEST_CONTEXT`) when it
 * renders a page (ADR 0017): the tenant already resolved for this host, the page's language by
 * the same rule as every page (`ma_lang`, else the tenant's), and the way to read the API as this
 * visitor (their Cookie header, the tenant's Host) — in process, GET only.
 */
export interface PageRenderContext {
  tenant: TenantInfo;
  language: Language;
  read(request: RenderRead): Promise<RenderReadAnswer>;
}

/** Public branding of the tenant that serves the current host. */
export interface TenantInfo {
  slug: string;
  displayName: string;
  defaultLanguage: Language;
  currency: string;
  /** ISO 3166-1 alpha-2: phone numbers without +country are read in it when the account has no billing country. */
  country: string;
  brandColor: string;
  logoUrl: string | null;
  /** IANA time zone of the tenant's calendar (its invoicing settings'): "today" in a date field is a day in it. */
  timeZone: string;
}

export interface SignInRequest {
  email: string;
  password: string;
}

/** Answer to a correct password: signed in, or a second factor is needed first. */
export type SignInResponse = { status: 'signed-in' } | { status: 'second-factor'; challenge: string };

export interface SecondFactorRequest {
  challenge: string;
  /** A 6-digit code from the authenticator app, or one recovery code. */
  code: string;
}

export interface SignUpRequest {
  email: string;
  password: string;
  displayName: string;
  /** Name of the new subscriber account (company or household). */
  accountName: string;
  /** Required where the tenant asks an age confirmation (SignInOptions.ageRequirement). */
  ageConfirmation?: AgeConfirmation;
}

export interface TokenRequest {
  token: string;
}

export interface NewPasswordRequest {
  token: string;
  password: string;
}

/** What an invitation link is about, read (not used up) before the invitee chooses a password. */
export interface InvitationPreview {
  email: string;
  displayName: string;
  /** The inviter's name when they invited; null for a link sent before it was kept. */
  invitedBy: string | null;
  /** The subscriber account joined; null for an invitation to the staff. */
  accountName: string | null;
  accountRole: AccountRole | null;
  staffRoles: StaffRole[];
}

export interface StepUpRequest {
  password?: string;
  code?: string;
}

export type SignInMethod = 'password' | 'google' | 'microsoft';
export const IDENTITY_PROVIDERS = ['google', 'microsoft'] as const;
export type IdentityProviderName = (typeof IDENTITY_PROVIDERS)[number];

export interface SessionInfo {
  id: string;
  current: boolean;
  device: string;
  ip: string | null;
  method: SignInMethod;
  startedAt: string;
  lastSeenAt: string;
}

export interface SignInEventInfo {
  at: string;
  method: string;
  outcome: 'success' | 'failed' | 'locked' | 'second-factor-failed';
  ip: string | null;
  device: string;
  newDevice: boolean;
}

export interface SecurityOverview {
  email: string;
  hasPassword: boolean;
  twoFactor: { enabled: boolean; required: boolean; recoveryCodesLeft: number };
  identities: { provider: IdentityProviderName; email: string | null; linkedAt: string }[];
  /** Providers this tenant has switched on (to show "link" buttons). */
  availableProviders: IdentityProviderName[];
  /** When the last password or code was given in this session (for step-up). */
  reauthenticatedAt: string;
}

export interface TwoFactorSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface StaffMember {
  id: string;
  email: string;
  displayName: string;
  roles: StaffRole[];
  status: 'invited' | 'active' | 'disabled';
  twoFactor: boolean;
}

export interface AccountMember {
  id: string;
  email: string;
  displayName: string;
  role: AccountRole;
  status: 'invited' | 'active' | 'disabled';
}

export interface SignInSettings {
  selfSignUp: boolean;
  freeAttempts: number;
  lockAfter: number;
  lockMinutes: number;
  ipLockAfter: number;
}

/** A tenant's rules for helpdesk access (issue 5). */
export interface AccessSettings {
  maxMinutes: number;
  defaultMinutes: number;
  requestTimeoutHours: number;
  allowedScopes: AccessScope[];
}

export interface IdentityProviderSettings {
  provider: IdentityProviderName;
  enabled: boolean;
  issuer: string;
  clientId: string;
  /** The secret itself is never sent back. */
  hasClientSecret: boolean;
  /** Register this exact URL at the provider, once per host name of the tenant. */
  redirectUri: string;
}

/** What the sign-in page needs before anyone is signed in. */
export interface SignInOptions {
  selfSignUp: boolean;
  providers: IdentityProviderName[];
  /** The age confirmation sign-up asks for (issue 18 §1); null when the tenant asks none. */
  ageRequirement?: AgeRequirement | null;
}

export interface MeResponse {
  user: {
    id: string;
    email: string;
    displayName: string;
    kind: UserKind;
    preferredLanguage: Language | null;
    /** IANA time zone from the profile (dates are shown in it); null: the browser's. */
    timeZone: string | null;
    /** Whether two-factor sign-in is on (staff functions need it). */
    twoFactorEnabled: boolean;
  };
  /** The subscriber account and the user's role in it; null for staff. */
  account: { id: string; customerNumber: string; name: string; role: AccountRole } | null;
  /** Staff roles; empty for subscribers. */
  staffRoles: StaffRole[];
  session: { expiresAt: string; idleExpiresAt: string };
}

export interface HealthResponse {
  status: 'ok' | 'error';
  database: 'ok' | 'error';
  /** Whether every migration this version knows is applied ('unknown' while the database does not answer). */
  migrations: 'current' | 'pending' | 'unknown';
  /** Shutting down (SIGTERM): in-flight requests finish, new ones belong elsewhere. */
  draining: boolean;
}

/** RFC 9457 problem details, with one entry per bad field. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  /** Extension member of 429 answers: seconds until the next attempt is accepted (also in Retry-After). */
  retryAfter?: number;
  /** Extension member of 412 answers: the resource as it is now, with its `etag`, to compare and re-apply. */
  current?: unknown;
}

export interface FieldError {
  /** JSON pointer-ish dotted path of the offending field, e.g. `email` or `address.postalCode`. */
  field: string;
  /**
   * Machine-readable reason (the failed constraint), e.g. `isEmail`, `whitelistValidation`: stable, and
   * the client's translation key (`fieldErrors.<code>`), so the message shows in the user's language.
   */
  code: string;
  /** The English text, for logs and API users; clients show the translation of `code` instead. */
  message: string;
  /** What the translation fills in, e.g. `{ min: 1 }` for `min`, `{ min: 2, max: 40 }` for `isLength`. */
  params?: FieldErrorParams;
}

export type FieldErrorParams = Record<string, string | number>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPES = {
  validation: 'https://mijn-account.dev/problems/validation',
  malformedBody: 'https://mijn-account.dev/problems/malformed-body',
  bodyTooLarge: 'https://mijn-account.dev/problems/body-too-large',
  unsupportedMediaType: 'https://mijn-account.dev/problems/unsupported-media-type',
  unauthenticated: 'https://mijn-account.dev/problems/unauthenticated',
  signInFailed: 'https://mijn-account.dev/problems/sign-in-failed',
  forbidden: 'https://mijn-account.dev/problems/forbidden',
  csrf: 'https://mijn-account.dev/problems/csrf',
  tooManyAttempts: 'https://mijn-account.dev/problems/too-many-attempts',
  linkInvalid: 'https://mijn-account.dev/problems/link-invalid',
  linkExpired: 'https://mijn-account.dev/problems/link-expired',
  linkUsed: 'https://mijn-account.dev/problems/link-used',
  stepUpRequired: 'https://mijn-account.dev/problems/step-up-required',
  secondFactorRequired: 'https://mijn-account.dev/problems/second-factor-required',
  secondFactorFailed: 'https://mijn-account.dev/problems/second-factor-failed',
  conflict: 'https://mijn-account.dev/problems/conflict',
  noGrant: 'https://mijn-account.dev/problems/no-grant',
  lastSignInMethod: 'https://mijn-account.dev/problems/last-sign-in-method',
  lastOwner: 'https://mijn-account.dev/problems/last-owner',
  identityInUse: 'https://mijn-account.dev/problems/identity-in-use',
  identityAlreadyLinked: 'https://mijn-account.dev/problems/identity-already-linked',
  preconditionRequired: 'https://mijn-account.dev/problems/precondition-required',
  preconditionFailed: 'https://mijn-account.dev/problems/precondition-failed',
  notFound: 'https://mijn-account.dev/problems/not-found',
  unknownTenant: 'https://mijn-account.dev/problems/unknown-tenant',
  /** The database is unreachable, timed out or could not serialise the work: retry after `Retry-After`. */
  unavailable: 'https://mijn-account.dev/problems/unavailable',
  internal: 'https://mijn-account.dev/problems/internal',
  http: 'about:blank',
} as const;
