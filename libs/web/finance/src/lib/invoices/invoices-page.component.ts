import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink, type Params } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { FinanceInvoiceListItem, InvoiceStatus, Language } from '@mijn-account/shared-contracts';
import { LoadState, LocaleDatePipe, LocaleFormat, TenantStore, DateFieldsModule } from '@mijn-account/web-core';
import {
  EmptyStateComponent,
  LoadFailedComponent,
  PAGE_STYLES,
  SkeletonComponent,
  STACKED_TABLE_STYLES,
  ScrollRegionComponent,
} from '@mijn-account/web-ui';
import { FinanceInvoicesStore, STATUS_KEYS, statusKeyOf } from './finance-invoices.store';
import { RestrictedMarkerComponent } from './restricted-marker.component';

export const FILTER_STATUSES: readonly InvoiceStatus[] = ['open', 'paid', 'uncollectible', 'void', 'draft'];

/** Finance's invoices and credit notes: filters, newest first, a page at a time; exports of a period. */
@Component({
  selector: 'ma-invoices-page',
  imports: [
    DateFieldsModule,
    ScrollRegionComponent,
    RestrictedMarkerComponent,
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatChipsModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    LocaleDatePipe,
    EmptyStateComponent,
    LoadFailedComponent,
    SkeletonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    STACKED_TABLE_STYLES,
    `
      :host {
        max-width: 64rem;
      }
      /* Filters in two rows: the choices, then the fields and the button. A field takes the room there
         is, at least a label's width beside its calendar button (a whole line on a phone); wrapped
         buttons keep a gap between them. */
      .filters,
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
      }
      .filters mat-form-field {
        flex: 1 1 15rem;
      }
      .filters > button,
      .filters > a {
        margin-bottom: 1.25rem;
      }
      td.amount,
      th.amount {
        text-align: right;
        white-space: nowrap;
      }
      .phone-only {
        display: none;
      }
      @media (max-width: 599.98px) {
        td.amount {
          text-align: left;
        }
        /* "Status: Open · overdue" on one line of the card, as the invoice's own page says it. */
        br.wide-only {
          display: none;
        }
        .phone-only {
          display: inline;
        }
      }
      .overdue {
        color: #b00020;
        font-weight: 600;
      }
      .more {
        margin-top: 1rem;
      }
    `,
  ],
  template: `
    <h1>{{ 'finance.invoices.title' | transloco }}</h1>
    <mat-card appearance="outlined">
      <form (ngSubmit)="search()" data-testid="invoice-filters">
        <div class="choices">
        <mat-chip-listbox
          multiple
          [attr.aria-label]="'finance.invoices.statusFilter' | transloco"
          (change)="statuses.set($event.value)"
        >
          @for (status of filterStatuses; track status) {
            <mat-chip-option [value]="status" [selected]="statuses().includes(status)">{{
              statusKeys[status] | transloco
            }}</mat-chip-option>
          }
        </mat-chip-listbox>
        <mat-checkbox [(ngModel)]="overdue" name="overdue" data-testid="overdue-filter">{{
          'finance.invoices.overdue' | transloco
        }}</mat-checkbox>
        </div>
        <div class="filters">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'finance.invoices.from' | transloco }}</mat-label>
          <input matInput [matDatepicker]="fromPicker" [(ngModel)]="from" name="from" />
          <mat-datepicker-toggle matIconSuffix [for]="fromPicker" />
          <mat-datepicker #fromPicker />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'finance.invoices.to' | transloco }}</mat-label>
          <input matInput [matDatepicker]="toPicker" [(ngModel)]="to" name="to" />
          <mat-datepicker-toggle matIconSuffix [for]="toPicker" />
          <mat-datepicker #toPicker />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'finance.invoices.search' | transloco }}</mat-label>
          <input matInput type="search" [(ngModel)]="q" name="q" data-testid="invoice-search" />
        </mat-form-field>
        <button mat-flat-button type="submit" data-testid="apply-filters">
          {{ 'finance.invoices.apply' | transloco }}
        </button>
        </div>
      </form>
    </mat-card>

    <mat-card appearance="outlined">
      @if (page.loading()) {
        <ma-skeleton [lines]="5" testId="invoices-loading" />
      } @else if (page.failed()) {
        <ma-load-failed testId="invoices-failed" (retry)="page.retry()" />
      } @else if (items().length === 0) {
        <ma-empty-state
          title="finance.invoices.empty"
          text="finance.invoices.emptyNext"
          actionLabel="finance.invoices.toRuns"
          actionLink="/finance/runs"
          testId="invoices-empty"
        />
      } @else {
        <ma-scroll-region [label]="'finance.invoices.title' | transloco">
          <table class="stacked" data-testid="invoices">
            <thead>
              <tr>
                <th scope="col">{{ 'finance.invoices.number' | transloco }}</th>
                <th scope="col">{{ 'finance.invoices.customer' | transloco }}</th>
                <th scope="col">{{ 'finance.invoices.issueDate' | transloco }}</th>
                <th scope="col">{{ 'finance.invoices.dueDate' | transloco }}</th>
                <th scope="col">{{ 'finance.invoices.status' | transloco }}</th>
                <th scope="col" class="amount">{{ 'finance.invoices.gross' | transloco }}</th>
                <th scope="col" class="amount">{{ 'finance.invoices.outstanding' | transloco }}</th>
              </tr>
            </thead>
            <tbody>
              @for (i of items(); track i.id) {
                <tr>
                  <td>
                    <a class="nowrap" [routerLink]="['/finance/invoices', i.id]">{{
                      i.number ?? ('finance.invoices.draft' | transloco)
                    }}</a>
                    @if (i.kind === 'credit-note') {
                      <br /><small>{{ 'finance.invoices.creditNote' | transloco }}</small>
                    }
                  </td>
                  <td [attr.data-label]="'finance.invoices.customer' | transloco">
                    {{ i.customerName }}<br /><small class="nowrap">{{ i.customerNumber }}</small>
                    @if (i.restricted; as r) {
                      <br /><ma-restricted-marker [restricted]="r" />
                    }
                  </td>
                  <td [attr.data-label]="i.issueDate ? ('finance.invoices.issueDate' | transloco) : null">
                    <span class="nowrap">{{ day(i.issueDate) | maDate: 'date' }}</span>
                  </td>
                  <td [attr.data-label]="i.dueDate ? ('finance.invoices.dueDate' | transloco) : null">
                    <span class="nowrap">{{ day(i.dueDate) | maDate: 'date' }}</span>
                  </td>
                  <td [attr.data-label]="'finance.invoices.status' | transloco">
                    {{ statusKeyOf(i) | transloco }}
                    @if (i.overdue) {
                      <br class="wide-only" /><span class="overdue"
                        ><span class="phone-only">· </span>{{ 'finance.invoices.isOverdue' | transloco }}</span
                      >
                    }
                  </td>
                  <td class="amount" [attr.data-label]="'finance.invoices.gross' | transloco">
                    {{ money(i.grossMinor ?? i.netMinor, i.currency) }}
                  </td>
                  <td class="amount" [attr.data-label]="'finance.invoices.outstanding' | transloco">
                    {{ money(i.outstandingMinor, i.currency) }}
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </ma-scroll-region>
        @if (next()) {
          <button mat-stroked-button type="button" class="more" (click)="more()" data-testid="more-invoices">
            {{ 'finance.invoices.more' | transloco }}
          </button>
        }
      }
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'finance.invoices.exports' | transloco }}</h2>
      <p>{{ 'finance.invoices.exportsText' | transloco }}</p>
      <div class="filters">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'finance.invoices.from' | transloco }}</mat-label>
          <input matInput [matDatepicker]="exportFromPicker" [(ngModel)]="exportFrom" name="exportFrom" data-testid="export-from" />
          <mat-datepicker-toggle matIconSuffix [for]="exportFromPicker" />
          <mat-datepicker #exportFromPicker />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'finance.invoices.to' | transloco }}</mat-label>
          <input matInput [matDatepicker]="exportToPicker" [(ngModel)]="exportTo" name="exportTo" data-testid="export-to" />
          <mat-datepicker-toggle matIconSuffix [for]="exportToPicker" />
          <mat-datepicker #exportToPicker />
        </mat-form-field>
        <a mat-stroked-button [href]="csvUrl()" download data-testid="export-csv">{{
          'finance.invoices.exportCsv' | transloco
        }}</a>
        <a mat-stroked-button [href]="zipUrl()" download data-testid="export-zip">{{
          'finance.invoices.exportZip' | transloco
        }}</a>
      </div>
    </mat-card>
  `,
})
export class InvoicesPageComponent implements OnInit {
  private readonly store = inject(FinanceInvoicesStore);
  private readonly transloco = inject(TranslocoService);
  private readonly format = inject(LocaleFormat);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly today = inject(TenantStore).today();
  protected readonly filterStatuses = FILTER_STATUSES;
  protected readonly statusKeys = STATUS_KEYS;
  protected readonly statusKeyOf = statusKeyOf;
  protected readonly page = new LoadState();
  protected readonly items = signal<FinanceInvoiceListItem[]>([]);
  protected readonly next = signal<string | null>(null);
  protected readonly statuses = signal<InvoiceStatus[]>([]);
  protected overdue = false;
  protected from = '';
  protected to = '';
  protected q = '';
  protected exportFrom = firstOfLastMonth(this.today);
  protected exportTo = lastOfLastMonth(this.today);

