import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiCookieAuth } from '@nestjs/swagger';
import type { AccessLogField, AccessScope, AccountRole, StaffRole } from '@mijn-account/shared-contracts';

export const ACCESS_METADATA = 'mijn-account:access';

/** Who may call a route. Every route has exactly one; the route-guard snapshot test lists them. */
export type AccessRule =
  | { level: 'public' }
  | { level: 'signed-in' }
  | { level: 'account'; roles: AccountRole[] }
  | { level: 'staff'; roles: StaffRole[]; grant?: GrantRule };

/**
 * A staff route serving one subscriber account's data (`:accountId`): only under an active helpdesk
 * grant of the caller covering `scope`, and every access is logged as `action` on `resource`.
 * `fields`: what a read shows, or what a write may change (logged: those the request body names).
 * `shows` (writes): the scope under which the answer may carry the record; without it in the
 * grant, the write answers without a body and a stale-version answer carries only the version.
 */
export type GrantRule = { scope: AccessScope; resource: string } & (
  | { action: 'read'; fields?: readonly AccessLogField[] }
  | { action: 'write'; fields: readonly AccessLogField[]; shows: AccessScope }
);

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

/**
 * Subscriber data for a helpdesk agent under a grant. The access guard checks the grant and logs
 * the access in the same statement as its session lookup, in the request's transaction (if the
 * log write fails, the access fails); without a grant the request is refused, and that is logged;
 * if the request fails after that, the attempt is logged again after the rollback (ADR 0007).
 */
export const GrantAccess = (grant: GrantRule) =>
  applyDecorators(
    ApiCookieAuth(),
    SetMetadata(ACCESS_METADATA, { level: 'staff', roles: ['helpdesk-agent'], grant } satisfies AccessRule),
  );

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
