import type { FastifyStaticOptions } from '@fastify/static';

/**
 * A file whose name carries its content hash, as the Angular build writes them
 * (`main-5NGBCVXO.js`, `chunk-FMKG74N2.js`, `styles-INZNRSK4.css`, `media/font-ABCD1234.woff2`),
 * possibly as its precompressed copy (`.br`, `.gz`): a new build gives it a new name.
 */
const HASHED_FILE = /[-.][0-9A-Z]{8,}\.(js|mjs|css|woff2?|ttf|svg|png|jpe?g|webp|avif)(\.br|\.gz)?$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Kept by the browser but checked (ETag / Last-Modified) before each use. */
export const REVALIDATE = 'no-cache';

/**
 * The web app's caching rule: hashed files never change, so browsers keep them a year without
 * asking; everything else — `index.html`, which names the current hashes, the translations, the
 * icon — is checked on every use, so a new release is seen on the next load.
 */
export function cacheControlForFile(filePath: string): string {
  return HASHED_FILE.test(filePath) ? IMMUTABLE : REVALIDATE;
}

/**
 * @fastify/static options for the built web app: the brotli or gzip copy written at build time
 * (`tools/scripts/precompress.mjs`) when the browser accepts it, our own Cache-Control instead of
 * the library's `public, max-age=0`, and `Vary: Accept-Encoding` so that caches keep the encodings apart.
 */
export function staticFileOptions(root: string): FastifyStaticOptions {
  return {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', cacheControlForFile(filePath));
      res.setHeader('vary', 'Accept-Encoding');
    },
  };
}

/**
 * A `Link` header for a page answer (index.html): the browser fetches the tenant's translations
 * (`/i18n/<language>.json`, which the web app's TranslationLoader asks for before it renders
 * anything) while it downloads the scripts, instead of after they ran and `/api/tenant` answered.
 * `crossorigin` makes it match the app's fetch(). A visitor who chose the other language fetches
 * that file too, as before.
 */
export function translationPreload(language: string): string {
  return `</i18n/${encodeURIComponent(language)}.json>; rel=preload; as=fetch; crossorigin`;
}

type PageLanguage = 'nl' | 'en';

/**
 * The visitor's language for pages that belong to no tenant: the first of `nl` / `en` in
 * `Accept-Language` by quality (RFC 9110 §12.5.4), English when the header names neither.
 */
export function pageLanguageOf(acceptLanguage: string | undefined): PageLanguage {
  return readLanguageOf(acceptLanguage) ?? 'en';
}

/** The first of `nl` / `en` in `Accept-Language` by quality (RFC 9110 §12.5.4); null when it names neither. */
export function readLanguageOf(acceptLanguage: string | undefined): PageLanguage | null {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { primary: tag.split('-')[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0 && (entry.primary === 'nl' || entry.primary === 'en'))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return (ranked[0]?.primary as PageLanguage | undefined) ?? null;
}

const UNKNOWN_HOST_TEXT: Record<PageLanguage, { title: string; body: string }> = {
  nl: {
    title: 'Niet gevonden',
    body: 'Op dit adres is geen portaal. Controleer het adres in de link of de e-mail die u kreeg, of neem contact op met uw leverancier.',
  },
  en: {
    title: 'Not found',
    body: 'No portal answers on this address. Check the address in the link or e-mail you received, or contact your provider.',
  },
};

/**
 * The page for a host name no tenant answers on: neutral (no tenant's name or branding), in the
 * browser's language, readable on a phone, with no script and nothing fetched.
 */
export function unknownHostPage(acceptLanguage: string | undefined): { language: PageLanguage; html: string } {
  const language = pageLanguageOf(acceptLanguage);
  const text = UNKNOWN_HOST_TEXT[language];
  const html = `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f7f9fc;color:#1a1c1e}
main{max-width:32rem;margin:15vh auto 0;padding:2rem 1.5rem;background:#fff;border:1px solid #c4c6d0;border-radius:12px;overflow-wrap:anywhere}
h1{margin:0 0 1rem;font-size:1.5rem}
p{margin:0;line-height:1.5}
</style>
</head>
<body><main><h1>${text.title}</h1><p>${text.body}</p></main></body>
</html>`;
  return { language, html };
}
