import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import { Injectable, PLATFORM_ID, inject, signal } from '@angular/core';

/**
 * The browser's app taking over a page the server rendered (ADR 0017): from the start until the
 * app is first stable — its first page drawn and that page's first loads in (`App` ends it). Meanwhile a load answered from the page itself (the
 * HTTP transfer cache) is still a promise away when the page is first drawn; showing its loading
 * sketch then would replace what the server drew (a form, a list) with the sketch and back — a
 * flash and a layout shift (CLS 0.27 on billing). `LoadState` reads this, so a first load shows
 * the server's page, not the sketch, until the takeover ends.
 */
@Injectable({ providedIn: 'root' })
export class PageTakeover {
  /** Whether the page came rendered by the server: it carries Angular's transfer state. */
  readonly active = signal(
    isPlatformBrowser(inject(PLATFORM_ID)) && inject(DOCUMENT).getElementById('ng-state') !== null,
  );

  end(): void {
    this.active.set(false);
  }
}

/** The takeover, where a `LoadState` is made inside Angular's injection (a component or store field); else none. */
export function pageTakeover(): PageTakeover | null {
  try {
    return inject(PageTakeover, { optional: true });
  } catch {
    return null; // made outside an injection context (unit tests of plain classes)
  }
}
