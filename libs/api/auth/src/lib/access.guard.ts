import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig, type AuthUser, type SessionRef, contextOf, problems } from '@mijn-account/api-core';
import { ACCESS_METADATA, type AccessRule, STEP_UP_METADATA, STEP_UP_WINDOW_MS } from '@mijn-account/api-core';
import { sessionCookieName } from './cookies';
import { SessionService } from './session.service';

/**
 * Global guard, default deny: loads the session (if any) into the request context and checks the
 * route's access rule. A route without a rule is refused, and the route-guard snapshot test fails.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    const token = request.cookies?.[sessionCookieName(this.config)];
    if (token) {
      const found = await this.sessions.load(ctx, token);
      if (found) {
        ctx.session = found.session;
        ctx.user = found.user;
      }
    }
    if (rule.level === 'public') return true;
    const user = ctx.user;
    const session = ctx.session;
    if (!user || !session) throw problems.unauthenticated();
    this.checkRule(rule, user, session);
    const stepUp = this.reflector.getAllAndOverride<'any' | 'second-factor' | undefined>(STEP_UP_METADATA, [context.getHandler(), context.getClass()]);
    const proofAt = stepUp === 'second-factor' ? session.secondFactorAt : session.reauthenticatedAt;
    if (stepUp && (!proofAt || Date.now() - proofAt.getTime() > STEP_UP_WINDOW_MS)) throw problems.stepUpRequired();
    return true;
  }

  private checkRule(rule: Exclude<AccessRule, { level: 'public' }>, user: AuthUser, session: SessionRef): void {
    switch (rule.level) {
      case 'signed-in':
        return;
      case 'account':
        if (user.kind === 'subscriber' && user.accountRole && rule.roles.includes(user.accountRole)) return;
        throw problems.forbidden();
      case 'staff':
        if (user.kind !== 'staff' || !user.staffRoles.some((role) => rule.roles.includes(role))) throw problems.forbidden();
        // Every staff function needs a session that proved a second factor.
        if (!session.secondFactorAt) throw problems.secondFactorRequired();
        return;
    }
  }
}
