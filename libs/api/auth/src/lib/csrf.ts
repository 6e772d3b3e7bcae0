import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The XSRF token of a session: an HMAC of its secret cookie token, so it is bound to that session. */
export function csrfTokenForSession(secret: string, sessionToken: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

/** A random XSRF token for a visitor without a session (double-submit, before sign-in). */
export function anonymousCsrfToken(): string {
  return `anon.${randomBytes(24).toString('base64url')}`;
}

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `https://host` of the request, to compare with the Origin header. */
export function expectedOrigin(protocol: string, host: string | undefined): string | null {
  return host ? `${protocol}://${host.toLowerCase()}` : null;
}

export function originOf(origin: string | undefined, referer: string | undefined): string | null {
  const source = origin && origin !== 'null' ? origin : referer;
  if (!source) return null;
  try {
    const url = new URL(source);
    return `${url.protocol}//${url.host}`.toLowerCase();
  } catch {
    return null;
  }
}
