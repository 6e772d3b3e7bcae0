import type { AccessLogField, AccessScope } from '@mijn-account/shared-contracts';
import type { GrantRule } from './access.decorator';
import type { RequestContext } from './request-context';
import type { SessionStep } from './session-step';

/** The injection token of the grant gate (the support feature provides it). */
export const GRANT_GATE = Symbol('GrantGate');

/** One access to an account's data under a helpdesk grant: the account, and the fields it touches. */
export interface GrantedAccessAttempt {
  accountId: string;
  fields: readonly AccessLogField[];
}

/** Checks and logs access under helpdesk grants for the access guard (ADR 0007). */
export interface GrantGate {
  /**
   * The grant check of one access, to run inside the session lookup (one round trip): finds the
   * signed-in user's active grant for the account covering `rule.scope`, logs the access under
   * it, and answers the grant's id. The session lookup runs it only for a session the route's
   * requirement admits, so nothing is logged for a caller the guard refuses.
   */
  check(ctx: RequestContext, rule: GrantRule, access: GrantedAccessAttempt): SessionStep<string>;
  /** No active grant: logs the refusal (kept, though the request fails) and throws `no-grant`. */
  refuse(ctx: RequestContext, rule: GrantRule, access: GrantedAccessAttempt): Promise<never>;
  /** Whether the grant also covers `scope`. */
  covers(ctx: RequestContext, grantId: string, scope: AccessScope): Promise<boolean>;
  /**
   * The request of an access logged under `grantId` failed with `status` and its transaction was
   * rolled back: logs the attempt again (refused when the status says so, else failed).
   */
  failed(
    ctx: RequestContext,
    rule: GrantRule,
    access: GrantedAccessAttempt & { grantId: string },
    status: number,
  ): Promise<void>;
}
