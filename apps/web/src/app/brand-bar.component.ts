import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatToolbarModule } from '@angular/material/toolbar';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService, TenantStore } from '@mijn-account/web-core';
import { LanguageSwitchComponent } from '@mijn-account/web-ui';

/**
 * The bar above the pages anyone may open: the tenant's logo and name (none when the tenant could not
 * be loaded: the unavailable page) and the language switch.
 */
@Component({
  selector: 'ma-brand-bar',
  imports: [RouterLink, MatToolbarModule, TranslocoPipe, LanguageSwitchComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './app.scss',
  styles: `
    :host {
      display: block;
    }
  `,
  template: `
    <header>
      <mat-toolbar class="brand-bar">
        @if (tenant.tenant(); as current) {
          @if (current.logoUrl; as logo) {
            <img [src]="logo" alt="" class="logo" />
          }
          <a routerLink="/" class="brand-name" data-testid="tenant-name">{{ current.displayName }}</a>
        }
        <span class="spacer"></span>
        <ma-language-switch
          [languages]="language.languages"
          [value]="language.language()"
          [label]="'shell.language' | transloco"
          (changed)="language.use($event)"
        />
      </mat-toolbar>
    </header>
  `,
})
export class BrandBarComponent {
  protected readonly tenant = inject(TenantStore);
  protected readonly language = inject(LanguageService);
}
