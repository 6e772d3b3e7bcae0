import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ChangeHistoryEntry } from '@mijn-account/shared-contracts';
import { LocaleDatePipe, LocaleFormat } from '@mijn-account/web-core';
import { describeHistory } from './change-in-words';

/** "What changed, when, by whom" under a details form. */
@Component({
  selector: 'ma-change-history',
  imports: [LocaleDatePipe, MatCardModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    mat-card { padding: 1rem; margin-top: 1rem; }
    ul { margin: 0.25rem 0 0.75rem; }
  `,
  template: `
    <mat-card appearance="outlined">
      <h2>{{ 'details.history' | transloco }}</h2>
      @if (entries().length === 0) {
        <p>{{ 'details.noHistory' | transloco }}</p>
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
}
