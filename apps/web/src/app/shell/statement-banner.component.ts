import { ChangeDetectionStrategy, Component, type OnInit, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { ActionRunner, LocaleDatePipe, StatementsStore } from '@mijn-account/web-core';
import { ProblemAlertComponent } from '@mijn-account/web-ui';
import { BANNER_STYLES } from './banner-styles';

/**
 * In the signed-in shell, above every page: a new privacy statement the user has not acknowledged
 * yet, with what changed, a link to read it, and "I have read it" (recorded in the consent ledger).
 */
@Component({
  selector: 'ma-statement-banner',
  imports: [RouterLink, MatButtonModule, TranslocoPipe, LocaleDatePipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: BANNER_STYLES,
  template: `
    @if (store.pending(); as pending) {
      <section role="region" aria-labelledby="statement-banner-title" data-testid="statement-banner">
        <h2 id="statement-banner-title">
          {{ 'privacyStatement.banner.title' | transloco: { version: pending.version } }}
        </h2>
        <p>
          {{ 'privacyStatement.banner.effective' | transloco: { date: noon(pending.effectiveOn) | maDate: 'date' } }}
          {{ pending.summary }}
        </p>
        <ma-problem-alert [problem]="runner.problem()" />
        <div class="actions">
          <button mat-flat-button type="button" (click)="acknowledge(pending.version)" data-testid="acknowledge-statement">
            {{ 'privacyStatement.banner.acknowledge' | transloco }}
          </button>
          <a mat-button routerLink="/privacy-statement">{{ 'privacyStatement.banner.read' | transloco }}</a>
        </div>
      </section>
    }
  `,
})
export class StatementBannerComponent implements OnInit {
  protected readonly store = inject(StatementsStore);
  protected readonly runner = new ActionRunner();
  protected readonly noon = (day: string) => `${day}T12:00:00`;

  ngOnInit(): void {
    // A banner that cannot load is no reason to disturb the page: it simply does not show.
    this.store.loadNotice().catch(() => undefined);
  }

  protected async acknowledge(version: number): Promise<void> {
    await this.runner.run(() => this.store.acknowledge(version));
  }
}
