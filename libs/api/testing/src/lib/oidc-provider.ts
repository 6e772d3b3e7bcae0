import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { PortalClient } from './http-client';

/** The client secret the local provider registers for both stand-ins (tools/oidc-provider/server.mjs). */
export const OIDC_TEST_CLIENT_SECRET = 'local-test-client-secret-0123456789';

/**
 * The local OpenID provider (oidc-provider) standing in for Google and Microsoft 365, in its own
 * process, and a browser-like walk through its login and consent pages.
 */
export class OidcTestProvider {
  private constructor(
    private readonly child: ChildProcess,
    readonly issuers: { google: string; microsoft: string },
  ) {}

  static async start(redirectUris: string[]): Promise<OidcTestProvider> {
    const base = 20000 + Math.floor(Math.random() * 20000);
    const args = [
      join(__dirname, '../../../../../tools/oidc-provider/server.mjs'),
      '--google-port',
      String(base),
      '--microsoft-port',
      String(base + 1),
    ];
    for (const uri of redirectUris) args.push('--redirect', uri);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    const line = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`OpenID provider exited with ${code}`)));
    });
    return new OidcTestProvider(child, JSON.parse(line) as { google: string; microsoft: string });
  }

  /**
   * Has a signed-in tenant admin (two-factor enrolled) turn Google and Microsoft sign-in on with
   * this provider as both; throws unless the portal takes each.
   */
  async enableIn(admin: PortalClient): Promise<void> {
    for (const provider of ['google', 'microsoft'] as const) {
      const saved = await admin.request('PUT', `/api/admin/sign-in-settings/providers/${provider}`, {
        body: {
          enabled: true,
          issuer: this.issuers[provider],
          clientId: `portal-${provider}`,
          clientSecret: OIDC_TEST_CLIENT_SECRET,
        },
      });
      if (saved.statusCode !== 204) throw new Error(`enabling ${provider}: ${saved.statusCode} ${saved.body}`);
    }
  }

  /**
   * Follows the authorization URL through the provider's login (as `login`, taken as the e-mail)
   * and consent forms, and returns the URL the provider redirects back to (the portal's callback).
   */
  async signInAt(authorizationUrl: string, login: string): Promise<URL> {
    const jar = new Map<string, string>();
    const issuerOrigin = new URL(authorizationUrl).origin;
    let request: { url: URL; method: 'GET' | 'POST'; body?: string } = {
      url: new URL(authorizationUrl),
      method: 'GET',
    };
    for (let step = 0; step < 12; step++) {
      const response = await fetch(request.url, {
        method: request.method,
        redirect: 'manual',
        headers: {
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(request.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: request.body,
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        const next = new URL(location, request.url);
        if (next.origin !== issuerOrigin) return next;
        request = { url: next, method: 'GET' };
        continue;
      }
      const html = await response.text();
      const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
      const prompt = html.match(/name="prompt" value="([^"]+)"/)?.[1];
      if (response.status !== 200 || !action || !prompt)
        throw new Error(`unexpected provider page (${response.status}): ${html.slice(0, 300)}`);
      const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) });
      request = { url: new URL(action.replace(/&amp;/g, '&'), request.url), method: 'POST', body: form.toString() };
    }
    throw new Error('the provider did not redirect back');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
