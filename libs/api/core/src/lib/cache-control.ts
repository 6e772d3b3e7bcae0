import { Header, SetMetadata, applyDecorators } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { isApiPath, pathOf } from './http-paths';

export const PUBLIC_CACHE_METADATA = 'mijn-account:public-cache';

/**
 * A public route whose answer is the same for every caller of this host (the access log's public
 * key): browsers and shared caches may keep a successful answer for `maxAgeSeconds`. Only for
 * `@Public()` routes; the route-table test holds every other route to `no-store`. Not used for
 * `GET /api/tenant`: the web app fetches it on load for its XSRF cookie.
 */
export const PublicCache = (maxAgeSeconds: number) =>
  applyDecorators(
    SetMetadata(PUBLIC_CACHE_METADATA, maxAgeSeconds),
    Header('Cache-Control', `public, max-age=${maxAgeSeconds}`),
  );

/**
 * Personal data is never cached: every API answer — exports, errors, Fastify's own answers
 * (unknown route, bad body) — leaves with `Cache-Control: no-store`, unless it is a success of a
 * `@PublicCache` route (whose handler set the header) that sets no cookie (any GET may set the
 * XSRF cookie, which is per session). The web app's files are not touched.
 */
export function installNoStore(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!isApiPath(pathOf(request))) return payload;
    const publicSuccess = reply.statusCode < 300 && reply.hasHeader('cache-control') && !reply.hasHeader('set-cookie');
    if (!publicSuccess) reply.header('cache-control', 'no-store');
    return payload;
  });
}
