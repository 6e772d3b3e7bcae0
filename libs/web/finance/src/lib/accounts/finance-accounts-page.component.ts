import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { FinanceAccountSummary } from '@mijn-account/shared-contracts';
import { ActionRunner, FinanceAccountsStore, LanguageService, LoadState, countryName } from '@mijn-account/web-core';
import {
  EmptyStateComponent,
  LoadFailedComponent,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
} from '@mijn-account/web-ui';
import { RestrictedMarkerComponent } from '../invoices/restricted-marker.component';

/**
 * Finance's customers: search by customer number or name, pages of 50 by customer number ("more"
 * loads the next), each with its billing country, how many subscriptions run today and, once the account
 * was erased, the restricted marker of its kept records (issue 18 §3). A list, not a
 * table, so it reads on a phone; opening one shows its billing details, subscriptions and invoices.
 */
@Component({
  selector: 'ma-finance-accounts-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    EmptyStateComponent,
    LoadFailedComponent,
    ProblemAlertComponent,
    RestrictedMarkerComponent,
    SkeletonComponent,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.75rem;
        align-items: baseline;
      }
      mat-form-field {
        flex: 1 1 16rem;
      }
      .customers {
        list-style: none;
        padding: 0;
        margin: 0.5rem 0 0;
      }
      .customers li {
        border-bottom: 1px solid #ddd;
      }
      .customers a {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        padding: 0.75rem 0.25rem;
        color: inherit;
        text-decoration: none;
      }
      .customers a:hover,
      .customers a:focus-visible {
        background: #f5f5f5;
      }
      .number {
        font-variant-numeric: tabular-nums;
        min-width: 7rem;
        color: #444;
      }
      .name {
        flex: 1 1 12rem;
        font-weight: 500;
      }
      .meta {
        color: #444;
      }
    `,
  ],
  template: `
    <h1>{{ 'finance.accounts.title' | transloco }}</h1>
    <p>{{ 'finance.accounts.intro' | transloco }}</p>
    <mat-card appearance="outlined">
      <form (ngSubmit)="search()" role="search">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'finance.accounts.search' | transloco }}</mat-label>
          <input matInput name="q" [(ngModel)]="q" data-testid="customer-search" />
          <mat-hint>{{ 'finance.accounts.searchHint' | transloco }}</mat-hint>
        </mat-form-field>
        <button mat-flat-button type="submit" data-testid="customer-search-go">
          {{ 'finance.accounts.searchAction' | transloco }}
        </button>
      </form>
      <ma-problem-alert [problem]="problem()" />
      @if (state.loading()) {
        <ma-skeleton [lines]="5" testId="customers-loading" />
      } @else if (state.failed()) {
        <ma-load-failed message="finance.accounts.failed" testId="customers-failed" (retry)="state.retry()" />
      } @else if (items().length === 0) {
        @if (searched()) {
          <ma-empty-state
            icon="search"
            title="finance.accounts.noMatch"
            text="finance.accounts.noMatchNext"
            [params]="{ q: searched() }"
            testId="customers-empty"
          />
        } @else {
          <ma-empty-state icon="people" title="finance.accounts.none" text="finance.accounts.noneNext" testId="customers-empty" />
        }
      } @else {
        <ul class="customers" data-testid="customers">
          @for (c of items(); track c.id) {
            <li>
              <a [routerLink]="['/finance/accounts', c.id]" [attr.data-testid]="'customer-' + c.customerNumber">
                <span class="number">{{ c.customerNumber }}</span>
                <span class="name">{{ c.name }}</span>
                <span class="meta">{{ c.country ? countryName(c.country) : ('finance.accounts.noCountry' | transloco) }}</span>
                <span class="meta">{{ 'finance.accounts.running' | transloco: { count: c.activeSubscriptions } }}</span>
                @if (c.restricted; as r) {
                  <ma-restricted-marker [restricted]="r" />
                }
              </a>
            </li>
          }
        </ul>
        @if (next()) {
          <button mat-stroked-button type="button" (click)="more()" [disabled]="busy()" data-testid="customers-more">
            {{ 'finance.accounts.more' | transloco }}
          </button>
        }
      }
    </mat-card>
  `,
})
export class FinanceAccountsPageComponent implements OnInit {
  private readonly store = inject(FinanceAccountsStore);
  private readonly language = inject(LanguageService).language;
  protected readonly state = new LoadState();
  protected readonly items = signal<FinanceAccountSummary[]>([]);
  protected readonly next = signal<string | null>(null);
  /** The search the list shows ('' for all customers). */
  protected readonly searched = signal('');
  protected q = '';
  private readonly runner = new ActionRunner();
  protected readonly problem = this.runner.problem;
  protected readonly busy = this.runner.busy;

  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** The search comes from the address (`?q=`), so a reload or the way back from a customer keeps it. */
  ngOnInit(): void {
    this.q = this.route.snapshot.queryParamMap.get('q') ?? '';
    void this.load();
  }

  /** Searches: the words in the address (replacing it), then the list. */
  protected search(): Promise<boolean> {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { q: this.q.trim() || null },
      replaceUrl: true,
    });
    return this.load();
  }

  private load(): Promise<boolean> {
    const q = this.q.trim();
    return this.state.track(async () => {
      const page = await this.store.search(q);
      this.searched.set(q);
      this.items.set(page.items);
      this.next.set(page.next);
    });
  }

  protected async more(): Promise<void> {
    const after = this.next();
    if (!after) return;
    await this.runner.run(async () => {
      const page = await this.store.search(this.searched(), after);
      this.items.update((items) => [...items, ...page.items]);
      this.next.set(page.next);
    });
  }

  protected countryName(code: string): string {
    return countryName(code, this.language());
  }
}
