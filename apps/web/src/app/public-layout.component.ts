import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { BrandBarComponent } from './brand-bar.component';
import { CookieBannerComponent } from './shell/cookie-banner.component';

/** Pages anyone may open (sign-in, sign-up, the pages mails link to): the brand bar with the language switch. */
@Component({
  selector: 'ma-public-layout',
  imports: [RouterOutlet, BrandBarComponent, CookieBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './app.scss',
  template: `
    <ma-brand-bar />
    <main id="main" tabindex="-1">
      <router-outlet />
      <!-- Its own chunk: most tenants offer no optional cookie, and the first page loads without it. -->
      @defer (on idle) {
        <ma-cookie-banner />
      }
    </main>
  `,
})
export class PublicLayoutComponent {}
