import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import {
  FIRST_SCREEN_ID,
  LANGUAGE_COOKIE,
  type Language,
  SIGNED_IN_HINT_COOKIE,
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

/** What the first screen of the sign-in page shows before the app has started: the brand bar and the heading. */
export interface FirstScreen {
  /** The page's `<h1>`, in the page's language. */
  heading: string;
}

/** Text for an HTML element or a quoted attribute: `&`, `<`, `>`, `"` and `'` as entities. */
export function htmlText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A CSS colour the page may write into a style rule (`#rgb` to `#rrggbbaa`), else none. */
const brandColorOf = (color: string): string | null => (/^#[0-9a-f]{3,8}$/i.test(color) ? color : null);

/**
 * The sign-in page as the app will draw it — the brand bar with the tenant's logo and name, and
 * the card with the page's heading — so the browser paints it before any script has run. Plain
 * HTML and CSS (`.ma-first-screen` in the web app's styles.scss): no script, so the CSP's
 * `script-src 'self'` holds; the brand colour as a style rule (`style-src` allows inline styles,
 * Angular's component styles need that too).
 */
export function firstScreenHtml(tenant: TenantInfo, screen: FirstScreen): string {
  const color = brandColorOf(tenant.brandColor);
  const logo = tenant.logoUrl ? `<img src="${htmlText(tenant.logoUrl)}" alt="" class="logo">` : '';
  return (
    (color ? `<style>:root{--ma-brand:${color}}</style>` : '') +
    `<div id="${FIRST_SCREEN_ID}" class="ma-first-screen">` +
    `<header><div class="brand-bar">${logo}<span class="brand-name">${htmlText(tenant.displayName)}</span></div></header>` +
    `<div class="card-page"><div class="card"><h1>${htmlText(screen.heading)}</h1></div></div>` +
    `</div>`
  );
}

/**
 * index.html for one tenant: its `/api/tenant` answer inline (a JSON script element, which no
 * browser runs, so the CSP's `script-src 'self'` is untouched) and the page's language on `<html>`,
 * so the app starts without that round trip; with a first screen, that screen after `<ma-root>`.
 */
export function tenantIndexHtml(
  indexHtml: string,
  tenant: TenantInfo,
  language: Language,
  screen?: FirstScreen,
): string {
  const script = `<script id="${TENANT_SCRIPT_ID}" type="application/json">${scriptSafeJson(tenant)}</script>`;
  const html = indexHtml
    .replace(/<html lang="[^"]*"/, `<html lang="${language}"`)
    // Replaced by functions: in a replacement string, a tenant called "A$'B" would insert the rest of the page.
    .replace('</head>', () => `${script}</head>`);
  return screen ? html.replace('</ma-root>', () => `</ma-root>${firstScreenHtml(tenant, screen)}`) : html;
}

export interface TenantPage {
  html: Buffer;
  br: Buffer;
  gzip: Buffer;
  etag: string;
}

/** Which page of the app the answer is for: the sign-in page comes with its first screen. */
export type PageKind = 'sign-in' | 'other';

/** Which page to answer, and in which language. */
export interface PageChoice {
  kind: PageKind;
  language: Language;
}

/**
 * The page for this request, by the rules the app follows once it runs: the language the visitor
 * chose (the language cookie), else the tenant's; the sign-in page's first screen only on
 * `/sign-in` (the query string aside) and only for a browser without the signed-in hint — a
 * signed-in visitor is sent on by the app and must not see the sign-in card first.
 */
export function pageChoiceOf(
  path: string,
  cookies: Record<string, string | undefined> | undefined,
  tenant: Pick<TenantInfo, 'defaultLanguage'>,
): PageChoice {
  const chosen = cookies?.[LANGUAGE_COOKIE];
  return {
    kind: path === '/sign-in' && !cookies?.[SIGNED_IN_HINT_COOKIE] ? 'sign-in' : 'other',
    language: isLanguage(chosen) ? chosen : tenant.defaultLanguage,
  };
}

/**
 * The per-tenant pages, made once per tenant, kind and language (and again when its branding or the
 * build changes): the text with its brotli and gzip copies and a strong ETag, so a page answer costs
 * a Map lookup. The sign-in page's heading comes from the build's own translations (`i18n/<lang>.json`).
 */
export class TenantPages {
  private readonly pages = new Map<string, TenantPage>();
  private source: { mtimeMs: number; html: string } | null = null;

  constructor(private readonly webRoot: string) {}

  pageFor(tenant: TenantInfo, { kind, language }: PageChoice): TenantPage {
    const file = join(this.webRoot, 'index.html');
    const { mtimeMs } = statSync(file);
    if (this.source?.mtimeMs !== mtimeMs) {
      this.source = { mtimeMs, html: readFileSync(file, 'utf8') };
      this.pages.clear();
    }
    const key = `${kind} ${language} ${JSON.stringify(tenant)}`;
    let page = this.pages.get(key);
    if (!page) {
      const screen = kind === 'sign-in' ? this.signInScreen(tenant, language) : undefined;
      const html = Buffer.from(tenantIndexHtml(this.source.html, tenant, language, screen));
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

  /** The sign-in page's heading in this language; none when the build has no such text. */
  private signInScreen(tenant: TenantInfo, language: Language): FirstScreen | undefined {
    const file = join(this.webRoot, 'i18n', `${language}.json`);
    if (!existsSync(file)) return undefined;
    try {
      const title = (JSON.parse(readFileSync(file, 'utf8')) as { signIn?: { title?: unknown } }).signIn?.title;
      if (typeof title !== 'string') return undefined;
      return { heading: title.replace(/\{\{\s*tenant\s*\}\}/g, () => tenant.displayName) };
    } catch {
      return undefined;
    }
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
