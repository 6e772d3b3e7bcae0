import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * A load that failed, said as such (an alert), with a retry: never an empty list, which would read
 * as "nothing there" (an access log that did not load is not "nobody accessed your data").
 */
@Component({
  selector: 'ma-load-failed',
  imports: [MatButtonModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    .error {
      color: #b00020;
      margin: 0.5rem 0;
    }
  `,
  template: `
    <div [attr.data-testid]="testId()">
      <p class="error" role="alert">{{ message() | transloco }}</p>
      <button mat-stroked-button type="button" (click)="retry.emit()" [attr.data-testid]="testId() + '-retry'">
        {{ 'states.retry' | transloco }}
      </button>
    </div>
  `,
})
export class LoadFailedComponent {
  /** Translation key naming what did not load ("The access log could not be loaded …"). */
  readonly message = input<string>('states.failed');
  readonly testId = input<string>('load-failed');
  readonly retry = output<void>();
}
