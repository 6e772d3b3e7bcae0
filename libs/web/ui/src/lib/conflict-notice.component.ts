import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

export interface ConflictRow {
  label: string;
  theirs: string;
  mine: string;
}

/**
 * Shown when a save finds that someone else saved first (HTTP 412): what they changed next to what
 * you typed, to keep theirs or apply yours on top of their version.
 */
@Component({
  selector: 'ma-conflict-notice',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      border: 2px solid #b26a00;
      border-radius: 4px;
      padding: 1rem;
      margin: 1rem 0;
      background: #fff8e1;
    }
    table {
      border-collapse: collapse;
      margin: 0.5rem 0 1rem;
    }
    th,
    td {
      text-align: left;
      padding: 0.25rem 0.75rem 0.25rem 0;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
  `,
  template: `
    <h2 role="alert">{{ title() }}</h2>
    <p>{{ intro() }}</p>
    <table data-testid="conflict">
      <thead>
        <tr>
          <th scope="col">{{ fieldHeader() }}</th>
          <th scope="col">{{ theirsHeader() }}</th>
          <th scope="col">{{ mineHeader() }}</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.label) {
          <tr>
            <th scope="row">{{ row.label }}</th>
            <td>{{ row.theirs }}</td>
            <td>{{ row.mine }}</td>
          </tr>
        }
      </tbody>
    </table>
    <div class="actions">
      <button mat-flat-button type="button" (click)="applyMine.emit()" data-testid="apply-mine">
        {{ applyLabel() }}
      </button>
      <button mat-stroked-button type="button" (click)="keepTheirs.emit()">{{ keepLabel() }}</button>
    </div>
  `,
})
export class ConflictNoticeComponent {
  readonly rows = input.required<ConflictRow[]>();
  readonly title = input.required<string>();
  readonly intro = input.required<string>();
  readonly fieldHeader = input.required<string>();
  readonly theirsHeader = input.required<string>();
  readonly mineHeader = input.required<string>();
  readonly applyLabel = input.required<string>();
  readonly keepLabel = input.required<string>();
  readonly applyMine = output<void>();
  readonly keepTheirs = output<void>();
}
