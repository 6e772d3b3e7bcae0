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
        // Beta's name (markup, quotes, a replacement pattern) adds no element and moves no part of the page.
        expect(html.match(/<script/g)).toHaveLength(2);
        expect(html.endsWith('</body></html>')).toBe(true);
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

  it("answers every page in the visitor's chosen language, else the tenant's", async () => {
    const page = async (cookie?: string) => {
      const client = t.client(t.alpha);
      const response = await client.request('GET', '/account/profile', {
        headers: { 'accept-encoding': 'gzip', ...(cookie ? { cookie } : {}) },
      });
      return { response, html: gunzipSync(response.rawPayload).toString() };
    };
    // ALPHA is Dutch; a visitor who chose English (the language cookie the app writes) gets English at once.
    const english = await page('ma_lang=en');
    expect(english.html).toContain('<html lang="en">');
    expect(english.response.headers['link']).toBe('</i18n/en.json>; rel=preload; as=fetch; crossorigin');
    const dutch = await page();
    expect(dutch.html).toContain('<html lang="nl">');
    // The answer depends on the cookies: no shared cache may give one visitor's page to another.
    expect(String(dutch.response.headers['vary'])).toMatch(/\bCookie\b/);
    expect(english.response.headers['etag']).not.toBe(dutch.response.headers['etag']);
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

/**
 * Pages rendered on the server (ADR 0017): the API's side of it, with a stand-in for the Angular
 * server bundle at the place the build puts it (`server/server.mjs` beside `browser/`). It reads
 * `/api/me` (sign-in: the sign-in options) through the render context as Angular's
 * RenderApiBackend does, numbers its renders, and answers like
 * Angular's engine: a page, or a redirect when a guard sends the visitor to sign-in. The real
 * bundle's HTML is checked in the browser tests (e2e/web/server-render.e2e.ts).
 */
describe('static files: pages rendered on the server', () => {
  let t: TestApp;
  let dist: string;
  const serverBundle = `
let renders = 0;
export async function renderPage(request, context) {
  renders++;
  const url = new URL(request.url);
  if (url.searchParams.has('fail')) throw new Error('a render that fails');
  // Every page asks for the session (a visitor without one: a 401 problem, with a new requestId each
  // time); sign-in the tenant's sign-in options too, as the app's sign-in page does.
  const me = await context.read({ url: '/api/me', headers: { accept: 'application/json' } });
  if (url.pathname === '/sign-in') {
    const options = await context.read({ url: '/api/session/options', headers: { accept: 'application/json' } });
    const signUp = JSON.parse(options.body).selfSignUp ? 'sign-up' : 'invitation';
    return page(context, url, 'nobody', '<p>' + signUp + ', render ' + renders + '</p>');
  }
  if (me.status !== 200) return new Response(null, { status: 302, headers: { location: '/sign-in' } });
  return page(context, url, JSON.parse(me.body).user.displayName, '');
}
function page(context, url, name, more) {
  const html = '<!doctype html><html lang="nl"><head></head><body><ma-root><h1>' +
    [context.language, context.tenant.slug, url.pathname, name].join(' ') + '</h1>' + more + '</ma-root></body></html>';
  return new Response(html, { status: 200, headers: { 'content-type': 'text/html' } });
}
`;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'ma-dist-'));
    mkdirSync(join(dist, 'browser', 'i18n'), { recursive: true });
    mkdirSync(join(dist, 'server'));
    writeFileSync(
      join(dist, 'browser', 'index.csr.html'),
      '<!doctype html><html lang="nl"><head></head><body><ma-root></ma-root><script src="main-5NGBCVXO.js" type="module"></script></body></html>',
    );
    writeFileSync(join(dist, 'server', 'server.mjs'), serverBundle);
    t = await startTestApp({ WEB_DIST: join(dist, 'browser') });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const page = async (client: ReturnType<TestApp['client']>, url: string, cookie?: string) => {
    const response = await client.request('GET', url, {
      headers: { 'accept-encoding': 'gzip, br', ...(cookie ? { cookie } : {}) },
    });
    const html =
      response.headers['content-encoding'] === 'br'
        ? brotliDecompressSync(response.rawPayload).toString()
        : response.headers['content-encoding'] === 'gzip'
          ? gunzipSync(response.rawPayload).toString()
          : response.body;
    return { response, html, h1: /<h1>(.*?)<\/h1>/.exec(html)?.[1] ?? null };
  };

  it("renders home and billing for a signed-in visitor, in their language, as this visitor's own page", async () => {
    const member = t.client(t.alpha);
    const user = t.alpha.accounts[0].member;
    await member.signIn(user.email);
    for (const url of ['/account', '/account/billing']) {
      const { response, html, h1 } = await page(member, url);
      expect({ url, status: response.statusCode, h1 }).toEqual({
        url,
        status: 200,
        h1: `nl ${t.alpha.slug} ${url} ${user.email.split('@')[0]}`,
      });
      expect(response.headers['cache-control']).toBe('private, no-cache');
      expect(String(response.headers['vary'])).toMatch(/\bAccept-Encoding, Cookie\b/);
      expect(response.headers['etag']).toBeUndefined();
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['link']).toBe('</i18n/nl.json>; rel=preload; as=fetch; crossorigin');
      // The tenant inline, as on every page (the browser's app reads it there).
      expect(html).toMatch(/<script id="ma-tenant" type="application\/json">\{"slug":"/);
    }
    // The language the visitor chose reaches the render.
    member.cookies.set('ma_lang', 'en');
    expect((await page(member, '/account')).h1).toMatch(/^en /);
  });

  it('gives a visitor without a valid session the page the browser draws, as before — never private content', async () => {
    // No signed-in hint: not rendered at all (the app sends the visitor to sign-in).
    const stranger = await page(t.client(t.alpha), '/account');
    expect({ status: stranger.response.statusCode, h1: stranger.h1 }).toEqual({ status: 200, h1: null });
    expect(stranger.html).toContain('<ma-root></ma-root>');
    // A hint without a session (expired elsewhere): the render is redirected to sign-in; the browser
    // gets the page it draws itself, which does the same — not the render's redirect, not its cookies.
    const stale = await page(t.client(t.alpha), '/account/billing', 'ma_signed_in=1');
    expect({ status: stale.response.statusCode, h1: stale.h1 }).toEqual({ status: 200, h1: null });
    expect(stale.response.headers['location']).toBeUndefined();
    expect(stale.html).toContain('<ma-root></ma-root>');
  });

  it('renders sign-in for a browser without the signed-in hint only', async () => {
    const fresh = await page(t.client(t.beta), '/sign-in?returnUrl=%2Faccount');
    expect(fresh.h1).toBe(`en ${t.beta.slug} /sign-in nobody`);
    expect(fresh.response.headers['cache-control']).toBe('private, no-cache');
    // The page still gives a new visitor its XSRF cookie.
    expect(String(fresh.response.headers['set-cookie'])).toMatch(/XSRF-TOKEN=anon\./);
    const hinted = await page(t.client(t.beta), '/sign-in', 'ma_signed_in=1');
    expect(hinted.h1).toBeNull();
  });

  it('sends a kept sign-in render again while its reads answer the same, and renders anew the moment one does not', async () => {
    const signIn = async (cookie?: string) => {
      const answer = await page(t.client(t.alpha), '/sign-in', cookie);
      const [, mode, render] = /<p>(\S+), render (\d+)<\/p>/.exec(answer.html) ?? [];
      const xsrf = [answer.response.headers['set-cookie']].flat().filter((c) => /^XSRF-TOKEN=anon\./.test(String(c)));
      return { h1: answer.h1, mode, render: Number(render), xsrf: xsrf.length };
    };
    const first = await signIn();
    expect(first).toMatchObject({ h1: `nl ${t.alpha.slug} /sign-in nobody`, mode: 'invitation', xsrf: 1 });
    // The next visitor: the same render, and a cookie of their own (one, though the check read again).
    expect(await signIn()).toEqual(first);
    // The tenant opens sign-up: the options answer otherwise, so the page is rendered anew at once.
    try {
      await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET self_sign_up = true WHERE tenant_id = $1`, [t.alpha.id]);
      const opened = await signIn();
      expect(opened).toMatchObject({ mode: 'sign-up', xsrf: 1 });
      expect(opened.render).toBeGreaterThan(first.render);
      expect((await signIn()).render).toBe(opened.render);
    } finally {
      await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET self_sign_up = false WHERE tenant_id = $1`, [
        t.alpha.id,
      ]);
    }
    const closed = await signIn();
    expect(closed).toMatchObject({ mode: 'invitation' });
    // Kept per language: English is its own render.
    const english = await signIn('ma_lang=en');
    expect(english.h1).toBe(`en ${t.alpha.slug} /sign-in nobody`);
    expect(english.render).toBeGreaterThan(closed.render);
    expect((await signIn('ma_lang=en')).render).toBe(english.render);
  });

  it('answers with the page the browser draws when the render fails, never with an error', async () => {
    const member = t.client(t.alpha);
    await member.signIn(t.alpha.accounts[1].member.email);
    const failed = await page(member, '/account?fail');
    expect({ status: failed.response.statusCode, h1: failed.h1 }).toEqual({ status: 200, h1: null });
    expect(failed.html).toContain('<ma-root></ma-root>');
  });
});
