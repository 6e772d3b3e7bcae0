import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { RestrictedRecord } from '@mijn-account/shared-contracts';
import { LocaleDatePipe, TenantStore } from '@mijn-account/web-core';

/**
 * "Restricted (erased on …, kept until …)": a record kept after the account's erasure (issue 18 §3).
 * Finance reads and downloads it; nothing new is made on it. Both are days of the tenant's calendar
 * (the erasure's moment is read in its time zone, as TenantStore.today() does): finance across the
 * ocean sees the day the erasure happened for the business, as "kept until" is.
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
    @let erased = erasedDay() + 'T12:00:00' | maDate: 'date';
    <span class="restricted" data-testid="restricted-marker">
      @if (r.keptUntil) {
        {{
          'finance.restricted.keptUntil'
            | transloco: { erased: erased, kept: (r.keptUntil + 'T12:00:00' | maDate: 'date') }
        }}
      } @else {
        {{ 'finance.restricted.erased' | transloco: { erased: erased } }}
      }
    </span>
  `,
})
export class RestrictedMarkerComponent {
  readonly restricted = input.required<RestrictedRecord>();
  private readonly tenant = inject(TenantStore);
  /** The erasure's day in the tenant's calendar (YYYY-MM-DD). */
  protected readonly erasedDay = computed(() => this.tenant.today(new Date(this.restricted().erasedAt)));
}