  /** The filters come from the address, so a reload, a shared link or the way back from an invoice keeps them. */
  ngOnInit(): void {
    const params = this.route.snapshot.queryParamMap;
    this.statuses.set(
      (params.get('status') ?? '')
        .split(',')
        .filter((s): s is InvoiceStatus => (FILTER_STATUSES as readonly string[]).includes(s)),
    );
    this.overdue = params.get('overdue') === 'true';
    this.from = params.get('from') ?? '';
    this.to = params.get('to') ?? '';
    this.q = params.get('q') ?? '';
    void this.load();
  }

  /** Applies the filters: in the address (replacing it, so Back leaves the list), then the list. */
  protected search(): Promise<boolean> {
    const { status, overdue, from, to, q } = this.query();
    const queryParams: Params = { status: status.join(',') || null, overdue: overdue || null, from, to, q };
    void this.router.navigate([], { relativeTo: this.route, queryParams, replaceUrl: true });
    return this.load();
  }

  private load(): Promise<boolean> {
    return this.page.track(async () => {
      const page = await this.store.list(this.query());
      this.items.set(page.items);
      this.next.set(page.next);
    });
  }

  protected more(): Promise<boolean> {
    return this.page.track(async () => {
      const page = await this.store.list({ ...this.query(), after: this.next() ?? undefined });
      this.items.update((items) => [...items, ...page.items]);
      this.next.set(page.next);
    });
  }

  /** A calendar date (YYYY-MM-DD) at midday, so no time zone moves it to another day. */
  protected day(date: string | null | undefined): string | null {
    return date ? `${date}T12:00:00` : null;
  }

  protected money(minor: number, currency: string): string {
    return this.format.money(minor / 100, currency);
  }

  protected csvUrl(): string {
    return this.store.csvUrl(this.exportFrom, this.exportTo, this.transloco.getActiveLang() as Language);
  }

  protected zipUrl(): string {
    return this.store.zipUrl(this.exportFrom, this.exportTo);
  }

  private query() {
    return {
      status: this.statuses(),
      overdue: this.overdue,
      from: this.from || undefined,
      to: this.to || undefined,
      q: this.q.trim() || undefined,
    };
  }
}

/** The first and last day of the month before `today` (YYYY-MM-DD, the tenant's calendar). */
function firstOfLastMonth(today: string): string {
  const [year, month] = today.split('-').map(Number);
  return new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 10);
}

function lastOfLastMonth(today: string): string {
  const [year, month] = today.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
}
