import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { TenantInfo } from '@mijn-account/shared-contracts';
import type { TenantContext } from './tenancy';

/** The public part of a tenant, as `GET /api/tenant` answers it and as the page carries it inline. */
export function tenantInfoOf(tenant: TenantContext): TenantInfo {
  const { slug, displayName, defaultLanguage, currency, country, brandColor, logoUrl, timeZone } = tenant;
  return { slug, displayName, defaultLanguage, currency, country, brandColor, logoUrl, timeZone };
}

/** The id of the inline script element the web app reads its tenant from (`TenantStore`). */
export const TENANT_SCRIPT_ID = 'ma-tenant';

/**
 * JSON that can stand inside a `<script>` element: no `<`, `>` or `&` (so no `</script>` or
 * `<!--`), and no U+2028 / U+2029; JSON.parse reads the escapes back as the same characters.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * index.html for one tenant: its `/api/tenant` answer inline (a JSON script element, which no
 * browser runs, so the CSP's `script-src 'self'` is untouched) and its language on `<html>`, so the
 * app starts without that round trip.
 */
export function tenantIndexHtml(indexHtml: string, tenant: TenantInfo): string {
  const script = `<script id="${TENANT_SCRIPT_ID}" type="application/json">${scriptSafeJson(tenant)}</script>`;
  return indexHtml
    .replace(/<html lang="[^"]*"/, `<html lang="${tenant.defaultLanguage === 'en' ? 'en' : 'nl'}"`)
    .replace('</head>', `${script}</head>`);
}

export interface TenantPage {
  html: Buffer;
  br: Buffer;
  gzip: Buffer;
  etag: string;
}

/**
 * The per-tenant pages, made once per tenant (and again when its branding or the build changes):
 * the text with its brotli and gzip copies and a strong ETag, so a page answer costs a Map lookup.
 */
export class TenantPages {
  private readonly pages = new Map<string, TenantPage>();
  private source: { mtimeMs: number; html: string } | null = null;

  constructor(private readonly webRoot: string) {}

  pageFor(tenant: TenantInfo): TenantPage {
    const file = join(this.webRoot, 'index.html');
    const { mtimeMs } = statSync(file);
    if (this.source?.mtimeMs !== mtimeMs) {
      this.source = { mtimeMs, html: readFileSync(file, 'utf8') };
      this.pages.clear();
    }
    const key = JSON.stringify(tenant);
    let page = this.pages.get(key);
    if (!page) {
      const html = Buffer.from(tenantIndexHtml(this.source.html, tenant));
      page = {
        html,
        br: brotliCompressSync(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
        gzip: gzipSync(html, { level: 9 }),
        etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`,
      };
      if (this.pages.size >= 1000) this.pages.clear();
      this.pages.set(key, page);
    }
    return page;
  }
}

/** The encoding to send: brotli, then gzip, by what `Accept-Encoding` allows (q=0 refuses). */
export function pageEncodingOf(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Map(
    (acceptEncoding ?? '').split(',').map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return [name, q ? Number(q.slice(2)) : 1] as const;
    }),
  );
  const allows = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return allows('br') ? 'br' : allows('gzip') ? 'gzip' : null;
}
