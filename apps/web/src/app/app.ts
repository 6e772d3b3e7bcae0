import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, Injector, afterNextRender, inject } from '@angular/core';
import {
  NavigationCancel,
  NavigationCancellationCode,
  NavigationEnd,
  NavigationError,
  Router,
  RouterOutlet,
} from '@angular/router';
import { filter, take } from 'rxjs';
import { TranslocoPipe } from '@jsverse/transloco';
import { FIRST_SCREEN_ID } from '@mijn-account/shared-contracts';

/**
 * Root: the skip link and the routed layout — the public one (sign-in and mail links) or, once
 * signed in, the shell with navigation (app.routes.ts). The server's first screen of the sign-in
 * page stays until the first navigation has drawn its page, then goes in the same frame.
 */
@Component({
  selector: 'ma-root',
  imports: [RouterOutlet, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .skip-link {
      position: absolute;
      left: -999px;
      &:focus { left: 1rem; top: 1rem; z-index: 1000; background: #fff; color: #000; padding: 0.5rem; }
    }
  `,
  template: `
    <a class="skip-link" href="#main">{{ 'shell.skip' | transloco }}</a>
    <router-outlet />
  `,
})
export class App {
  constructor() {
    const [document, injector] = [inject(DOCUMENT), inject(Injector)];
    inject(Router)
      .events.pipe(
        filter(
          (event) =>
            event instanceof NavigationEnd ||
            event instanceof NavigationError ||
            // A redirect is followed by the navigation that draws the page.
            (event instanceof NavigationCancel && event.code !== NavigationCancellationCode.Redirect),
        ),
        take(1),
      )
      .subscribe(() => afterNextRender(() => document.getElementById(FIRST_SCREEN_ID)?.remove(), { injector }));
  }
}
