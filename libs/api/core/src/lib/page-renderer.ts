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
export const SIGN_IN_PATH = '/sign-in';
const SIGNED_IN_PAGES = new Set(['/account', '/account/billing']);

/**
 * Whether a render can help this request: sign-in for a browser without the signed-in hint (with
 * one, the app sends the visitor on: the plain page, as before); home and billing only with the
 * hint (without one, the app sends the visitor to sign-in: the plain page, as before).
 */
export function rendersPage(path: string, cookies: Record<string, string | undefined> | undefined): boolean {
  const hinted = Boolean(cookies?.[SIGNED_IN_HINT_COOKIE]);
  return path === SIGN_IN_PATH ? !hinted : SIGNED_IN_PAGES.has(path) && hinted;
}

/** A rendered page: its HTML (with the tenant inline, as every page) and the cookies its reads set. */
export interface RenderedPage {
  html: string;
  setCookies: string[];
}

/** A read a render made: what the app asked, and what the API answered (`sameness`). */
interface MadeRead {
  request: RenderRead;
  answer: string;
}

/**
 * An answer as far as a page can show it: status, ETag and body — a problem's body without its
 * `requestId`, which names the one answer (for the logs) and is never shown (the sign-in page's
 * `/api/me` is a 401 problem, a new id each time).
 */
function sameness(answer: RenderReadAnswer): string {
  let body = answer.body;
  if (answer.headers['content-type']?.startsWith('application/problem+json')) {
    try {
      const problem = JSON.parse(body) as Record<string, unknown>;
      delete problem['requestId'];
      body = JSON.stringify(problem);
    } catch {
      // not JSON after all: compared as it is
    }
  }
  return `${answer.status} ${answer.headers['etag'] ?? ''} ${body}`;
}

/**
 * Sign-in pages as rendered, kept per tenant, language and address, each with the reads its render
 * made. A render is a function of those and of the reads' answers — the page carries the answers
 * (Angular's transfer cache) and shows what they say — so a kept page is sent again when every one
 * of its reads, made again for this visitor, answers the same (`sameness`). A tenant that
 * changed its sign-in options (Google on, sign-up off) or a visitor whose cookie choice differs gets
 * a new render at once, in every process; the rest cost the reads (in process, ~1 ms) instead of a
 * render (~22 ms of CPU: docs/benchmarks-web.md) — the page a flood of bots and password sprayers
 * opens. At most `limit` pages are kept (the oldest go first; a query makes its own entry).
 */
export class SignInRenders {
  private readonly pages = new Map<string, { html: string; reads: MadeRead[] }>();

  constructor(private readonly limit = 200) {}

  static keyOf(url: string, page: { tenant: TenantInfo; language: Language }): string {
    return `${page.language} ${url} ${JSON.stringify(page.tenant)}`;
  }

  kept(key: string): { html: string; reads: MadeRead[] } | undefined {
    return this.pages.get(key);
  }

  keep(key: string, html: string, reads: MadeRead[]): void {
    this.pages.delete(key);
    if (this.pages.size >= this.limit) this.pages.delete(this.pages.keys().next().value as string);
    this.pages.set(key, { html, reads });
  }
}

const FORWARDED_REQUEST_HEADERS = ['cookie', 'user-agent', 'accept-language'] as const;

/**
 * The API read as this visitor, in process (`inject`): their Cookie header, user agent and address,
 * the tenant's Host. Keeps the reads made and the cookies their answers set (for the browser).
 */
class VisitorReads {
  readonly made: MadeRead[] = [];
  readonly setCookies: string[] = [];
  /** Whether a read answered 5xx (the database away): such a page is not sent as rendered. */
  failed = false;
  private readonly visitor: Record<string, string>;

  constructor(
    private readonly fastify: FastifyInstance,
    private readonly request: FastifyRequest,
  ) {
    this.visitor = { host: String(request.headers.host) };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') this.visitor[name] = value;
    }
  }

  get visitorHeaders(): Record<string, string> {
    return this.visitor;
  }

  readonly read = async ({ url, headers }: RenderRead): Promise<RenderReadAnswer> => {
    if (!url.startsWith('/') || url.startsWith('//')) throw new Error(`not a path on this host: ${url}`);
    // The app's own headers over the browser's (its Accept-Language is the page's language, as the
    // browser's app sends it), never over who is asking (Host, Cookie).
    const answer = await this.fastify.inject({
      method: 'GET',
      url,
      headers: {
        ...this.visitor,
        ...headers,
        host: this.visitor['host'],
        ...(this.visitor['cookie'] ? { cookie: this.visitor['cookie'] } : {}),
      },
      remoteAddress: this.request.ip,
    });
    const cookies = answer.headers['set-cookie'];
    if (cookies) this.setCookies.push(...(Array.isArray(cookies) ? cookies : [cookies]));
    // Not to the app: the cookies (they go to the browser with the page) and the API's `no-store`,
    // which would keep the answer out of Angular's transfer cache. The answer travels inside this
    // visitor's page, and the page's own header says how it is kept (`private, no-cache`).
    const readable: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (name !== 'set-cookie' && name !== 'cache-control' && value !== undefined) readable[name] = String(value);
    }
    if (answer.statusCode >= 500) this.failed = true;
    const read = { status: answer.statusCode, headers: readable, body: answer.body };
    this.made.push({ request: { url, headers }, answer: sameness(read) });
    return read;
  };

  /** Whether each of these reads, made again for this visitor, answers as it did. */
  async answerAsBefore(reads: MadeRead[]): Promise<boolean> {
    for (const before of reads) if (sameness(await this.read(before.request)) !== before.answer) return false;
    return true;
  }
}

/**
 * Renders one page through Angular's engine (ADR 0017), the app's reads answered by this same
 * Fastify instance in process, as this visitor (VisitorReads). Null — the caller sends the
 * client-rendered page — when the engine does not answer with a page (a guard redirected: no valid
 * session), or when the render fails (logged: never a 500 for a page the browser can draw itself).
 * With `signInRenders` (the sign-in page), a kept render whose reads answer this visitor the same
 * is sent again instead.
 */
export async function renderTenantPage(
  renderPage: RenderPage,
  fastify: FastifyInstance,
  request: FastifyRequest,
  page: { origin: string; tenant: TenantInfo; language: Language },
  logger: Pick<Logger, 'error'>,
  signInRenders?: SignInRenders,
): Promise<RenderedPage | null> {
  const key = signInRenders ? SignInRenders.keyOf(request.url, page) : null;
  const kept = key ? signInRenders?.kept(key) : undefined;
  if (kept) {
    const check = new VisitorReads(fastify, request);
    if (await check.answerAsBefore(kept.reads)) return { html: kept.html, setCookies: check.setCookies };
  }
  const reads = new VisitorReads(fastify, request);
  try {
    const response = await renderPage(new Request(`${page.origin}${request.url}`, { headers: reads.visitorHeaders }), {
      tenant: page.tenant,
      language: page.language,
      read: reads.read,
    });
    // A read that failed on our side (the database away: 503) is the browser's to show, with its retry.
    if (!response || response.status !== 200 || reads.failed) return null;
    const html = tenantIndexHtml(await response.text(), page.tenant, page.language);
    if (key) signInRenders?.keep(key, html, reads.made);
    return { html, setCookies: reads.setCookies };
  } catch (error) {
    logger.error(
      { err: error, reqId: request.id, url: request.url },
      'server render failed; the page is drawn by the browser',
    );
    return null;
  }
}
