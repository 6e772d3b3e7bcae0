import type { TenantInfo } from '@mijn-account/shared-contracts';
import { pageEncodingOf, scriptSafeJson, tenantIndexHtml } from './tenant-page';

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

  it('sends brotli, then gzip, as Accept-Encoding allows', () => {
    expect(pageEncodingOf('gzip, deflate, br, zstd')).toBe('br');
    expect(pageEncodingOf('gzip, br;q=0')).toBe('gzip');
    expect(pageEncodingOf('identity')).toBeNull();
    expect(pageEncodingOf(undefined)).toBeNull();
    expect(pageEncodingOf('*')).toBe('br');
  });
});
