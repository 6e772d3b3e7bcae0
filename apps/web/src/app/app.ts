import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * Root: the skip link and the routed layout — the public one (sign-in and mail links) or, once
 * signed in, the shell with navigation (app.routes.ts). Sign-in, home and billing come rendered by
 * the server and are hydrated (app.routes.server.ts, ADR 0017).
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
export class App {}
