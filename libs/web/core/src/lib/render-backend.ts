import {
  type HttpBackend,
  type HttpEvent,
  HttpErrorResponse,
  HttpHeaders,
  type HttpRequest,
  HttpResponse,
} from '@angular/common/http';
import { Injectable, REQUEST_CONTEXT, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { PageRenderContext } from '@mijn-account/shared-contracts';

/** The render's request context, as the API hands it to Angular's engine; null in the browser. */
export function renderContext(): PageRenderContext | null {
  const context = inject(REQUEST_CONTEXT, { optional: true }) as PageRenderContext | null;
  return context && typeof context.read === 'function' ? context : null;
}

/**
 * HttpClient's backend while the server renders a page (app.config.server.ts): every read is
 * answered by the API in the same process, as this visitor (ADR 0017) — no network, no DNS for
 * `<tenant>.localhost`. Only reads: a write (a page view, say) is the browser's to make, after
 * hydration; here it fails quietly as if offline. Angular's HTTP transfer cache sits in front of
 * this backend, so the answers reach the browser in the page and hydration does not ask again.
 */
@Injectable()
export class RenderApiBackend implements HttpBackend {
  private readonly context = renderContext();

  handle(request: HttpRequest<unknown>): Observable<HttpEvent<unknown>> {
    return new Observable<HttpEvent<unknown>>((subscriber) => {
      const url = new URL(request.urlWithParams, 'http://render.invalid');
      if (!this.context || (request.method !== 'GET' && request.method !== 'HEAD')) {
        subscriber.error(new HttpErrorResponse({ status: 0, statusText: 'Not during a render', url: request.url }));
        return undefined;
      }
      const headers: Record<string, string> = {};
      for (const name of request.headers.keys())
        headers[name.toLowerCase()] = request.headers.getAll(name)?.join(', ') ?? '';
      let cancelled = false;
      this.context
        .read({ url: `${url.pathname}${url.search}`, headers })
        .then((answer) => {
          if (cancelled) return;
          const init = {
            headers: new HttpHeaders(answer.headers),
            status: answer.status,
            statusText: '',
            url: request.urlWithParams,
          };
          const body = bodyOf(answer.body, request.responseType);
          if (answer.status >= 200 && answer.status < 300) {
            subscriber.next(new HttpResponse({ ...init, body }));
            subscriber.complete();
          } else {
            subscriber.error(new HttpErrorResponse({ ...init, error: body }));
          }
        })
        .catch((error: unknown) => {
          if (!cancelled) subscriber.error(new HttpErrorResponse({ status: 0, error, url: request.urlWithParams }));
        });
      return () => {
        cancelled = true;
      };
    });
  }
}

function bodyOf(text: string, responseType: HttpRequest<unknown>['responseType']): unknown {
  if (responseType !== 'json') return text;
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
