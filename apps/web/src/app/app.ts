import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService, SessionStore, TenantStore } from '@mijn-account/web-core';
import { LanguageSwitchComponent } from '@mijn-account/web-ui';

/** Shell: tenant-branded header, language switch, sign-out, and the routed page. */
@Component({
  selector: 'ma-root',
  imports: [RouterOutlet, RouterLink, MatToolbarModule, MatButtonModule, TranslocoPipe, LanguageSwitchComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './app.scss',
  template: `
    <a class="skip-link" href="#main">{{ 'shell.skip' | transloco }}</a>
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
        @if (session.signedIn()) {
          <button mat-button type="button" class="sign-out" (click)="signOut()" data-testid="sign-out">
            {{ 'shell.signOut' | transloco }}
          </button>
        }
      </mat-toolbar>
    </header>
    <main id="main" tabindex="-1">
      <router-outlet />
    </main>
  `,
})
export class App {
  protected readonly tenant = inject(TenantStore);
  protected readonly session = inject(SessionStore);
  protected readonly language = inject(LanguageService);
  private readonly router = inject(Router);

  protected async signOut(): Promise<void> {
    await this.session.signOut();
    await this.router.navigateByUrl('/sign-in');
  }
}
