import { AngularAppEngine } from '@angular/ssr';
import type { PageRenderContext } from '@mijn-account/shared-contracts';

/**
 * The server bundle's one export for the API (ADR 0017): Angular's own engine, asked by the API's
 * page handler (`PageRenderer` in api-core) for the server-rendered routes. The host has been
 * checked before this is called — only a host that names a tenant gets here — and a render reads
 * nothing over the network (RenderApiBackend), so the engine's host allow-list is left open.
 */
const engine = new AngularAppEngine({ allowedHosts: ['*'] });

export function renderPage(request: Request, context: PageRenderContext): Promise<Response | null> {
  return engine.handle(request, context);
}
