import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@mijn-account/api-core';
import { LANGUAGE_COOKIE, SIGNED_IN_HINT_COOKIE, XSRF_COOKIE } from '@mijn-account/shared-contracts';
import { anonymousCsrfToken, csrfTokenForSession } from './csrf';
import type { StartedSession } from './sign-in.service';

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

/** Ends the session in this browser: the session cookie and its signed-in hint. */
export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  reply.clearCookie(sessionCookieName(config), { path: '/', secure: config.session.secureCookie });
  clearSignedInHint(reply, config);
}

/**
 * "This browser has a session" for the page and the server's page answer (no secret: `1`, readable
 * by the page's script), with the session cookie's lifetime, path and Secure flag.
 */
function setSignedInHint(reply: FastifyReply, config: AppConfig, expiresAt: Date): void {
  reply.setCookie(SIGNED_IN_HINT_COOKIE, '1', {
    httpOnly: false,
    sameSite: 'lax',
    secure: config.session.secureCookie,
    path: '/',
    expires: expiresAt,
  });
}

/** The hint goes when its session does: on sign-out, and when a request finds the session ended. */
export function clearSignedInHint(reply: FastifyReply, config: AppConfig): void {
  reply.clearCookie(SIGNED_IN_HINT_COOKIE, { path: '/', secure: config.session.secureCookie });
}

/** Readable by the page's script, which echoes it in the X-XSRF-TOKEN header (Angular's default pair). */
export function setXsrfCookie(reply: FastifyReply, config: AppConfig, token: string): void {
  reply.setCookie(XSRF_COOKIE, token, {
    httpOnly: false,
    sameSite: 'strict',
    secure: config.session.secureCookie,
    path: '/',
  });
}

/**
 * A page answer (index.html) gives a visitor without an XSRF cookie an anonymous one: the page no
 * longer calls `GET /api/tenant` before it shows (the tenant is inline), and the sign-in form can be
 * sent before any API answer arrives. With a session, the first API read replaces it with the
 * session's token (CsrfGuard), as before. True when it set one.
 */
export function setPageXsrfCookie(request: FastifyRequest, reply: FastifyReply, config: AppConfig): boolean {
  if (request.cookies?.[XSRF_COOKIE]) return false;
  setXsrfCookie(reply, config, anonymousCsrfToken());
  return true;
}

/** Recognises a browser across sessions, for the new-device alert. Random, HttpOnly, a year long. */
export const DEVICE_COOKIE = 'ma_dev';

export function setDeviceCookie(reply: FastifyReply, config: AppConfig, token: string): void {
  reply.setCookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.session.secureCookie,
    path: '/',
    maxAge: 365 * 24 * 3600,
  });
}

/** Binds a provider round trip to this browser: the state must come back in this cookie too. */
export const OIDC_STATE_COOKIE = 'ma_oidc';

export function setOidcStateCookie(reply: FastifyReply, config: AppConfig, state: string): void {
  reply.setCookie(OIDC_STATE_COOKIE, state, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.session.secureCookie,
    path: '/api/auth',
    maxAge: 600,
  });
}

/**
 * The page's language, as the language switch remembers it (`ma_lang`, a year, readable by the page):
 * at sign-in the user's own language from their profile, so the portal speaks it in every browser
 * they sign in on (ADR 0017).
 */
function setLanguageCookie(reply: FastifyReply, config: AppConfig, language: string): void {
  reply.setCookie(LANGUAGE_COOKIE, language, {
    httpOnly: false,
    sameSite: 'lax',
    secure: config.session.secureCookie,
    path: '/',
    maxAge: 365 * 24 * 3600,
  });
}

/**
 * Sets the cookies of a new session: the session itself, its XSRF token, the device cookie, the
 * signed-in hint and, when the user chose one in their profile, their language. Every way of
 * signing in (password, second factor, Google/Microsoft, invitation, sign-up link) ends here.
 */
export function startBrowserSession(reply: FastifyReply, config: AppConfig, started: StartedSession): void {
  const { session, deviceToken, language } = started;
  setSessionCookie(reply, config, session.token, session.expiresAt);
  setSignedInHint(reply, config, session.expiresAt);
  setXsrfCookie(reply, config, csrfTokenForSession(config.session.secret, session.token));
  setDeviceCookie(reply, config, deviceToken);
  if (language) setLanguageCookie(reply, config, language);
}
