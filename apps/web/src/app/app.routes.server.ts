import { RenderMode, type ServerRoute } from '@angular/ssr';

/**
 * Which pages the server renders (ADR 0017): the first screens of issue 16 §8 — sign-in, home and
 * billing — per request, with the visitor's tenant, language and session. Every other page is
 * drawn in the browser as before (index.html with the tenant inline, `TenantPages` in api-core);
 * the API asks the engine only for these paths, and only when a render can help (no signed-in
 * hint on sign-in, a hint on the account pages).
 */
export const serverRoutes: ServerRoute[] = [
  { path: 'sign-in', renderMode: RenderMode.Server },
  { path: 'account', renderMode: RenderMode.Server },
  { path: 'account/billing', renderMode: RenderMode.Server },
  { path: '**', renderMode: RenderMode.Client },
];
