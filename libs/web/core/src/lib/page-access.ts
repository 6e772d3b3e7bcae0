import { inject } from '@angular/core';
import { RedirectCommand, Router, type CanActivateFn } from '@angular/router';
import type { AccountRole, MeResponse, StaffRole } from '@mijn-account/shared-contracts';
import { ReturnToStore } from './return-to';
import { SessionStore } from './session.store';

/** Who may open a page: subscribers with one of these account roles, or staff with one of these roles. */
export interface PageRule {
  account?: readonly AccountRole[];
  staff?: readonly StaffRole[];
}

/** The rules of the portal's pages, used by the route guards and the navigation alike. */
export const PAGE_RULES = {
  /** Any signed-in user (home, profile, security). */
  everyone: {},
  /** The account's pages: billing, newsletters, helpdesk access. */
  account: { account: ['owner', 'member'] },
  /** The account's people. */
  owner: { account: ['owner'] },
  /** The helpdesk console. */
  helpdesk: { staff: ['helpdesk-agent', 'helpdesk-supervisor'] },
  /** The tenant admin's pages. */
  admin: { staff: ['tenant-admin'] },
  /** Finance: billing runs, invoices, payments, subscriptions of accounts. */
  finance: { staff: ['finance'] },
  /** The price list: finance, and the tenant admin who sets up the business. */
  plans: { staff: ['finance', 'tenant-admin'] },
} as const satisfies Record<string, PageRule>;

/** Why a page is not shown: the user's role does not reach it, or (staff) two-factor is not set up yet. */
export type ForbiddenReason = 'role' | 'two-factor';

/** The route (inside the shell) of the page that says a page is not available, and why. */
export const FORBIDDEN_PATH = '/forbidden';

/** Whether the user's role reaches a page of this rule (a rule without roles: everyone signed in). */
export function allows(me: MeResponse, rule: PageRule): boolean {
  if (!rule.account && !rule.staff) return true;
  const account = me.account ? (rule.account?.includes(me.account.role) ?? false) : false;
  const staff = me.staffRoles.some((role) => rule.staff?.includes(role) ?? false);
  return account || staff;
}

/**
 * The one guard of a signed-in page with a rule: signed out → the sign-in page (returning here);
 * a role the page is not for → the "not available for your role" page; staff whose functions wait
 * for two-factor → that page with a link to set it up. The address bar keeps the address asked for
 * (`browserUrl`): the forbidden page shows in its place, as the not-found page does.
 */
export function pageAccess(rule: PageRule): CanActivateFn {
  return async (_route, state) => {
    const [session, router, returnTo] = [inject(SessionStore), inject(Router), inject(ReturnToStore)];
    const me = await session.ensureLoaded();
    if (!me) {
      returnTo.remember(state.url);
      return router.parseUrl('/sign-in');
    }
    let reason: ForbiddenReason | null = allows(me, rule) ? null : 'role';
    // Every staff function needs two-factor (the API refuses it without); the page says where to set it up.
    if (!reason && rule.staff && !me.account && !me.user.twoFactorEnabled) reason = 'two-factor';
    if (!reason) return true;
    const forbidden = router.createUrlTree([FORBIDDEN_PATH], { queryParams: { reason } });
    return new RedirectCommand(forbidden, { browserUrl: state.url });
  };
}
