import { ChangeDetectionStrategy, Component, type OnInit, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { ActionRunner, LocaleDatePipe, StatementsStore } from '@mijn-account/web-core';
import { ProblemAlertComponent } from '@mijn-account/web-ui';

/**
 * In the signed-in shell, above every page: a new privacy statement the user has not acknowledged
 * yet, with what changed, a link to read it, and "I have read it" (recorded in the consent ledger).
 */
@Component({
  selector: 'ma-statement-banner',
  imports: [RouterLink, MatButtonModule, TranslocoPipe, LocaleDatePipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    section {
      margin: 0 0 1rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--mat-sys-outline, #777);
      border-radius: 8px;
      background: var(--mat-sys-surface-container, #f3f3f3);
    }
    h2 {
      font-size: 1.05rem;
      margin: 0 0 0.25rem;
    }
    p {
      margin: 0 0 0.5rem;
      overflow-wrap: anywhere;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
  `,
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
