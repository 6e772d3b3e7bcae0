import { Inject, Injectable, Logger, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { isUUID } from 'class-validator';
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
  contextOf,
  problems,
} from '@mijn-account/api-core';
import { sessionCookieName } from './cookies';
import { SessionService } from './session.service';

/**
 * Global guard, default deny: loads the session (if any) into the request context and checks the
 * route's access rule. A route without a rule is refused, and the route-guard snapshot test fails.
 * On a route under a helpdesk grant (`@GrantAccess`), the session lookup also finds the grant and
 * logs the access, in one statement (the grant gate's SQL).
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
    const under = rule.level === 'staff' && rule.grant ? this.grantAccess(ctx, rule.grant, rule.roles, request) : null;
    const token = request.cookies?.[sessionCookieName(this.config)];
    let granted: unknown = null;
    if (token) {
      const found = await this.sessions.load(ctx, token, under?.step);
      if (found) {
        ctx.session = found.session;
        ctx.user = found.user;
        granted = found.step;
      }
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
        if (!under.step)
          throw problems.validation([{ field: 'accountId', code: 'isUuid', message: 'Not an account id' }]);
        await this.gate.refuse(ctx, under.grant, under.accountId, under.fields);
      }
      await this.admit(ctx, this.gate, under.grant, { grantId: String(granted), accountId: under.accountId, fields: under.fields });
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
    access: { grantId: string; accountId: string; fields: string[] },
  ): Promise<void> {
    ctx.keepOnFailure((status) => gate.failed(ctx, grant, access, status));
    const shows = grant.action === 'read' || (await gate.covers(ctx, access.grantId, grant.shows));
    ctx.grantAccess = { grantId: access.grantId, accountId: access.accountId, shows };
  }

  /**
   * The account a grant route is about and the fields its access touches; `step` (when the
   * account id is well-formed and a gate is installed) is the SQL that checks the grant and logs
   * the access — only for a session the rule check below lets through (same conditions, in SQL).
   */
  private grantAccess(ctx: RequestContext, grant: GrantRule, roles: string[], request: FastifyRequest) {
    const accountId = String((request.params as Record<string, unknown> | undefined)?.['accountId'] ?? '');
    const body = request.body;
    const fields =
      grant.action === 'read'
        ? (grant.fields ?? [])
        : grant.fields.filter((field) => typeof body === 'object' && body !== null && Object.hasOwn(body, field));
    const gate = this.gate;
    const step =
      gate && isUUID(accountId)
        ? (param: (value: unknown) => string) =>
            gate.allowSql(
              ctx,
              grant,
              accountId,
              fields,
              `s.kind = 'staff' AND s.second_factor_at IS NOT NULL AND s.staff_roles && ${param(roles)}::text[]`,
              param,
            )
        : undefined;
    return { grant, accountId, fields, step };
  }

  private checkRule(rule: Exclude<AccessRule, { level: 'public' }>, user: AuthUser, session: SessionRef): void {
    switch (rule.level) {
      case 'signed-in':
        return;
      case 'account':
        if (user.kind === 'subscriber' && user.accountRole && rule.roles.includes(user.accountRole)) return;
        throw problems.forbidden();
      case 'staff':
        if (user.kind !== 'staff' || !user.staffRoles.some((role) => rule.roles.includes(role)))
          throw problems.forbidden();
        // Every staff function needs a session that proved a second factor.
        if (!session.secondFactorAt) throw problems.secondFactorRequired();
        return;
    }
  }
}
