import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ChangeHistoryEntry } from '@mijn-account/shared-contracts';
import { type LoadState, LocaleDatePipe, LocaleFormat } from '@mijn-account/web-core';
import { CARD_STYLES, EmptyStateComponent, LoadFailedComponent, SkeletonComponent } from '@mijn-account/web-ui';
import { describeHistory } from './change-in-words';

/** "What changed, when, by whom" under a details form. */
@Component({
  selector: 'ma-change-history',
  imports: [LocaleDatePipe, MatCardModule, TranslocoPipe, EmptyStateComponent, LoadFailedComponent, SkeletonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [CARD_STYLES, `ul { margin: 0.25rem 0 0.75rem; }`],
  template: `
    <mat-card appearance="outlined">
      <h2>{{ 'details.history' | transloco }}</h2>
      @if (state()?.loading()) {
        <ma-skeleton [lines]="2" />
      } @else if (state()?.failed()) {
        <ma-load-failed message="states.details.historyFailed" testId="change-history-failed" (retry)="state()?.retry()" />
      } @else if (entries().length === 0) {
        <ma-empty-state
          icon="history"
          title="details.noHistory"
          text="states.details.noHistoryNext"
          testId="change-history-empty"
        />
      }
      <ol data-testid="change-history">
        @for (entry of entries(); track $index; let i = $index) {
          <li>
            {{ entry.at | maDate }} — {{ entry.by }}@if (entry.byKind === 'staff') { ({{ 'details.staff' | transloco }}) }
            <ul>
              @for (change of described()[i]; track $index) {
                <li>{{ change.label | transloco }}: {{ change.from }} → {{ change.to }}</li>
              }
            </ul>
          </li>
        }
      </ol>
    </mat-card>
  `,
})
export class ChangeHistoryComponent {
  readonly entries = input.required<ChangeHistoryEntry[]>();
  private readonly locale = inject(LocaleFormat).locale;
  /** Labels and values in words, in the page's language (change-in-words.ts). */
  protected readonly described = computed(() => describeHistory(this.entries(), this.locale()));
  /** How the entries' load went; without it the entries are taken as loaded. */
  readonly state = input<LoadState | null>(null);
}
