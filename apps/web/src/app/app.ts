import {
  ApplicationRef,
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
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
import { PageTakeover, TenantStore } from '@mijn-account/web-core';
import { UnavailablePageComponent } from './unavailable-page.component';

/**
 * Root: the skip link and the routed layout — the public one (sign-in and mail links) or, once
 * signed in, the shell with navigation (app.routes.ts). Sign-in, home and billing come rendered by
 * the server and are hydrated (app.routes.server.ts, ADR 0017). Until the app has drawn its first
 * page, the page is `inert`: the server's page is seen but cannot be typed into or clicked, since
 * what the app has not taken over yet would be lost (a typed e-mail address the form never saw;
 * event replay, which would keep clicks, needs an inline script the CSP does not allow). Without
 * its tenant (the service cannot reach its data) it shows a neutral page with a retry instead.
 */
@Component({
  selector: 'ma-root',
  imports: [RouterOutlet, TranslocoPipe, UnavailablePageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.inert]': "drawn() ? null : ''" },
  styles: `
    .skip-link {
      position: absolute;
      left: -999px;
      &:focus { left: 1rem; top: 1rem; z-index: 1000; background: #fff; color: #000; padding: 0.5rem; }
    }
  `,
  template: `
    <a class="skip-link" href="#main">{{ 'shell.skip' | transloco }}</a>
    @if (tenants.unavailable()) {
      <!-- Its own chunk: the first load of every working page carries none of it. -->
      @defer (on immediate) {
        <ma-unavailable-page />
      }
    } @else {
      <router-outlet />
    }
  `,
})
export class App {
  protected readonly tenants = inject(TenantStore);
  /** Whether the app has drawn its first page (never on the server: the browser's app takes the page over). */
  protected readonly drawn = signal(false);

  constructor() {
    const [injector, takeover] = [inject(Injector), inject(PageTakeover)];
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
      .subscribe(() => afterNextRender(() => this.drawn.set(true), { injector }));
    // The takeover of a server-rendered page ends when the app is stable: its first loads (answered
    // from the page) are in, so none of them shows its loading sketch in between.
    void inject(ApplicationRef)
      .whenStable()
      .then(() => takeover.end());
  }
}
