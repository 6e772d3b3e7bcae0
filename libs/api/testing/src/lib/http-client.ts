import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { SIGNED_IN_HINT_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '@mijn-account/shared-contracts';
import { FIXTURE_PASSWORD } from './fixtures';
import type { HttpInjector } from './portal-process';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser-like client for one tenant host, over Fastify's request injection (the full HTTP
 * pipeline, no socket) or over a socket to a portal process (`PortalProcess.http`): keeps cookies,
 * sends Origin and the XSRF header like Angular does.
 */
export class PortalClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: HttpInjector,
    readonly host: string,
  ) {}

  get origin(): string {
    return `http://${this.host}`;
  }

  async request(
    method: Method,
    url: string,
    options: {
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
      csrf?: boolean;
      /** The direct peer's address (the TCP connection's; 127.0.0.1 unless given). */
      remoteAddress?: string;
    } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { host: this.host, ...options.headers };
    if (this.cookies.size > 0) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && options.csrf !== false) {
      headers['origin'] ??= this.origin;
      const token = this.cookies.get(XSRF_COOKIE);
      if (token) headers[XSRF_HEADER] = token;
    }
    let payload: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await this.app.inject({ method, url, headers, payload, remoteAddress: options.remoteAddress });
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  /**
   * Turns on two-factor for the signed-in user as the security page does (set-up, then a first
   * code) and returns the secret and recovery codes.
   */
  async enrolTwoFactor(): Promise<{ secret: string; recoveryCodes: string[] }> {
    const setup = await this.request('POST', '/api/me/security/two-factor/setup');
    if (setup.statusCode !== 200) throw new Error(`two-factor set-up answered ${setup.statusCode}: ${setup.body}`);
    const { secret } = setup.json() as { secret: string };
    const enabled = await this.request('POST', '/api/me/security/two-factor/enable', {
      body: { code: await generate({ secret }) },
    });
    if (enabled.statusCode !== 200)
      throw new Error(`two-factor enable answered ${enabled.statusCode}: ${enabled.body}`);
    return { secret, recoveryCodes: (enabled.json() as { recoveryCodes: string[] }).recoveryCodes };
  }

  /** Fetches the XSRF cookie (as the app does on load), then signs in. */
  async signIn(email: string, password = FIXTURE_PASSWORD): Promise<LightMyRequestResponse> {
    if (!this.cookies.has(XSRF_COOKIE)) await this.request('GET', '/api/tenant');
    return this.request('POST', '/api/session', { body: { email, password } });
  }
}

type SetCookie = { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string; expires?: Date };

/**
 * What an answer did to the signed-in hint (ADR 0017): `set` with its attributes and whether it
 * lives exactly as long as the session cookie set beside it, `cleared`, or `untouched`.
 */
export function signedInHintOf(response: {
  cookies: unknown[];
}):
  | { set: { value: string; httpOnly: boolean; sameSite?: string; path?: string; withSession: boolean } }
  | 'cleared'
  | 'untouched' {
  const cookies = response.cookies as SetCookie[];
  const hint = cookies.find((c) => c.name === SIGNED_IN_HINT_COOKIE);
  if (!hint) return 'untouched';
  if (hint.value === '' || (hint.expires && hint.expires.getTime() < Date.now())) return 'cleared';
  const session = cookies.find((c) => /^(__Host-)?ma_sid$/.test(c.name));
  return {
    set: {
      value: hint.value,
      httpOnly: hint.httpOnly === true,
      sameSite: hint.sameSite,
      path: hint.path,
      withSession: !!session?.expires && session.expires.getTime() === hint.expires?.getTime(),
    },
  };
}

/** The hint as every sign-in sets it: `1`, readable by the page, with the session's lifetime. */
export const SIGNED_IN_HINT_SET = {
  set: { value: '1', httpOnly: false, sameSite: 'Lax', path: '/', withSession: true },
};

/** One bad field of a problem answer (RFC 9457 `errors`, as the portal writes them). */
interface ProblemField {
  field: string;
  code: string;
}

const problemErrors = (response: { json(): unknown }): ProblemField[] =>
  (response.json() as { errors?: ProblemField[] }).errors ?? [];

/** The fields a problem answer names, in its order (a field named twice appears twice). */
export const problemFields = (response: { json(): unknown }): string[] => problemErrors(response).map((e) => e.field);

/** The same as `field:code`, for tests that pin why each field was refused. */
export const problemFieldCodes = (response: { json(): unknown }): string[] =>
  problemErrors(response).map((e) => `${e.field}:${e.code}`);
