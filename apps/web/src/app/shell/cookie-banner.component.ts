import { ChangeDetectionStrategy, Component, type OnInit, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { COOKIE_CONSENT_WORDING, type CookieChoice } from '@mijn-account/shared-contracts';
import { ActionRunner, CookieConsentStore, LanguageService } from '@mijn-account/web-core';
import { ProblemAlertComponent } from '@mijn-account/web-ui';
import { BANNER_STYLES } from './banner-styles';

/**
 * Under every page and held at the bottom of the screen until scrolled to, for anyone, only where
 * the tenant offers the optional cookie and this browser has not answered: the question (word for word what the consent ledger records) with "Accept" and
 * "Refuse" of equal weight. Nothing optional is set before "Accept"; the page stays usable without
 * an answer (the banner blocks nothing). Where the page itself shows the choice (the cookie page, the
 * privacy page) the banner steps aside.
 */
@Component({
  selector: 'ma-cookie-banner',
  imports: [RouterLink, MatButtonModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // After the page, not above it: it comes once its answer is in (after the page is drawn), and above
  // the page it pushed the sign-in card ~300 px down on a phone (a layout shift). Held at the bottom
  // of the screen (sticky), it is seen at once and moves nothing.
  styles: [
    BANNER_STYLES,
    `
      :host {
        position: sticky;
        bottom: 0;
        z-index: 2;
      }
      :host:has(section) {
        padding: 0 1rem 1rem;
      }
      section {
        box-shadow: 0 2px 12px rgb(0 0 0 / 25%);
      }
    `,
  ],
  template: `
    @if (store.askInBanner()) {
      <section role="region" aria-labelledby="cookie-banner-title" data-testid="cookie-banner">
        <h2 id="cookie-banner-title">{{ 'cookieConsent.banner.title' | transloco }}</h2>
        <p>{{ question() }}</p>
        <ma-problem-alert [problem]="runner.problem()" />
        <div class="actions">
          <button mat-stroked-button type="button" (click)="choose('accepted')" [disabled]="runner.busy()" data-testid="cookie-accept">
            {{ 'cookieConsent.banner.accept' | transloco }}
          </button>
          <button mat-stroked-button type="button" (click)="choose('refused')" [disabled]="runner.busy()" data-testid="cookie-refuse">
            {{ 'cookieConsent.banner.refuse' | transloco }}
          </button>
          <a mat-button routerLink="/cookies">{{ 'cookieConsent.banner.more' | transloco }}</a>
        </div>
      </section>
    }
  `,
})
export class CookieBannerComponent implements OnInit {
  protected readonly store = inject(CookieConsentStore);
  private readonly language = inject(LanguageService);
  protected readonly runner = new ActionRunner();
  protected readonly question = computed(() => COOKIE_CONSENT_WORDING[this.language.language()]);

  ngOnInit(): void {
    // A banner that cannot load asks nothing, and nothing optional is set without an answer.
    this.store.load().catch(() => undefined);
  }

  protected async choose(choice: CookieChoice): Promise<void> {
    await this.runner.run(() => this.store.choose(choice));
  }
}
