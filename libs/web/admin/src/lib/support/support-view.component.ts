import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import { EnumLabelPipe, LanguageService, SupportStore, timeLeft } from '@mijn-account/web-core';
import { BillingFormComponent, InvoiceListComponent } from '@mijn-account/web-account';
import { EmptyStateComponent, EmailAddressComponent } from '@mijn-account/web-ui';
import { SupportConsoleStore, type SupportView, editsBilling } from './support-console.store';
import { SUPPORT_PART_STYLES } from './support-styles';

/**
 * The support view of one active grant, with its countdown: billing (read-only, or the billing form
 * when the grant may change it), the people and their newsletters, as far as the grant's scopes go.
 */
@Component({
  selector: 'ma-support-view',
  imports: [
    EmailAddressComponent,
    EnumLabelPipe,
    BillingFormComponent,
    EmptyStateComponent,
    InvoiceListComponent,
    MatButtonModule,
    MatCardModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    SUPPORT_PART_STYLES,
    `
      .banner {
        background: #fff3e0;
        border: 2px solid #b26a00;
        padding: 0.75rem;
        border-radius: 4px;
      }
    `,
  ],
  template: `
    @let v = view();
    <mat-card appearance="outlined" data-testid="support-view">
      <p class="banner" role="status">
        {{
          'support.banner'
            | transloco
              : {
                  account: v.grant.customerNumber,
                  time: countdown(v.grant.expiresAt),
                  scopes: v.grant.scopes | maLabel: 'scope',
                }
        }}
      </p>
      @if (editsBilling(v.grant)) {
        <h2>{{ 'billing.title' | transloco }}</h2>
        <ma-billing-form [accountId]="v.grant.accountId" [canEdit]="true" />
      } @else if (v.billing; as b) {
        <h2>{{ 'billing.title' | transloco }}</h2>
        <dl>
          <dt>{{ 'fields.companyName' | transloco }}</dt>
          <dd data-testid="support-company">{{ b.companyName }}</dd>
          <dt>{{ 'billing.address' | transloco }}</dt>
          <dd>
            {{ b.address?.street }} {{ b.address?.houseNumber }}, {{ b.address?.postalCode }} {{ b.address?.city }}
            {{ b.address?.country }}
          </dd>
        </dl>
      }
      @if (v.profiles; as people) {
        <h2>{{ 'support.people' | transloco }}</h2>
        <table class="stacked" data-testid="support-profiles">
          <thead>
            <tr>
              <th scope="col">{{ 'fields.displayName' | transloco }}</th>
              <th scope="col">{{ 'signIn.email' | transloco }}</th>
              <th scope="col">{{ 'fields.phone' | transloco }}</th>
              <th scope="col">{{ 'support.role' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (p of people; track p.email) {
              <tr>
                <td>{{ p.displayName }}</td>
                <td [attr.data-label]="'signIn.email' | transloco"><ma-email [address]="p.email" /></td>
                <td [attr.data-label]="'fields.phone' | transloco">{{ p.phone }}</td>
                <td [attr.data-label]="'support.role' | transloco">{{ p.role | maLabel: 'role' }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
      @if (v.newsletters; as subscriptions) {
        <h2>{{ 'newsletters.title' | transloco }}</h2>
        @if (subscriptions.length === 0) {
          <ma-empty-state
            icon="mail"
            title="states.support.noSubscriptions"
            text="states.support.noSubscriptionsNext"
            testId="support-newsletters-empty"
          />
        } @else {
        <table class="stacked" data-testid="support-newsletters">
          <thead>
            <tr>
              <th scope="col">{{ 'signIn.email' | transloco }}</th>
              <th scope="col">{{ 'support.list' | transloco }}</th>
              <th scope="col">{{ 'helpdesk.status' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (n of subscriptions; track n.email + n.list.en) {
              <tr>
                <td><ma-email [address]="n.email" /></td>
                <td [attr.data-label]="'support.list' | transloco">{{ n.list[language()] }}</td>
                <td [attr.data-label]="'helpdesk.status' | transloco">{{ n.status | maLabel: 'newsletterStatus' }}</td>
              </tr>
            }
          </tbody>
        </table>
        }
      }
      @if (v.invoices; as invoices) {
        <h2>{{ 'myInvoices.support.title' | transloco }}</h2>
        @if (invoices.length === 0) {
          <ma-empty-state
            icon="inbox"
            title="myInvoices.support.none"
            text="myInvoices.support.noneNext"
            testId="support-invoices-empty"
          />
        } @else {
          <ma-invoice-list
            [invoices]="invoices"
            [downloads]="pdfUrl()"
            [formats]="['pdf']"
            data-testid="support-invoices"
          />
        }
      }
      <button mat-stroked-button type="button" (click)="console.open(v.grant)" data-testid="refresh-support-view">
        {{ 'support.refresh' | transloco }}
      </button>
    </mat-card>
  `,
})
export class SupportViewComponent {
  protected readonly console = inject(SupportConsoleStore);
  protected readonly language = inject(LanguageService).language;
  readonly view = input.required<SupportView>();
  protected readonly editsBilling = editsBilling;
  private readonly now = signal(Date.now());

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  private readonly support = inject(SupportStore);

  /** The PDF download of the account's invoices under the grant (each download lands in the access log). */
  protected readonly pdfUrl = computed(() => {
    const accountId = this.view().grant.accountId;
    return (invoiceId: string) => this.support.invoicePdfUrl(accountId, invoiceId);
  });

  protected countdown(expiresAt: string | null): string {
    return timeLeft(expiresAt, this.now());
  }
}
