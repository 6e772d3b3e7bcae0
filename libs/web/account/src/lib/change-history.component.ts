import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ChangeHistoryEntry } from '@mijn-account/shared-contracts';
import { LocaleDatePipe } from '@mijn-account/web-core';

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
        @for (entry of entries(); track $index) {
          <li>
            {{ entry.at | maDate }} — {{ entry.by }}@if (entry.byKind === 'staff') { ({{ 'details.staff' | transloco }}) }
            <ul>
              @for (change of entry.changes; track change.field) {
                <li>{{ 'fields.' + change.field | transloco }}: {{ change.from ?? '—' }} → {{ change.to ?? '—' }}</li>
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
}
