import type { FastifyReply } from 'fastify';
import type { AppConfig } from '@mijn-account/api-core';
import { XSRF_COOKIE } from '@mijn-account/shared-contracts';

/** `__Host-` pins the cookie to this exact host (no Domain, Path=/, Secure); only possible over TLS. */
export function sessionCookieName(config: AppConfig): string {
  return config.session.secureCookie ? '__Host-ma_sid' : 'ma_sid';
}

export function setSessionCookie(reply: FastifyReply, config: AppConfig, token: string, expiresAt: Date): void {
  reply.setCookie(sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.session.secureCookie,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  reply.clearCookie(sessionCookieName(config), { path: '/', secure: config.session.secureCookie });
}

/** Readable by the page's script, which echoes it in the X-XSRF-TOKEN header (Angular's default pair). */
export function setXsrfCookie(reply: FastifyReply, config: AppConfig, token: string): void {
  reply.setCookie(XSRF_COOKIE, token, { httpOnly: false, sameSite: 'strict', secure: config.session.secureCookie, path: '/' });
}
