import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CookieChoice } from '@mijn-account/shared-contracts';
import { ActionRunner, CookieConsentStore, LoadState } from '@mijn-account/web-core';
import { LoadFailedComponent, Notifier, ProblemAlertComponent, SkeletonComponent } from '@mijn-account/web-ui';

/**
 * The answer to the cookie banner, to change at any time (on /cookies and on the privacy page):
 * refusing removes the optional cookie at once. Where the tenant offers no optional cookie it says
 * there is nothing to choose.
 */
@Component({
  selector: 'ma-cookie-choice',
  imports: [
    MatButtonModule,
    MatCardModule,
    TranslocoPipe,
    ProblemAlertComponent,
    SkeletonComponent,
    LoadFailedComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    /* A card among the page's cards, with their gap (PAGE_STYLES spaces the page's own cards only). */
    :host {
      display: block;
      margin-top: 1rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
  template: `
    <mat-card appearance="outlined" data-testid="cookie-choice">
      <mat-card-content>
        <h2>{{ 'cookieConsent.choice.title' | transloco }}</h2>
        @if (page.loading()) {
          <ma-skeleton [lines]="2" testId="cookie-choice-loading" />
        } @else if (page.failed()) {
          <ma-load-failed message="cookieConsent.choice.failed" testId="cookie-choice-failed" (retry)="page.retry()" />
        } @else if (store.view(); as view) {
          @if (!view.enabled) {
            <p data-testid="cookie-choice-state">{{ 'cookieConsent.choice.off' | transloco }}</p>
          } @else {
            <p data-testid="cookie-choice-state" role="status">
              {{ 'cookieConsent.choice.' + (view.choice ?? 'none') | transloco }}
            </p>
            <ma-problem-alert [problem]="runner.problem()" />
            <div class="actions">
              <button
                mat-stroked-button
                type="button"
                [disabled]="runner.busy() || view.choice === 'accepted'"
                (click)="choose('accepted')"
                data-testid="cookie-choice-accept"
              >
                {{ 'cookieConsent.choice.accept' | transloco }}
              </button>
              <button
                mat-stroked-button
                type="button"
                [disabled]="runner.busy() || view.choice === 'refused'"
                (click)="choose('refused')"
                data-testid="cookie-choice-refuse"
              >
                {{ 'cookieConsent.choice.refuse' | transloco }}
              </button>
            </div>
          }
        }
      </mat-card-content>
    </mat-card>
  `,
})
export class CookieChoiceComponent implements OnInit {
  protected readonly store = inject(CookieConsentStore);
  private readonly notifier = inject(Notifier);
  protected readonly page = new LoadState();
  protected readonly runner = new ActionRunner();
  private readonly destroyRef = inject(DestroyRef);

  ngOnInit(): void {
    this.destroyRef.onDestroy(this.store.choiceShown());
    void this.page.track(() => this.store.load());
  }

  protected async choose(choice: CookieChoice): Promise<void> {
    await this.runner.run(async () => {
      await this.store.choose(choice);
      this.notifier.success('cookieConsent.choice.saved');
    });
  }
}
