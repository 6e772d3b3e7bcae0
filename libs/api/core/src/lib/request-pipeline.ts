import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { API_PREFIX, XSRF_COOKIE } from '@mijn-account/shared-contracts';
import { installNoStore } from './cache-control';
import { isApiPath, pathOf } from './http-paths';
import { runInLogScope } from './logging';
import { Metrics, UNMATCHED_ROUTE } from './metrics';
import { problems } from './problem';
import { sendProblem } from './problem-details.filter';
import { REVALIDATE, readLanguageOf, staticFileOptions, translationPreload, unknownHostPage } from './static-files';
import { CONTEXT_KEY, RequestContext, contextOf } from './request-context';
import { TenantResolver } from './tenant-resolver';
import type { TenantContext } from './tenancy';
import { TenantPages, indexFileOf, pageEncodingOf, pageLanguageOf, tenantInfoOf } from './tenant-page';
import { SIGN_IN_PATH, SignInRenders, loadRenderPage, renderTenantPage, rendersPage } from './page-renderer';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/** API paths that answer without a tenant (load-balancer probes, API docs). */
const TENANTLESS_API = [`/${API_PREFIX}/health`, `/${API_PREFIX}/docs`];

export const REQUEST_ID_HEADER = 'x-request-id';

/** Accept a caller's request id only when it is short and plain; otherwise make one. */
export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(header) ? header : randomUUID();
}

/**
 * The Fastify side of every request: security headers, cookies, the tenant resolved once from the
 * host name into a request context, problem details for errors raised before Nest's router
 * (malformed or oversized bodies), and the transaction released whatever the outcome.
 */
