import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import type { FinanceSummary } from '@mijn-account/shared-contracts';
import {
  EnumLabelPipe,
  FinanceRunsStore,
  LoadState,
  LocaleDatePipe,
  LocaleMoneyPipe,
  SessionStore,
  fromMinor,
} from '@mijn-account/web-core';
import { EmptyStateComponent, LoadFailedComponent, PAGE_STYLES, SkeletonComponent } from '@mijn-account/web-ui';

/**
 * Finance's start page: what is open and overdue per currency, the last run and the next scheduled
 * one, with the ways on to runs and invoices. While the invoicing settings are incomplete it says
 * what they miss instead (a tenant admin gets the link to them; finance is told to ask one).
 */
@Component({
  selector: 'ma-finance-dashboard-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    TranslocoPipe,
    EnumLabelPipe,
    LocaleDatePipe,
    LocaleMoneyPipe,
    SkeletonComponent,
    LoadFailedComponent,
    EmptyStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      .figures {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
        gap: 0.5rem 1rem;
        margin: 0;
      }
      .figures dt {
        color: var(--mat-sys-on-surface-variant, #555);
      }
      .figures dd {
        margin: 0 0 0.5rem;
        font-size: 1.25rem;
        font-weight: 600;
      }
      .overdue {
        color: #b00020;
      }
      h2 {
        font-size: 1.125rem;
        margin: 0 0 0.5rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.75rem;
      }
      ul.missing {
        margin: 0.5rem 0 0;
      }
    `,
  ],
  template: `
    <h1>{{ 'finance.dashboard.title' | transloco }}</h1>
    @if (page.loading()) {
      <mat-card appearance="outlined"><ma-skeleton [lines]="4" testId="finance-dashboard-loading" /></mat-card>
    } @else if (page.failed()) {
      <mat-card appearance="outlined">
        <ma-load-failed
          message="finance.dashboard.failed"
          testId="finance-dashboard-failed"
          (retry)="page.retry()"
        />
      </mat-card>
    } @else if (summary(); as s) {
      @if (s.missing.length > 0) {
        <mat-card appearance="outlined" data-testid="finance-settings-incomplete">
          <ma-empty-state
            icon="shield"
            title="finance.dashboard.incompleteTitle"
            [text]="isAdmin() ? 'finance.dashboard.incompleteAdmin' : 'finance.dashboard.incompleteFinance'"
            [actionLabel]="isAdmin() ? 'finance.dashboard.openSettings' : null"
            [actionLink]="isAdmin() ? '/admin/invoicing' : null"
            testId="finance-incomplete"
          />
          <ul class="missing" data-testid="finance-missing">
            @for (field of s.missing; track field) {
              <li>{{ field | maLabel: 'invoicingRequirement' }}</li>
            }
          </ul>
        </mat-card>
      }
      <mat-card appearance="outlined" data-testid="finance-amounts">
        <h2>{{ 'finance.dashboard.amounts' | transloco }}</h2>
        @if (s.currencies.length === 0) {
          <ma-empty-state
            title="finance.dashboard.nothingOpen"
            text="finance.dashboard.nothingOpenNext"
            testId="finance-nothing-open"
          />
        } @else {
          @for (c of s.currencies; track c.currency) {
            <dl class="figures" [attr.data-testid]="'finance-currency-' + c.currency">
              <div>
                <dt>{{ 'finance.dashboard.open' | transloco: { count: c.openCount } }}</dt>
                <dd data-testid="finance-open">{{ major(c.openMinor, c.currency) | maMoney: c.currency }}</dd>
              </div>
              <div>
                <dt>{{ 'finance.dashboard.overdue' | transloco: { count: c.overdueCount } }}</dt>
                <dd [class.overdue]="c.overdueCount > 0" data-testid="finance-overdue">
                  {{ major(c.overdueMinor, c.currency) | maMoney: c.currency }}
                </dd>
              </div>
            </dl>
          }
        }
        <div class="actions">
          <a mat-stroked-button routerLink="/finance/invoices" data-testid="finance-to-invoices">{{
            'finance.dashboard.toInvoices' | transloco
          }}</a>
        </div>
      </mat-card>
      <mat-card appearance="outlined" data-testid="finance-runs-card">
        <h2>{{ 'finance.dashboard.runs' | transloco }}</h2>
        @if (s.lastRun; as run) {
          <p data-testid="finance-last-run">
            {{
              'finance.dashboard.lastRun'
                | transloco: { from: (run.periodStart | maDate: 'date'), to: (run.periodEnd | maDate: 'date') }
            }}
            — <strong>{{ run.status | maLabel: 'runStatus' }}</strong>
            ({{ 'finance.runs.finalisedCount' | transloco: { count: run.finalised } }}@if (run.failed > 0) {,
              <strong class="error" data-testid="finance-last-run-failed">{{ 'finance.dashboard.lastRunFailed' | transloco: { count: run.failed } }}</strong>
            })
            <a [routerLink]="['/finance/runs', run.id]">{{ 'finance.dashboard.openRun' | transloco }}</a>
          </p>
        } @else {
          <p data-testid="finance-last-run">{{ 'finance.dashboard.noRun' | transloco }}</p>
        }
        <p data-testid="finance-next-run">
          @if (s.nextScheduledRun; as next) {
            {{ 'finance.dashboard.nextRun' | transloco: { date: (next | maDate: 'date') } }}
          } @else {
            {{ 'finance.dashboard.noSchedule' | transloco }}
          }
        </p>
        <div class="actions">
          <a mat-flat-button routerLink="/finance/runs" data-testid="finance-to-runs">{{
            'finance.dashboard.toRuns' | transloco
          }}</a>
        </div>
      </mat-card>
    }
  `,
})
export class FinanceDashboardPageComponent implements OnInit {
  private readonly store = inject(FinanceRunsStore);
  private readonly session = inject(SessionStore);
  protected readonly page = new LoadState();
  protected readonly summary = signal<FinanceSummary | null>(null);
  protected readonly isAdmin = computed(() => this.session.me()?.staffRoles.includes('tenant-admin') ?? false);
  protected readonly major = fromMinor;

  ngOnInit(): void {
    void this.page.track(async () => this.summary.set(await this.store.summary()));
  }
}
