import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig, CSRF_EXEMPT_METADATA, contextOf, problems } from '@mijn-account/api-core';
import { XSRF_COOKIE, XSRF_HEADER } from '@mijn-account/shared-contracts';
import { setXsrfCookie } from './cookies';
import { anonymousCsrfToken, csrfTokenForSession, expectedOrigin, originOf, sameToken } from './csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for every state-changing request: the Origin (or Referer) must be this host, and
 * the X-XSRF-TOKEN header must equal the XSRF-TOKEN cookie; with a session, that token must also be
 * the one derived from the session, so a token planted by another site does not work.
 * Safe requests get a fresh XSRF cookie when theirs is missing or belongs to another session.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const ctx = contextOf(request);
    const cookie = request.cookies?.[XSRF_COOKIE];
    const expected = ctx?.session ? csrfTokenForSession(this.config.session.secret, ctx.session.token) : undefined;

    if (SAFE_METHODS.has(request.method)) {
      if (ctx && (expected ? cookie !== expected : !cookie)) {
        setXsrfCookie(reply, this.config, expected ?? anonymousCsrfToken());
      }
      return true;
    }
    if (
      this.reflector.getAllAndOverride<boolean | undefined>(CSRF_EXEMPT_METADATA, [
        context.getHandler(),
        context.getClass(),
      ])
    )
      return true;
    const origin = originOf(request.headers.origin, request.headers.referer);
    if (!origin || origin !== expectedOrigin(request.protocol, request.headers.host)) {
      throw problems.csrf('The request did not come from this portal');
    }
    const header = request.headers[XSRF_HEADER];
    const sent = typeof header === 'string' ? header : undefined;
    if (!sameToken(sent, cookie) || (expected !== undefined && !sameToken(sent, expected))) {
      throw problems.csrf('The XSRF token is missing or does not match; reload the page');
    }
    return true;
  }
}
