import { Inject, Injectable, Logger, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ACCESS_METADATA,
  APP_CONFIG,
  type AccessRule,
  type AppConfig,
  type AuthUser,
  GRANT_GATE,
  type GrantGate,
  type GrantRule,
  type RequestContext,
  STEP_UP_METADATA,
  STEP_UP_WINDOW_MS,
  type SessionRef,
  UUID_CODE,
  contextOf,
  problems,
  staffRule,
  unmetRequirement,
} from '@mijn-account/api-core';
import { type AccessLogField, SIGNED_IN_HINT_COOKIE, type StaffRole, isUuid } from '@mijn-account/shared-contracts';
import { clearSignedInHint, sessionCookieName } from './cookies';
import { SessionService } from './session.service';

/**
 * Global guard, default deny: loads the session (if any) into the request context and checks the
 * route's access rule. A route without a rule is refused, and the route-guard snapshot test fails.
 * On a route under a helpdesk grant (`@GrantAccess`), the session lookup also finds the grant and
 * logs the access, in one statement: the grant gate's step, folded into the lookup through the
 * typed contract of `session-step.ts` (api-core); the guard itself writes no SQL.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(GRANT_GATE) private readonly gate?: GrantGate,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) {
      this.logger.error(`route ${context.getClass().name}.${context.getHandler().name} has no access rule`);
      throw problems.forbidden();
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const ctx = contextOf(request);
    if (!ctx) {
      if (rule.level === 'public') return true;
      throw problems.unknownTenant();
    }
    // A unit of work re-run after a deadlock starts here again: session, rule and logged access.
    ctx.beforeEachAttempt(async () => {
      if (!(await this.canActivate(context))) throw problems.forbidden();
    });
    const under = rule.level === 'staff' && rule.grant ? this.grantAccess(ctx, rule.grant, rule.roles, request) : null;
    const token = request.cookies?.[sessionCookieName(this.config)];
    let granted: string | null = null;
    if (token) {
      const found = await this.sessions.load(ctx, token, under?.folded);
      if (found) {
        ctx.session = found.session;
        ctx.user = found.user;
        granted = found.step;
      }
    }
    // A session that ended (expired, revoked, signed out elsewhere) takes its signed-in hint along,
    // so the next page answer is the sign-in page's again. The session cookie itself is left: a
    // request still under way from before a new sign-in must not sign that new session out (losing
    // the new session's hint that way costs one server-rendered sign-in page, nothing more).
    if (!ctx.session && request.cookies?.[SIGNED_IN_HINT_COOKIE]) {
      clearSignedInHint(context.switchToHttp().getResponse<FastifyReply>(), this.config);
    }
    if (rule.level === 'public') return true;
    const user = ctx.user;
    const session = ctx.session;
    if (!user || !session) throw problems.unauthenticated();
    this.checkRule(rule, user, session);
    const stepUp = this.reflector.getAllAndOverride<'any' | 'second-factor' | undefined>(STEP_UP_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const proofAt = stepUp === 'second-factor' ? session.secondFactorAt : session.reauthenticatedAt;
    if (stepUp && (!proofAt || Date.now() - proofAt.getTime() > STEP_UP_WINDOW_MS)) throw problems.stepUpRequired();
    if (under) {
      if (!this.gate) {
        this.logger.error('a route needs a helpdesk grant, but no grant gate is installed');
        throw problems.forbidden();
      }
      if (!granted) {
        if (!under.folded)
          throw problems.validation([{ field: 'accountId', code: UUID_CODE, message: 'Not an account id' }]);
        return this.gate.refuse(ctx, under.grant, under.access);
      }
      await this.admit(ctx, this.gate, under.grant, { grantId: granted, ...under.access });
    }
    return true;
  }

  /**
   * The access is logged in the request's transaction; if the request fails from here on (a later
   * guard, validation, a stale version …), the attempt is logged again after the rollback.
   */
  private async admit(
    ctx: RequestContext,
    gate: GrantGate,
    grant: GrantRule,
    access: { grantId: string; accountId: string; fields: readonly AccessLogField[] },
  ): Promise<void> {
    ctx.keepOnFailure((status) => gate.failed(ctx, grant, access, status));
    const shows = grant.action === 'read' || (await gate.covers(ctx, access.grantId, grant.shows));
    ctx.grantAccess = { grantId: access.grantId, accountId: access.accountId, shows };
  }

  /**
   * The account a grant route is about and the fields its access touches; `folded` (when the
   * account id is well-formed and a gate is installed) is the gate's check, run in the session
   * lookup only for a session that meets the staff rule the guard checks below.
   */
  private grantAccess(ctx: RequestContext, grant: GrantRule, roles: StaffRole[], request: FastifyRequest) {
    const accountId = String((request.params as Record<string, unknown> | undefined)?.['accountId'] ?? '');
    const body = request.body;
    const fields =
      grant.action === 'read'
        ? (grant.fields ?? [])
        : grant.fields.filter((field) => typeof body === 'object' && body !== null && Object.hasOwn(body, field));
    const access = { accountId, fields };
    const folded =
      this.gate && isUuid(accountId)
        ? { step: this.gate.check(ctx, grant, access), onlyFor: staffRule(roles) }
        : undefined;
    return { grant, access, folded };
  }

  private checkRule(rule: Exclude<AccessRule, { level: 'public' }>, user: AuthUser, session: SessionRef): void {
    switch (rule.level) {
      case 'signed-in':
        return;
      case 'account':
        if (user.kind === 'subscriber' && user.accountRole && rule.roles.includes(user.accountRole)) return;
        throw problems.forbidden();
      case 'staff':
        // Every staff function needs a session that proved a second factor.
        switch (unmetRequirement(staffRule(rule.roles), user, session)) {
          case 'forbidden':
            throw problems.forbidden();
          case 'second-factor':
            throw problems.secondFactorRequired();
        }
        return;
    }
  }
}
