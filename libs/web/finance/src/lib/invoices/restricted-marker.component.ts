import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { RestrictedRecord } from '@mijn-account/shared-contracts';
import { LocaleDatePipe } from '@mijn-account/web-core';

/**
 * "Restricted (erased on …, kept until …)": a record kept after the account's erasure (issue 18 §3).
 * Finance reads and downloads it; nothing new is made on it.
 */
@Component({
  selector: 'ma-restricted-marker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, LocaleDatePipe],
  styles: [
    `
      .restricted {
        display: inline-block;
        border: 1px solid #8a4b00;
        border-radius: 4px;
        padding: 0 6px;
        color: #6b3a00;
        font-size: 0.85rem;
      }
    `,
  ],
  template: `
    @let r = restricted();
    <span class="restricted" data-testid="restricted-marker">
      @if (r.keptUntil) {
        {{
          'finance.restricted.keptUntil'
            | transloco: { erased: (r.erasedAt | maDate: 'date'), kept: (r.keptUntil + 'T12:00:00' | maDate: 'date') }
        }}
      } @else {
        {{ 'finance.restricted.erased' | transloco: { erased: (r.erasedAt | maDate: 'date') } }}
      }
    </span>
  `,
})
export class RestrictedMarkerComponent {
  readonly restricted = input.required<RestrictedRecord>();
}
