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
