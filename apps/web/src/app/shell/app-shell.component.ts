import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Language } from '@mijn-account/shared-contracts';
import {
  LanguageService,
  ReturnToStore,
  SessionStore,
  TenantStore,
  EnumLabelPipe,
  UsageStatisticsStore,
} from '@mijn-account/web-core';
import { StatementBannerComponent } from './statement-banner.component';
import { CookieBannerComponent } from './cookie-banner.component';
import { filter, map } from 'rxjs';
import { navFor } from './nav';
import { EmailAddressComponent } from '@mijn-account/web-ui';

/** Side navigation beside the page from this width on; below it, a menu that slides over the page. */
const WIDE = '(min-width: 960px)';
const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', en: 'English' };

/**
 * The signed-in shell, its own lazy chunk (sidenav, menu and overlay stay out of the sign-in page's
 * first download): the brand bar with the user's menu (who, which account, language, sign-out), a
 * role-aware side navigation with the current page marked, and the routed page.
 */
@Component({
  selector: 'ma-app-shell',
  imports: [
    EmailAddressComponent,
    EnumLabelPipe,
    RouterOutlet,
    StatementBannerComponent,
    CookieBannerComponent,
    RouterLink,
    RouterLinkActive,
    MatButtonModule,
    MatMenuModule,
    MatSidenavModule,
    MatToolbarModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './app-shell.component.scss',
  template: `
    <header>
      <mat-toolbar class="brand-bar">
        @if (!wide()) {
          <button
            mat-icon-button
            type="button"
            class="nav-toggle"
            aria-controls="ma-nav"
            [attr.aria-expanded]="drawer.opened"
            [attr.aria-label]="'nav.open' | transloco"
            (click)="toggleNav()"
            data-testid="nav-toggle"
          >
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
              <path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
            </svg>
          </button>
        }
        @if (tenant.tenant()?.logoUrl; as logo) {
          <img [src]="logo" alt="" class="logo" />
        }
        <a routerLink="/account" class="brand-name" data-testid="tenant-name">{{ tenant.displayName() }}</a>
        <span class="spacer"></span>
        @if (session.me(); as me) {
          <button
            mat-button
            type="button"
            class="user-button"
            [matMenuTriggerFor]="userMenu"
            [attr.aria-label]="'nav.userMenu' | transloco: { name: me.user.displayName }"
            data-testid="user-menu"
          >
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
              <path
                fill="currentColor"
                d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3.3 0-8 1.7-8 5v1h16v-1c0-3.3-4.7-5-8-5z"
              />
            </svg>
            <span class="who">
              <span class="who-name">{{ me.user.displayName }}</span>
              <span class="who-account">{{ me.account?.name ?? (me.staffRoles[0] | maLabel: 'role') }}</span>
            </span>
          </button>
          <mat-menu #userMenu="matMenu" xPosition="before">
            <ng-template matMenuContent>
              <a mat-menu-item routerLink="/account/profile" class="menu-who" data-testid="user-menu-profile">
                <span class="menu-name">{{ me.user.displayName }}</span>
                <ma-email class="menu-detail" [address]="me.user.email" />
                @if (me.account; as account) {
                  <span class="menu-detail">{{ account.name }} · {{ account.customerNumber }}</span>
                }
              </a>
              @for (lang of language.languages; track lang) {
                <button
                  mat-menu-item
                  type="button"
                  role="menuitemradio"
                  [attr.aria-checked]="lang === language.language()"
                  [attr.lang]="lang"
                  (click)="language.use(lang)"
                  [attr.data-testid]="'language-' + lang"
                >
                  <span class="check" aria-hidden="true">{{ lang === language.language() ? '✓' : '' }}</span>
                  {{ languageNames[lang] }}
                </button>
              }
              <button mat-menu-item type="button" (click)="signOut()" data-testid="sign-out">
                {{ 'shell.signOut' | transloco }}
              </button>
            </ng-template>
          </mat-menu>
        }
      </mat-toolbar>
    </header>
    <mat-sidenav-container class="container">
      <mat-sidenav #drawer id="ma-nav" class="nav" [mode]="wide() ? 'side' : 'over'" [opened]="wide()">
        @if (wide() || navMade()) {
          <nav [attr.aria-label]="'nav.label' | transloco" data-testid="nav">
            @for (section of sections(); track section.label) {
              <p class="nav-heading" [id]="'nav-' + $index">{{ section.label | transloco }}</p>
              <ul [attr.aria-labelledby]="'nav-' + $index">
                @for (link of section.links; track link.path) {
                  <li>
                    <a
                      [routerLink]="link.path"
                      routerLinkActive="current"
                      [routerLinkActiveOptions]="{ exact: !!link.exact }"
                      ariaCurrentWhenActive="page"
                      [attr.data-testid]="link.testId"
                      (click)="closeOnPhone()"
                      >{{ link.title | transloco }}</a
                    >
                  </li>
                }
              </ul>
            }
          </nav>
        }
      </mat-sidenav>
      <mat-sidenav-content class="content">
        <main id="main" tabindex="-1">
          @if (session.me()) {
            <ma-statement-banner />
          }
          <router-outlet />
          <ma-cookie-banner />
        </main>
      </mat-sidenav-content>
    </mat-sidenav-container>
  `,
})
export class AppShellComponent {
  protected readonly tenant = inject(TenantStore);
  protected readonly session = inject(SessionStore);
  protected readonly language = inject(LanguageService);
  private readonly returnTo = inject(ReturnToStore);
  private readonly router = inject(Router);
  private readonly breakpoints = inject(BreakpointObserver);
  protected readonly languageNames = LANGUAGE_NAMES;
  private readonly sidenav = viewChild.required<MatSidenav>('drawer');
  protected readonly wide = toSignal(this.breakpoints.observe(WIDE).pipe(map((state) => state.matches)), {
    initialValue: this.breakpoints.isMatched(WIDE),
  });
  protected readonly sections = computed(() => navFor(this.session.me()));
  /**
   * On a phone the navigation is off screen until opened, so it is made when first opened (and
   * kept): the first screen has less to build and hydrate (issue 16's blocking time).
   */
  protected readonly navMade = signal(false);

  constructor() {
    // Usage statistics: one page view per section the user opens (the section's name only); the
    // shell is made during the first navigation, so its end comes through here too.
    const usage = inject(UsageStatisticsStore);
    this.router.events
      .pipe(
        filter((event): event is NavigationEnd => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      // In a task of its own, after the page is drawn: a beacon is no part of the first screen's work.
      .subscribe((event) => setTimeout(() => usage.pageView(event.urlAfterRedirects)));
  }

  protected toggleNav(): void {
    this.navMade.set(true);
    void this.sidenav().toggle();
  }

  protected closeOnPhone(): void {
    if (!this.wide()) void this.sidenav().close();
  }

  protected async signOut(): Promise<void> {
    await this.session.signOut();
    this.returnTo.clear();
    await this.router.navigateByUrl('/sign-in');
  }
}
