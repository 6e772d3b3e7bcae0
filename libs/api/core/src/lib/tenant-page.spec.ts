import type { TenantInfo } from '@mijn-account/shared-contracts';
import { firstScreenHtml, pageEncodingOf, pageKindOf, scriptSafeJson, tenantIndexHtml } from './tenant-page';

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
    const html = tenantIndexHtml(index, tenant);
    const inline = /<script id="ma-tenant" type="application\/json">(.*?)<\/script><\/head>/.exec(html);
    expect(inline).not.toBeNull();
    expect(inline?.[1]).not.toMatch(/[<>&]/);
    expect(JSON.parse(inline?.[1] ?? '')).toEqual(tenant);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(scriptSafeJson({ s: '\u2028\u2029' })).toBe('{"s":"\\u2028\\u2029"}');
  });

  it("puts the tenant's language on <html>", () => {
    expect(tenantIndexHtml(index, tenant)).toContain('<html lang="en">');
    expect(tenantIndexHtml(index, { ...tenant, defaultLanguage: 'nl' })).toContain('<html lang="nl">');
  });

  it("keeps a tenant's name that looks like a replacement pattern as it is", () => {
    const html = tenantIndexHtml(index, { ...tenant, displayName: "A$'$`$&B" }, { heading: "Sign in to A$'$`$&B" });
    expect(html.endsWith('</body></html>')).toBe(true);
    expect(html.match(/<ma-root>/g)).toHaveLength(1);
    expect(html).toContain('"displayName":"A$\'$`$\\u0026B"');
    expect(html).toContain('<h1>Sign in to A$&#39;$`$&#38;B</h1>');
  });

  it("puts the sign-in page's first screen after <ma-root>, its text escaped, only a colour as its colour", () => {
    const screen = { heading: 'Sign in to <b>"x"</b>' };
    const html = tenantIndexHtml(index, { ...tenant, logoUrl: 'https://x.example/a.svg" onerror="y' }, screen);
    expect(html).toContain('<ma-root></ma-root><style>:root{--ma-brand:#3f51b5}</style><div id="ma-first-screen"');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<h1>Sign in to &#60;b&#62;&#34;x&#34;&#60;/b&#62;</h1>');
    expect(html).toContain(
      '<span class="brand-name">Call&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;Monkey &#38; &#60;!-- co</span>',
    );
    expect(html).toContain('<img src="https://x.example/a.svg&#34; onerror=&#34;y" alt="" class="logo">');
    expect(firstScreenHtml({ ...tenant, brandColor: 'red}body{display:none' }, screen)).not.toContain('<style>');
    expect(tenantIndexHtml(index, tenant)).not.toContain('ma-first-screen');
  });

  it('gives the first screen to the sign-in page only', () => {
    expect(pageKindOf('/sign-in')).toBe('sign-in');
    expect(['/', '/account', '/sign-in/link', '/sign-up'].map(pageKindOf)).toEqual([
      'other',
      'other',
      'other',
      'other',
    ]);
  });

  it('sends brotli, then gzip, as Accept-Encoding allows', () => {
    expect(pageEncodingOf('gzip, deflate, br, zstd')).toBe('br');
    expect(pageEncodingOf('gzip, br;q=0')).toBe('gzip');
    expect(pageEncodingOf('identity')).toBeNull();
    expect(pageEncodingOf(undefined)).toBeNull();
    expect(pageEncodingOf('*')).toBe('br');
  });
});
