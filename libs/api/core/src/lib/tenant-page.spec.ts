import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantInfo } from '@mijn-account/shared-contracts';
import {
  TenantPages,
  firstScreenHtml,
  pageChoiceOf,
  pageEncodingOf,
  scriptSafeJson,
  tenantIndexHtml,
} from './tenant-page';

const tenant: TenantInfo = {
  slug: 'callmonkey',
  displayName: 'Call</script><script>alert(1)</script>Monkey & <!-- co',
  defaultLanguage: 'en',
  currency: 'EUR',
  country: 'NL',
  brandColor: '#3f51b5',
  logoUrl: null,
  timeZone: 'Europe/Amsterdam',
};

describe('the tenant inline in index.html', () => {
  const index = '<!doctype html><html lang="nl"><head><title>x</title></head><body><ma-root></ma-root></body></html>';

  it('cannot end its script element or open a comment, whatever the tenant is called, and reads back the same', () => {
    const html = tenantIndexHtml(index, tenant, 'en');
    const inline = /<script id="ma-tenant" type="application\/json">(.*?)<\/script><\/head>/.exec(html);
    expect(inline).not.toBeNull();
    expect(inline?.[1]).not.toMatch(/[<>&]/);
    expect(JSON.parse(inline?.[1] ?? '')).toEqual(tenant);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(scriptSafeJson({ s: '\u2028\u2029' })).toBe('{"s":"\\u2028\\u2029"}');
  });

  it("puts the page's language on <html>", () => {
    expect(tenantIndexHtml(index, tenant, 'en')).toContain('<html lang="en">');
    expect(tenantIndexHtml(index, tenant, 'nl')).toContain('<html lang="nl">');
  });

  it("keeps a tenant's name that looks like a replacement pattern as it is", () => {
    const html = tenantIndexHtml(index, { ...tenant, displayName: "A$'$`$&B" }, 'en', {
      heading: "Sign in to A$'$`$&B",
    });
    expect(html.endsWith('</body></html>')).toBe(true);
    expect(html.match(/<ma-root>/g)).toHaveLength(1);
    expect(html).toContain('"displayName":"A$\'$`$\\u0026B"');
    expect(html).toContain('<h1>Sign in to A$&#39;$`$&#38;B</h1>');
  });

  it("puts the sign-in page's first screen after <ma-root>, its text escaped, only a colour as its colour", () => {
    const screen = { heading: 'Sign in to <b>"x"</b>' };
    const html = tenantIndexHtml(index, { ...tenant, logoUrl: 'https://x.example/a.svg" onerror="y' }, 'en', screen);
    expect(html).toContain('<ma-root></ma-root><style>:root{--ma-brand:#3f51b5}</style><div id="ma-first-screen"');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<h1>Sign in to &#60;b&#62;&#34;x&#34;&#60;/b&#62;</h1>');
    expect(html).toContain(
      '<span class="brand-name">Call&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;Monkey &#38; &#60;!-- co</span>',
    );
    expect(html).toContain('<img src="https://x.example/a.svg&#34; onerror=&#34;y" alt="" class="logo">');
    expect(firstScreenHtml({ ...tenant, brandColor: 'red}body{display:none' }, screen)).not.toContain('<style>');
    expect(tenantIndexHtml(index, tenant, 'en')).not.toContain('ma-first-screen');
  });

  it('gives the first screen to the sign-in page only, and only to a browser without the signed-in hint', () => {
    const kindOf = (path: string, cookies?: Record<string, string>) => pageChoiceOf(path, cookies, tenant).kind;
    expect(kindOf('/sign-in')).toBe('sign-in');
    expect(kindOf('/sign-in', { XSRF_TOKEN: 'x', ma_lang: 'nl' })).toBe('sign-in');
    expect(['/', '/account', '/sign-in/link', '/sign-up'].map((path) => kindOf(path))).toEqual([
      'other',
      'other',
      'other',
      'other',
    ]);
    expect(kindOf('/sign-in', { ma_signed_in: '1' })).toBe('other');
  });

  it("answers in the language the visitor chose (the app's rule), else the tenant's", () => {
    const languageOf = (cookies: Record<string, string> | undefined, defaultLanguage: 'nl' | 'en') =>
      pageChoiceOf('/sign-in', cookies, { defaultLanguage }).language;
    expect(languageOf(undefined, 'nl')).toBe('nl');
    expect(languageOf({ ma_lang: 'en' }, 'nl')).toBe('en');
    expect(languageOf({ ma_lang: 'nl' }, 'en')).toBe('nl');
    expect(languageOf({ ma_lang: 'de' }, 'en')).toBe('en');
    expect(languageOf({ ma_lang: '"><script>' }, 'nl')).toBe('nl');
  });

  it('sends brotli, then gzip, as Accept-Encoding allows', () => {
    expect(pageEncodingOf('gzip, deflate, br, zstd')).toBe('br');
    expect(pageEncodingOf('gzip, br;q=0')).toBe('gzip');
    expect(pageEncodingOf('identity')).toBeNull();
    expect(pageEncodingOf(undefined)).toBeNull();
    expect(pageEncodingOf('*')).toBe('br');
  });
});

describe('TenantPages', () => {
  let webRoot: string;
  beforeAll(() => {
    webRoot = mkdtempSync(join(tmpdir(), 'ma-pages-'));
    mkdirSync(join(webRoot, 'i18n'));
    writeFileSync(join(webRoot, 'index.html'), '<html lang="nl"><head></head><body><ma-root></ma-root></body></html>');
    writeFileSync(
      join(webRoot, 'i18n', 'nl.json'),
      JSON.stringify({ signIn: { title: 'Aanmelden bij {{ tenant }}' } }),
    );
    writeFileSync(join(webRoot, 'i18n', 'en.json'), JSON.stringify({ signIn: { title: 'Sign in to {{tenant}}' } }));
  });
  afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

  it('makes the sign-in page per language, its heading and <html lang> in that language, each with its own ETag', () => {
    const pages = new TenantPages(webRoot);
    const dutchTenant = { ...tenant, defaultLanguage: 'nl' as const, displayName: 'Bakker & Zn <b>' };
    const nl = pages.pageFor(dutchTenant, { kind: 'sign-in', language: 'nl' });
    const en = pages.pageFor(dutchTenant, { kind: 'sign-in', language: 'en' });
    expect(nl.html.toString()).toContain('<html lang="nl">');
    expect(nl.html.toString()).toContain('<h1>Aanmelden bij Bakker &#38; Zn &#60;b&#62;</h1>');
    expect(en.html.toString()).toContain('<html lang="en">');
    expect(en.html.toString()).toContain('<h1>Sign in to Bakker &#38; Zn &#60;b&#62;</h1>');
    expect(en.etag).not.toBe(nl.etag);
    // Kept: the same request again is the same page, not a new one.
    expect(pages.pageFor(dutchTenant, { kind: 'sign-in', language: 'en' })).toBe(en);
    const plain = pages.pageFor(dutchTenant, { kind: 'other', language: 'en' }).html.toString();
    expect(plain).toContain('<html lang="en">');
    expect(plain).not.toContain('ma-first-screen');
  });
});
