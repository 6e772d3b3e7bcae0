import type { AccountRole, Language, StaffRole, UserKind } from './roles';

/** Every path the API serves, below the `/api` prefix. Used by the API controllers and the web stores. */
export const API_PREFIX = 'api';
export const ROUTES = {
  health: 'health',
  tenant: 'tenant',
  session: 'session',
  me: 'me',
} as const;

/** Cookie and header names shared by server and browser. Angular's XSRF defaults are kept on purpose. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';

/** Public branding of the tenant that serves the current host. */
export interface TenantInfo {
  slug: string;
  displayName: string;
  defaultLanguage: Language;
  currency: string;
  brandColor: string;
  logoUrl: string | null;
}

export interface SignInRequest {
  email: string;
  password: string;
}

export interface MeResponse {
  user: {
    id: string;
    email: string;
    displayName: string;
    kind: UserKind;
    preferredLanguage: Language | null;
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
}

export interface FieldError {
  /** JSON pointer-ish dotted path of the offending field, e.g. `email` or `address.postalCode`. */
  field: string;
  /** Machine-readable reason (the failed constraint), e.g. `isEmail`, `whitelistValidation`. */
  code: string;
  message: string;
}

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
  notFound: 'https://mijn-account.dev/problems/not-found',
  unknownTenant: 'https://mijn-account.dev/problems/unknown-tenant',
  internal: 'https://mijn-account.dev/problems/internal',
  http: 'about:blank',
} as const;
