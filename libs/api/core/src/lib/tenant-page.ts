import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import {
  LANGUAGE_COOKIE,
  type Language,
  TENANT_SCRIPT_ID,
  type TenantInfo,
  isLanguage,
} from '@mijn-account/shared-contracts';
import type { TenantContext } from './tenancy';

/** The public part of a tenant, as `GET /api/tenant` answers it and as the page carries it inline. */
export function tenantInfoOf(tenant: TenantContext): TenantInfo {
  const { slug, displayName, defaultLanguage, currency, country, brandColor, logoUrl, timeZone } = tenant;
  return { slug, displayName, defaultLanguage, currency, country, brandColor, logoUrl, timeZone };
}

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
 * A page for one tenant — index.html, or a page the server rendered — with its `/api/tenant` answer
 * inline (a JSON script element, which no browser runs, so the CSP's `script-src 'self'` is
 * untouched) and the page's language on `<html>`, so the app starts without that round trip.
 */
export function tenantIndexHtml(indexHtml: string, tenant: TenantInfo, language: Language): string {
  const script = `<script id="${TENANT_SCRIPT_ID}" type="application/json">${scriptSafeJson(tenant)}</script>`;
  return (
    indexHtml
      .replace(/<html lang="[^"]*"/, `<html lang="${language}"`)
      // Replaced by a function: in a replacement string, a tenant called "A$'B" would insert the rest of the page.
      .replace('</head>', () => `${script}</head>`)
  );
}

export interface TenantPage {
  html: Buffer;
  br: Buffer;
  gzip: Buffer;
  etag: string;
}

/**
 * The page's language, by the rule the app follows once it runs: the language the visitor chose
 * (the language cookie), else the tenant's.
 */
export function pageLanguageOf(
  cookies: Record<string, string | undefined> | undefined,
  tenant: Pick<TenantInfo, 'defaultLanguage'>,
): Language {
  const chosen = cookies?.[LANGUAGE_COOKIE];
  return isLanguage(chosen) ? chosen : tenant.defaultLanguage;
}

/**
 * The client-rendered page: `index.csr.html` from a build with server rendering (Angular's name
 * for it then), else `index.html`.
 */
export function indexFileOf(webRoot: string): string {
  return existsSync(join(webRoot, 'index.csr.html')) ? 'index.csr.html' : 'index.html';
}

/**
 * The per-tenant client-rendered pages, made once per tenant and language (and again when its
 * branding or the build changes): the text with its brotli and gzip copies and a strong ETag, so a
 * page answer costs a Map lookup.
 */
export class TenantPages {
  private readonly pages = new Map<string, TenantPage>();
  private source: { file: string; mtimeMs: number; html: string } | null = null;

  constructor(private readonly webRoot: string) {}

  pageFor(tenant: TenantInfo, language: Language): TenantPage {
    const file = join(this.webRoot, indexFileOf(this.webRoot));
    const { mtimeMs } = statSync(file);
    if (this.source?.mtimeMs !== mtimeMs || this.source.file !== file) {
      this.source = { file, mtimeMs, html: readFileSync(file, 'utf8') };
      this.pages.clear();
    }
    const key = `${language} ${JSON.stringify(tenant)}`;
    let page = this.pages.get(key);
    if (!page) {
      const html = Buffer.from(tenantIndexHtml(this.source.html, tenant, language));
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
