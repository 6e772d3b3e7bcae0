import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { MatToolbarModule } from '@angular/material/toolbar';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService, TenantStore } from '@mijn-account/web-core';
import { LanguageSwitchComponent } from '@mijn-account/web-ui';
import { CookieBannerComponent } from './shell/cookie-banner.component';

/** Pages anyone may open (sign-in, sign-up, the pages mails link to): the brand bar with the language switch. */
@Component({
  selector: 'ma-public-layout',
  imports: [RouterOutlet, RouterLink, MatToolbarModule, TranslocoPipe, LanguageSwitchComponent, CookieBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './app.scss',
  template: `
    <header>
      <mat-toolbar class="brand-bar">
        @if (tenant.tenant()?.logoUrl; as logo) {
          <img [src]="logo" alt="" class="logo" />
        }
        <a routerLink="/" class="brand-name" data-testid="tenant-name">{{ tenant.displayName() }}</a>
        <span class="spacer"></span>
        <ma-language-switch
          [languages]="language.languages"
          [value]="language.language()"
          [label]="'shell.language' | transloco"
          (changed)="language.use($event)"
        />
      </mat-toolbar>
    </header>
    <main id="main" tabindex="-1">
      <router-outlet />
      <!-- Its own chunk: most tenants offer no optional cookie, and the first page loads without it. -->
      @defer (on idle) {
        <ma-cookie-banner />
      }
    </main>
  `,
})
export class PublicLayoutComponent {
  protected readonly tenant = inject(TenantStore);
  protected readonly language = inject(LanguageService);
}
