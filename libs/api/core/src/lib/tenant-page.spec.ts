import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantInfo } from '@mijn-account/shared-contracts';
import { rendersPage } from './page-renderer';
import { TenantPages, pageEncodingOf, pageLanguageOf, scriptSafeJson, tenantIndexHtml } from './tenant-page';

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
    const html = tenantIndexHtml(index, { ...tenant, displayName: "A$'$`$&B" }, 'en');
    expect(html.endsWith('</body></html>')).toBe(true);
    expect(html.match(/<ma-root>/g)).toHaveLength(1);
    expect(html.match(/<\/head>/g)).toHaveLength(1);
    expect(html).toContain('"displayName":"A$\'$`$\\u0026B"');
  });

  it('has the server render sign-in only without the signed-in hint, home and billing only with it', () => {
    const hint = { ma_signed_in: '1' };
    expect(rendersPage('/sign-in', undefined)).toBe(true);
    expect(rendersPage('/sign-in', { XSRF_TOKEN: 'x', ma_lang: 'nl' })).toBe(true);
    expect(rendersPage('/sign-in', hint)).toBe(false);
    expect(['/account', '/account/billing'].map((path) => [rendersPage(path, hint), rendersPage(path, {})])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(
      ['/', '/sign-in/link', '/sign-up', '/account/profile', '/finance'].some((path) => rendersPage(path, hint)),
    ).toBe(false);
  });

  it("answers in the language the visitor chose (the app's rule), else the tenant's", () => {
    const languageOf = (cookies: Record<string, string> | undefined, defaultLanguage: 'nl' | 'en') =>
      pageLanguageOf(cookies, { defaultLanguage });
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
    writeFileSync(join(webRoot, 'index.html'), '<html lang="nl"><head></head><body><ma-root></ma-root></body></html>');
  });
  afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

  it('makes the page per language, <html lang> in that language, each with its own ETag', () => {
    const pages = new TenantPages(webRoot);
    const dutchTenant = { ...tenant, defaultLanguage: 'nl' as const, displayName: 'Bakker & Zn <b>' };
    const nl = pages.pageFor(dutchTenant, 'nl');
    const en = pages.pageFor(dutchTenant, 'en');
    expect(nl.html.toString()).toContain('<html lang="nl">');
    expect(en.html.toString()).toContain('<html lang="en">');
    expect(en.html.toString()).toContain('"displayName":"Bakker \\u0026 Zn \\u003cb\\u003e"');
    expect(en.etag).not.toBe(nl.etag);
    // Kept: the same request again is the same page, not a new one.
    expect(pages.pageFor(dutchTenant, 'en')).toBe(en);
  });

  it("takes Angular's client-rendered page (index.csr.html) when the build renders on the server too", () => {
    writeFileSync(
      join(webRoot, 'index.csr.html'),
      '<html lang="nl"><head></head><body ngcm><ma-root></ma-root></body></html>',
    );
    expect(new TenantPages(webRoot).pageFor(tenant, 'en').html.toString()).toContain('<body ngcm>');
  });
});
