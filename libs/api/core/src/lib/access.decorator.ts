import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiCookieAuth } from '@nestjs/swagger';
import type { AccountRole, StaffRole } from '@mijn-account/shared-contracts';

export const ACCESS_METADATA = 'mijn-account:access';

/** Who may call a route. Every route has exactly one; the route-guard snapshot test lists them. */
export type AccessRule =
  | { level: 'public' }
  | { level: 'signed-in' }
  | { level: 'account'; roles: AccountRole[] }
  | { level: 'staff'; roles: StaffRole[] };

/** Anyone, signed in or not (sign-in itself, tenant branding, health). */
export const Public = () => SetMetadata(ACCESS_METADATA, { level: 'public' } satisfies AccessRule);

/** Any signed-in user of this tenant. */
export const SignedIn = () =>
  applyDecorators(ApiCookieAuth(), SetMetadata(ACCESS_METADATA, { level: 'signed-in' } satisfies AccessRule));

/** A subscriber holding one of these roles in their own account. */
export const AccountAccess = (...roles: AccountRole[]) =>
  applyDecorators(ApiCookieAuth(), SetMetadata(ACCESS_METADATA, { level: 'account', roles } satisfies AccessRule));

/** A staff user holding one of these roles. */
export const StaffAccess = (...roles: StaffRole[]) =>
  applyDecorators(ApiCookieAuth(), SetMetadata(ACCESS_METADATA, { level: 'staff', roles } satisfies AccessRule));

export const STEP_UP_METADATA = 'mijn-account:step-up';
/** How recent the last password or code must be for a sensitive action. */
export const STEP_UP_WINDOW_MS = 5 * 60_000;

/**
 * A sensitive action (changing e-mail, password or second factor, unlinking a sign-in, approving
 * access): refused with `step-up-required` unless the password or a code was given in this session
 * within the last few minutes (POST /api/session/step-up). `second-factor`: only a code counts
 * (a supervisor approving internal access).
 */
export const StepUp = (proof: 'any' | 'second-factor' = 'any') => SetMetadata(STEP_UP_METADATA, proof);

export const CSRF_EXEMPT_METADATA = 'mijn-account:csrf-exempt';

/**
 * A POST that mail programs make on their own, without cookies or a page (RFC 8058 one-click
 * unsubscribe). Only for routes whose only credential is a signed token in the URL.
 */
export const CsrfExempt = () => SetMetadata(CSRF_EXEMPT_METADATA, true);
