import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { BillingDetails } from '@mijn-account/shared-contracts';
import { type LoadState, LocaleDatePipe, countryName } from '@mijn-account/web-core';
import {
  CARD_STYLES,
  EmailAddressComponent,
  EmptyStateComponent,
  LoadFailedComponent,
  SkeletonComponent,
} from '@mijn-account/web-ui';
import { COMPANY_FIELDS, addressLines, companyLabels, nothingFilledIn } from './billing-details';

/**
 * Company and billing details as they will appear on invoices: the company's name, registration,
 * tax id and invoice e-mail by the names the address's country gives them, and the address as on
 * an envelope. Only what is filled in is shown; with nothing filled in, an empty state says so.
 */
@Component({
  selector: 'ma-billing-summary',
  imports: [
    EmailAddressComponent,
    EmptyStateComponent,
    LoadFailedComponent,
    LocaleDatePipe,
    MatCardModule,
    SkeletonComponent,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    CARD_STYLES,
    `
    :host {
      display: block;
    }
    .parts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 2.5rem;
    }
    section {
      flex: 1 1 16rem;
      min-width: 0;
    }
    h2 {
      font-size: 1rem;
      font-weight: 600;
      margin: 0.25rem 0 0.5rem;
    }
    dl {
      margin: 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant, #444);
      font-size: 0.875rem;
    }
    dd {
      margin: 0 0 0.5rem;
      overflow-wrap: anywhere;
    }
    .hint {
      display: block;
      color: var(--mat-sys-on-surface-variant, #444);
      font-size: 0.875rem;
    }
    address {
      font-style: normal;
    }
    address span {
      display: block;
    }
  `,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="billing-summary">
      @if (state().loading()) {
        <ma-skeleton [lines]="5" testId="billing-loading" />
      } @else if (state().failed()) {
        <ma-load-failed message="states.details.failed" testId="billing-failed" (retry)="state().retry()" />
      } @else if (details(); as details) {
        @if (nothingFilledIn(details)) {
          <ma-empty-state icon="inbox" title="billing.empty" text="billing.emptyNext" testId="billing-empty" />
        } @else {
          <div class="parts">
            <section>
              <h2>{{ 'billing.company' | transloco }}</h2>
              <dl>
                @for (row of company(); track row.field) {
                  <dt>{{ row.label | transloco }}</dt>
                  <dd>
                    @if (row.field === 'billingEmail') {
                      <ma-email [address]="row.value" />
                    } @else {
                      {{ row.value }}
                    }
                    @if (row.field === 'vatId' && details.vatCheck; as check) {
                      <span class="hint">{{ 'billing.vatChecked' | transloco: { when: (check.checkedAt | maDate) } }}</span>
                    }
                  </dd>
                }
              </dl>
            </section>
            <section>
              <h2>{{ 'billing.address' | transloco }}</h2>
              @if (lines().length > 0) {
                <address data-testid="billing-address">
                  @for (line of lines(); track $index) {
                    <span>{{ line }}</span>
                  }
                </address>
              } @else {
                <p>{{ 'billing.noAddress' | transloco }}</p>
              }
            </section>
          </div>
        }
      }
    </mat-card>
  `,
})
export class BillingSummaryComponent {
  readonly details = input.required<BillingDetails | null>();
  readonly state = input.required<LoadState>();
  protected readonly nothingFilledIn = nothingFilledIn;
  private readonly language = toSignal(inject(TranslocoService).langChanges$, { initialValue: 'en' });

  protected readonly company = computed(() => {
    const details = this.details();
    if (!details) return [];
    const labels = companyLabels(details.address?.country ?? null);
    return COMPANY_FIELDS.flatMap((field) => {
      const value = details[field];
      return value ? [{ field, label: labels[field], value }] : [];
    });
  });

  protected readonly lines = computed(() => {
    const address = this.details()?.address;
    return address ? addressLines(address, countryName(address.country, this.language())) : [];
  });
}