export async function installRequestPipeline(
  app: NestFastifyApplication,
  options: {
    webRoot?: string;
    /** Cookies a page answer sets (the XSRF cookie); true when it set one, so the page is `private`. */
    pageCookies?: (request: FastifyRequest, reply: FastifyReply) => boolean;
  } = {},
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const resolver = app.get(TenantResolver);
  const dataSource = app.get(DataSource);
  const logger = new Logger('http');

  await app.register(fastifyCookie);
  // Security headers by helmet, built once: @fastify/helmet builds a new helmet (parsing the CSP
  // directives) on every request, which cost ~3.5 % of the portal's CPU per API call (issue 19 §6,
  // docs/benchmarks.md). Headers a handler sets itself (reply.header) take precedence, as before.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );

  installNoStore(fastify);

  // Every line logged for this request (Nest's loggers too, and in the jobs it queues) says which
  // request, tenant and user it is about: ids and the slug only (LogScope).
  const scopeOf = (request: FastifyRequest) => () => {
    const ctx = contextOf(request);
    return {
      reqId: String(request.id),
      tenant: ctx?.tenant.slug,
      userId: ctx?.user?.id ?? ctx?.signedInAs ?? undefined,
    };
  };
  fastify.addHook('onRequest', (request, _reply, done) => runInLogScope(scopeOf(request), done));
  // One line per request when it has been answered (Fastify's own two lines are off: the first one
  // comes before the tenant is known), and its metrics by route pattern.
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    runInLogScope(scopeOf(request), () =>
      request.log.info(
        {
          req: { method: request.method, url: request.url, host: request.headers.host, remoteAddress: request.ip },
          res: { statusCode: reply.statusCode },
          route: route ?? UNMATCHED_ROUTE,
          responseTime: reply.elapsedTime,
        },
        'request completed',
      ),
    );
    done();
  });

  // Declared up front, as Fastify advises, so every request object keeps one shape (V8 optimises
  // the hooks reading it) instead of gaining the property per request.
  fastify.decorateRequest(CONTEXT_KEY, null);
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    const path = pathOf(request);
    const isApi = isApiPath(path);
    if (isApi && TENANTLESS_API.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}-`))) return;
    let tenant: TenantContext | null;
    try {
      tenant = await resolver.resolve(request.headers.host);
    } catch (error) {
      // The web app's pages and files never depend on the database (issue 19 §1): without a tenant
      // the page comes without its branding, and the app, whose `/api/tenant` answers 503, shows a
      // neutral page with a retry. API requests go on to the problem-details answer (503).
      if (isApi) throw error;
      logger.warn({ err: error, reqId: request.id }, 'tenant unknown while the database is away; page sent without it');
      return undefined;
    }
    if (!tenant) {
      if (isApi) return sendProblem(request, reply, problems.unknownTenant(), logger);
      const page = unknownHostPage(request.headers['accept-language']);
      return (
        reply
          .status(404)
          .header('content-language', page.language)
          .header('vary', 'Accept-Language')
          // Not kept: a tenant created on this host later must be seen on the next visit.
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(page.html)
      );
    }
    const ctx = new RequestContext(
      String(request.id),
      tenant,
      request.ip,
      typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 500) : null,
      `${request.protocol}://${String(request.headers.host).toLowerCase()}`,
      dataSource,
    );
    ctx.readsIn = readLanguageOf(request.headers['accept-language']);
    (request as unknown as Record<string, RequestContext>)[CONTEXT_KEY] = ctx;
    return undefined;
  });

  const release = async (request: FastifyRequest) => {
    await contextOf(request)
      ?.rollback()
      .catch((error: unknown) => logger.error({ err: error, reqId: request.id }, 'release failed'));
  };
  fastify.addHook('onResponse', release);
  fastify.addHook('onRequestAbort', release);

  // Errors raised before a route runs (body parsing, size limits) reach Nest's exception layer and so
  // the problem-details filter. Fastify's own JSON parser (with its prototype-poisoning protection)
  // is kept; only its error becomes a problem that names the cause.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parseJson(request, body.toString(), (error: Error | null, value?: unknown) =>
      error ? done(problems.malformedBody(), undefined) : done(null, value),
    );
  });
  // Form posts reach exactly one kind of route: RFC 8058 one-click unsubscribe, whose body
  // ("List-Unsubscribe=One-Click") carries nothing the route needs. Kept as text, never parsed into fields.
  fastify.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, { form: String(body).slice(0, 200) }),
  );
  // The Angular app, precompressed at build time: hashed files cached for a year, the page checked
  // on every use, and every other page path of a tenant host answered with the page so deep links work.
  const webRoot = options.webRoot ? resolve(options.webRoot) : null;
  const hasWeb = webRoot !== null && existsSync(join(webRoot, indexFileOf(webRoot)));
  if (hasWeb) {
    await app.register(fastifyStatic, staticFileOptions(webRoot));
  }
  const tenantPages = hasWeb ? new TenantPages(webRoot) : null;
  // Sign-in, home and billing rendered by Angular's engine from the server bundle beside the browser
  // files (ADR 0017); without one, every page is drawn by the browser as before.
  const renderPage = hasWeb ? loadRenderPage(webRoot, logger) : null;
  const signInRenders = new SignInRenders();
  // Nest answers unknown /api routes itself (404 problem details through the filter); every other
  // GET on a tenant host is a page of the single-page app.
  fastify.get('/*', async (request, reply) => {
    const path = pathOf(request);
    if (hasWeb && !isApiPath(path)) {
      const ctx = contextOf(request);
      if (!ctx || !tenantPages) return reply.header('cache-control', REVALIDATE).sendFile(indexFileOf(webRoot));
      const tenant = tenantInfoOf(ctx.tenant);
      // The page's language follows the visitor's choice (the language cookie), else the tenant's.
      const language = pageLanguageOf(request.cookies, tenant);
      reply.header('link', translationPreload(language)).header('vary', 'Accept-Encoding, Cookie');
      const rendered =
        renderPage && rendersPage(path, request.cookies)
          ? await renderTenantPage(
              renderPage,
              fastify,
              request,
              { origin: ctx.origin, tenant, language },
              logger,
              path === SIGN_IN_PATH ? signInRenders : undefined,
            )
          : null;
      if (rendered) {
        // A read's cookies (the session's XSRF token, a cleared hint) are the visitor's newest, the last of
        // each name (every anonymous read sets its own XSRF token); the page's own anonymous XSRF cookie
        // only when no read set one.
        const newest = new Map(rendered.setCookies.map((cookie) => [cookie.slice(0, cookie.indexOf('=')), cookie]));
        for (const cookie of newest.values()) reply.header('set-cookie', cookie);
        if (!rendered.setCookies.some((cookie) => cookie.startsWith(`${XSRF_COOKIE}=`))) {
          options.pageCookies?.(request, reply);
        }
        // This visitor's page, made for this request: kept by no shared cache, checked on every use.
        reply.header('cache-control', `private, ${REVALIDATE}`).type('text/html; charset=utf-8');
        const encoding = pageEncodingOf(request.headers['accept-encoding']);
        if (encoding) reply.header('content-encoding', encoding);
        const html = Buffer.from(rendered.html);
        // Compressed per request, so at a level that costs little CPU (the built files are at the highest).
        return reply.send(
          encoding === 'br'
            ? brotliCompressSync(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } })
            : encoding === 'gzip'
              ? gzipSync(html, { level: 6 })
              : html,
        );
      }
      // index.html with the tenant's `/api/tenant` answer inline: the app starts without that round trip.
      const page = tenantPages.pageFor(tenant, language);
      const setCookie = options.pageCookies?.(request, reply) ?? false;
      reply
        // A page that sets a cookie is this visitor's own: no shared cache keeps it.
        .header('cache-control', setCookie ? `private, ${REVALIDATE}` : REVALIDATE)
        .header('etag', page.etag)
        .type('text/html; charset=utf-8');
      if (request.headers['if-none-match'] === page.etag) return reply.status(304).send();
      const encoding = pageEncodingOf(request.headers['accept-encoding']);
      if (encoding) reply.header('content-encoding', encoding);
      return reply.send(encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.html);
    }
    return sendProblem(request, reply, problems.notFound(), logger);
  });
}
