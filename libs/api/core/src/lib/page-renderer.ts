import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type Language,
  type PageRenderContext,
  type RenderRead,
  type RenderReadAnswer,
  SIGNED_IN_HINT_COOKIE,
  type TenantInfo,
} from '@mijn-account/shared-contracts';
import { tenantIndexHtml } from './tenant-page';

/** The server bundle's export (`apps/web/src/server.ts`): Angular's `AngularAppEngine.handle`. */
export type RenderPage = (request: Request, context: PageRenderContext) => Promise<Response | null>;

/** Where `nx build web` puts the server bundle: beside the browser files (`dist/apps/web/server`). */
export function serverBundleOf(webRoot: string): string {
  return join(webRoot, '..', 'server', 'server.mjs');
}

/**
 * The Angular server bundle, loaded once at start; none when the build has none (API-only runs,
 * tests with a web root of their own). It is an ES module and the API is CommonJS: loaded with
 * Node's own `require` (Node 20.19+ requires ES modules without top-level await), made for the
 * file by `createRequire` of Node's own `module` (`process.getBuiltinModule`) so that neither
 * webpack nor Jest puts its own module loader in between.
 */
export function loadRenderPage(webRoot: string, logger: Pick<Logger, 'log'>): RenderPage | null {
  const file = serverBundleOf(webRoot);
  if (!existsSync(file)) return null;
  const module = nodeRequire(file)(file) as { renderPage?: unknown };
  if (typeof module.renderPage !== 'function') throw new Error(`${file} does not export renderPage`);
  logger.log(`server rendering from ${file}`);
  return module.renderPage as RenderPage;
}

function nodeRequire(file: string): NodeJS.Require {
  const { createRequire } = process.getBuiltinModule('node:module');
  return createRequire(file);
}

/** The pages the server renders (app.routes.server.ts), by path without the query string. */
const SIGN_IN = '/sign-in';
const SIGNED_IN_PAGES = new Set(['/account', '/account/billing']);

/**
 * Whether a render can help this request: sign-in for a browser without the signed-in hint (with
 * one, the app sends the visitor on: the plain page, as before); home and billing only with the
 * hint (without one, the app sends the visitor to sign-in: the plain page, as before).
 */
export function rendersPage(path: string, cookies: Record<string, string | undefined> | undefined): boolean {
  const hinted = Boolean(cookies?.[SIGNED_IN_HINT_COOKIE]);
  return path === SIGN_IN ? !hinted : SIGNED_IN_PAGES.has(path) && hinted;
}

/** A rendered page: its HTML (with the tenant inline, as every page) and the cookies its reads set. */
export interface RenderedPage {
  html: string;
  setCookies: string[];
}

const FORWARDED_REQUEST_HEADERS = ['cookie', 'user-agent', 'accept-language'] as const;

/**
 * Renders one page through Angular's engine (ADR 0017). The app's reads are answered by this same
 * Fastify instance in process (`inject`), as this visitor: their Cookie header, user agent and
 * address, the tenant's Host. Null — the caller sends the client-rendered page — when the engine
 * does not answer with a page (a guard redirected: no valid session), or when the render fails
 * (logged: never a 500 for a page the browser can draw itself).
 */
export async function renderTenantPage(
  renderPage: RenderPage,
  fastify: FastifyInstance,
  request: FastifyRequest,
  page: { origin: string; tenant: TenantInfo; language: Language },
  logger: Pick<Logger, 'error'>,
): Promise<RenderedPage | null> {
  const setCookies: string[] = [];
  const visitor: Record<string, string> = { host: String(request.headers.host) };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') visitor[name] = value;
  }
  // The app's own headers over the browser's (its Accept-Language is the page's language, as the
  // browser's app sends it), never over who is asking (Host, Cookie).
  const asVisitor = (headers: Record<string, string>) => ({
    ...visitor,
    ...headers,
    host: visitor['host'],
    ...(visitor['cookie'] ? { cookie: visitor['cookie'] } : {}),
  });
  const read = async ({ url, headers }: RenderRead): Promise<RenderReadAnswer> => {
    if (!url.startsWith('/') || url.startsWith('//')) throw new Error(`not a path on this host: ${url}`);
    const answer = await fastify.inject({
      method: 'GET',
      url,
      headers: asVisitor(headers),
      remoteAddress: request.ip,
    });
    const cookies = answer.headers['set-cookie'];
    if (cookies) setCookies.push(...(Array.isArray(cookies) ? cookies : [cookies]));
    // Not to the app: the cookies (they go to the browser with the page) and the API's `no-store`,
    // which would keep the answer out of Angular's transfer cache. The answer travels inside this
    // visitor's page, and the page's own header says how it is kept (`private, no-cache`).
    const readable: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (name !== 'set-cookie' && name !== 'cache-control' && value !== undefined) readable[name] = String(value);
    }
    return { status: answer.statusCode, headers: readable, body: answer.body };
  };
  try {
    const response = await renderPage(new Request(`${page.origin}${request.url}`, { headers: visitor }), {
      tenant: page.tenant,
      language: page.language,
      read,
    });
    if (!response || response.status !== 200) return null;
    return { html: tenantIndexHtml(await response.text(), page.tenant, page.language), setCookies };
  } catch (error) {
    logger.error(
      { err: error, reqId: request.id, url: request.url },
      'server render failed; the page is drawn by the browser',
    );
    return null;
  }
}
