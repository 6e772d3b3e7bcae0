import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * The web app's files as the browser gets them (issue 16 §8): the brotli or gzip copy written by
 * the build step (`tools/scripts/precompress.mjs`, run here on a web root shaped like Angular's
 * output), hashed files cached for a year, `index.html` and the deep-link fallback checked on every
 * use, and API answers still `no-store`.
 */
describe('static files: compression and caching', () => {
  let t: TestApp;
  let webRoot: string;
  const BETA_NAME = `B</h1><script>x()</script>$'&"`;
  const BETA_NAME_HTML = 'B&#60;/h1&#62;&#60;script&#62;x()&#60;/script&#62;$&#39;&#38;&#34;';
  // Angular's names: `<name>-<8+ upper-case base32 hash>.<ext>`.
  const bundle = `/* main bundle */\n${Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i} * 2;`).join('\n')}\n`;
  const indexHtml = `<!doctype html><html lang="nl"><head><base href="/"><link rel="stylesheet" href="styles-INZNRSK4.css"></head><body><ma-root></ma-root><script src="main-5NGBCVXO.js" type="module"></script>${'<!-- padding -->'.repeat(80)}</body></html>`;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'ma-web-'));
    mkdirSync(join(webRoot, 'i18n'));
    writeFileSync(join(webRoot, 'index.html'), indexHtml);
    writeFileSync(join(webRoot, 'main-5NGBCVXO.js'), bundle);
    writeFileSync(join(webRoot, 'chunk-FMKG74N2.js'), bundle.replace('main', 'chunk'));
    writeFileSync(
      join(webRoot, 'styles-INZNRSK4.css'),
      `${Array.from({ length: 200 }, (_, i) => `.c${i}{margin:${i}px}`).join('\n')}\n`,
    );
    writeFileSync(
      join(webRoot, 'i18n', 'nl.json'),
      JSON.stringify({
        signIn: { title: 'Aanmelden bij {{ tenant }}' },
        ...Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`key${i}`, `tekst ${i}`])),
      }),
    );
    writeFileSync(join(webRoot, 'i18n', 'en.json'), JSON.stringify({ signIn: { title: 'Sign in to {{ tenant }}' } }));
    writeFileSync(join(webRoot, 'favicon.ico'), Buffer.alloc(200, 1));
    // The build step itself, as `nx build web` runs it.
    execFileSync(process.execPath, [join(__dirname, '../../../../../tools/scripts/precompress.mjs'), webRoot]);
    t = await startTestApp({ WEB_DIST: webRoot });
    // A name the tenant's admin could choose, in every page of beta: markup, quotes and a replacement pattern ($').
    await t.owner.query(`UPDATE tenant SET display_name = $1 WHERE id = $2`, [BETA_NAME, t.beta.id]);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    t
      .client(t.alpha)
      .request('GET', url, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

  it('sends the brotli copy to a browser that accepts it, gzip to one that only takes gzip, the file itself otherwise', async () => {
    const br = await get('/main-5NGBCVXO.js', 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(bundle.length / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(bundle);

    const gzip = await get('/main-5NGBCVXO.js', 'gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(bundle);

    const plain = await get('/main-5NGBCVXO.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(bundle);

    const css = await get('/styles-INZNRSK4.css', 'br');
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const json = await get('/i18n/nl.json', 'gzip, br');
    expect(json.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(json.rawPayload).toString())).toMatchObject({ key0: 'tekst 0' });
  });

  it('caches hashed files for a year, in every encoding', async () => {
    for (const [url, encoding] of [
      ['/main-5NGBCVXO.js', 'br'],
      ['/main-5NGBCVXO.js', 'gzip'],
      ['/main-5NGBCVXO.js', undefined],
      ['/chunk-FMKG74N2.js', 'br'],
      ['/styles-INZNRSK4.css', 'gzip, br'],
    ] as const) {
      const response = await get(url, encoding);
      expect({ url, encoding, status: response.statusCode, cacheControl: response.headers['cache-control'] }).toEqual({
        url,
        encoding,
        status: 200,
        cacheControl: 'public, max-age=31536000, immutable',
      });
    }
  });

  it('has the browser check index.html, deep links, translations and the icon on every use', async () => {
    for (const url of [
      '/index.html',
      '/',
      '/account/billing',
      '/sign-in?next=%2Faccount',
      '/i18n/nl.json',
      '/favicon.ico',
    ]) {
      const response = await get(url, 'gzip, deflate, br');
      // A page answer that gives the visitor its XSRF cookie is the visitor's own (`private`).
      const setsCookie = response.headers['set-cookie'] !== undefined;
      expect({ url, status: response.statusCode, cacheControl: response.headers['cache-control'] }).toEqual({
        url,
        status: 200,
        cacheControl: setsCookie ? 'private, no-cache' : 'no-cache',
      });
    }
    const deepLink = await get('/account/billing', 'br');
    expect(deepLink.headers['content-type']).toMatch(/^text\/html/);
    expect(deepLink.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(deepLink.rawPayload).toString()).toContain('<script src="main-5NGBCVXO.js"');
    // Revalidation answers 304 without the body.
    const etag = deepLink.headers['etag'];
    expect(etag).toBeTruthy();
    const again = await t
      .client(t.alpha)
      .request('GET', '/account/billing', { headers: { 'accept-encoding': 'br', 'if-none-match': String(etag) } });
    expect(again.statusCode).toBe(304);
  });

  it("has the browser fetch the tenant's translations with the page, before the scripts ask for them", async () => {
    for (const [tenant, language] of [
      [t.alpha, 'nl'],
      [t.beta, 'en'],
    ] as const) {
      for (const url of ['/', '/account/billing', '/sign-in']) {
        const page = await t.client(tenant).request('GET', url, { headers: { 'accept-encoding': 'br' } });
        expect({ url, link: page.headers['link'] }).toEqual({
          url,
          link: `</i18n/${language}.json>; rel=preload; as=fetch; crossorigin`,
        });
      }
    }
    // Only pages announce it; the files themselves do not.
    expect((await get('/main-5NGBCVXO.js', 'br')).headers['link']).toBeUndefined();
  });

  it("carries the tenant's /api/tenant answer inline, so the app starts without that round trip", async () => {
    for (const tenant of [t.alpha, t.beta]) {
      const client = t.client(tenant);
      const api = await client.request('GET', '/api/tenant');
      for (const url of ['/', '/sign-in', '/account/billing']) {
        const page = await client.request('GET', url, { headers: { 'accept-encoding': 'gzip' } });
        const html = gunzipSync(page.rawPayload).toString();
        const inline = /<script id="ma-tenant" type="application\/json">(.*?)<\/script><\/head>/.exec(html);
        expect({ url, inline: inline && JSON.parse(inline[1]) }).toEqual({ url, inline: api.json() });
        expect(html).toContain(`<html lang="${(api.json() as { defaultLanguage: string }).defaultLanguage}">`);
        expect(page.headers['cache-control']).toBe('no-cache');
      }
    }
    // The page gives a new visitor its XSRF cookie (the app no longer asks /api/tenant first), once.
    const visitor = t.client(t.alpha);
    const first = await visitor.request('GET', '/sign-in');
    expect(String(first.headers['set-cookie'])).toMatch(/^XSRF-TOKEN=anon\./);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const second = await visitor.request('GET', '/sign-in');
    expect(second.headers['set-cookie']).toBeUndefined();
    expect(second.headers['cache-control']).toBe('no-cache');
    // Each tenant its own page, and its own ETag.
    const [alpha, beta] = await Promise.all([t.client(t.alpha), t.client(t.beta)].map((c) => c.request('GET', '/')));
    expect(alpha.headers['etag']).not.toBe(beta.headers['etag']);
    expect(alpha.body).toContain('"slug":"');
    expect(alpha.body).not.toBe(beta.body);
  });

  it("paints the sign-in page's brand bar and heading from the HTML, in the tenant's language, escaped", async () => {
    const html = async (url: string) =>
      gunzipSync(
        (await t.client(t.beta).request('GET', url, { headers: { 'accept-encoding': 'gzip' } })).rawPayload,
      ).toString();
    const screen = (page: string) => /<div id="ma-first-screen".*?<\/h1><\/div><\/div><\/div>/.exec(page)?.[0];
    // The name cannot add markup to the page, nor move parts of it.
    const page = await html('/sign-in?error=expired');
    expect(screen(page)).toBe(
      `<div id="ma-first-screen" class="ma-first-screen"><header><div class="brand-bar"><span class="brand-name">${BETA_NAME_HTML}</span></div></header>` +
        `<div class="card-page"><div class="card"><h1>Sign in to ${BETA_NAME_HTML}</h1></div></div></div>`,
    );
    expect(page.match(/<script/g)).toHaveLength(2); // ma-tenant and main, none from the name
    expect(page.endsWith('</body></html>')).toBe(true);
    // The alpha tenant's own page, in Dutch; the other pages have no first screen (their content depends on the session).
    const alpha = gunzipSync(
      (await t.client(t.alpha).request('GET', '/sign-in', { headers: { 'accept-encoding': 'gzip' } })).rawPayload,
    ).toString();
    expect(alpha).toContain('<h1>Aanmelden bij ALPHA</h1>');
    for (const url of ['/', '/account/billing', '/sign-up']) expect(screen(await html(url))).toBeUndefined();
  });

  it("answers in the visitor's chosen language, and a signed-in browser without the sign-in card", async () => {
    const page = async (cookie?: string) => {
      const client = t.client(t.alpha);
      const response = await client.request('GET', '/sign-in', {
        headers: { 'accept-encoding': 'gzip', ...(cookie ? { cookie } : {}) },
      });
      return { response, html: gunzipSync(response.rawPayload).toString() };
    };
    // ALPHA is Dutch; a visitor who chose English (the language cookie the app writes) reads English at once.
    const english = await page('ma_lang=en');
    expect(english.html).toContain('<html lang="en">');
    expect(english.html).toContain('<h1>Sign in to ALPHA</h1>');
    expect(english.response.headers['link']).toBe('</i18n/en.json>; rel=preload; as=fetch; crossorigin');
    const dutch = await page();
    expect(dutch.html).toContain('<h1>Aanmelden bij ALPHA</h1>');
    // The answer depends on the cookies: no shared cache may give one visitor's page to another.
    expect(String(dutch.response.headers['vary'])).toMatch(/\bCookie\b/);
    expect(english.response.headers['etag']).not.toBe(dutch.response.headers['etag']);
    // With the signed-in hint: the plain page, in the chosen language.
    const signedIn = await page('ma_signed_in=1; ma_lang=en');
    expect(signedIn.html).not.toContain('ma-first-screen');
    expect(signedIn.html).toContain('<html lang="en">');
    expect(signedIn.html).toContain('<ma-root></ma-root>');
  });

  it('keeps API answers no-store next to the static files', async () => {
    const tenant = await get('/api/tenant', 'gzip, br');
    expect(tenant.statusCode).toBe(200);
    expect(tenant.headers['cache-control']).toBe('no-store');
    const unknownApi = await get('/api/no-such-route', 'br');
    expect(unknownApi.statusCode).toBe(404);
    expect(unknownApi.headers['cache-control']).toBe('no-store');
  });
});
