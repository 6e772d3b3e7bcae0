import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { BillingRunView } from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  EnumLabelPipe,
  FinanceRunsStore,
  LoadState,
  LocaleDatePipe,
  LocaleFormat,
  fieldMessage,
} from '@mijn-account/web-core';
import {
  EmptyStateComponent,
  LoadFailedComponent,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
} from '@mijn-account/web-ui';
import { localToday, monthChoices, monthName, newIdempotencyKey } from './run-progress';

/**
 * Finance starts a billing run for a month (this month or an earlier one) and sees the runs so far.
 * Each attempt sends a new Idempotency-Key; a start while the month's run is unfinished opens that
 * run. Refusals about the month show at the month; missing invoicing settings in the page's alert.
 */
@Component({
  selector: 'ma-billing-runs-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslocoPipe,
    EnumLabelPipe,
    LocaleDatePipe,
    ProblemAlertComponent,
    SkeletonComponent,
    LoadFailedComponent,
    EmptyStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: flex-start;
      }
      mat-form-field {
        width: 16rem;
        max-width: 100%;
      }
      form button {
        margin-top: 0.5rem;
      }
      h2 {
        font-size: 1.125rem;
        margin: 0 0 0.5rem;
      }
      ul.runs {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ul.runs li {
        padding: 0.6rem 0;
        border-bottom: 1px solid #ddd;
      }
      ul.runs li:last-child {
        border-bottom: none;
      }
      .counts {
        color: var(--mat-sys-on-surface-variant, #555);
        margin: 0.25rem 0 0;
      }
    `,
  ],
  template: `
    <h1>{{ 'finance.runs.title' | transloco }}</h1>
    <p>{{ 'finance.runs.intro' | transloco }}</p>
    <mat-card appearance="outlined">
      <h2>{{ 'finance.runs.startTitle' | transloco }}</h2>
      <ma-problem-alert [problem]="runner.problem()" testId="start-run-problem" />
      <form [formGroup]="form" (ngSubmit)="start()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'finance.runs.month' | transloco }}</mat-label>
          <mat-select formControlName="month" data-testid="run-month">
            @for (m of months; track m.value) {
              <mat-option [value]="m.value">{{ monthLabel(m.periodStart) }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'finance.runs.monthHint' | transloco }}</mat-hint>
          @if (form.controls.month.errors?.['server']; as message) {
            <mat-error data-testid="run-month-error">{{ message }}</mat-error>
          }
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="runner.busy()" data-testid="start-run">
          {{ 'finance.runs.start' | transloco }}
        </button>
      </form>
    </mat-card>
    <mat-card appearance="outlined">
      <h2>{{ 'finance.runs.listTitle' | transloco }}</h2>
      @if (page.loading()) {
        <ma-skeleton [lines]="3" testId="runs-loading" />
      } @else if (page.failed()) {
        <ma-load-failed message="finance.runs.failed" testId="runs-failed" (retry)="page.retry()" />
      } @else if (runs().length === 0) {
        <ma-empty-state icon="history" title="finance.runs.none" text="finance.runs.noneNext" testId="runs-empty" />
      } @else {
        <ul class="runs" data-testid="runs-list">
          @for (run of runs(); track run.id) {
            <li>
              <a [routerLink]="['/finance/runs', run.id]" [attr.data-testid]="'run-' + run.periodStart">
                {{ monthLabel(run.periodStart) }}</a
              >
              — <strong>{{ run.status | maLabel: 'runStatus' }}</strong>
              <p class="counts">
                {{
                  'finance.runs.summaryLine'
                    | transloco
                      : {
                          drafted: run.drafted,
                          finalised: run.finalised,
                          failed: run.failed,
                          by: run.startedBy === 'schedule' ? ('finance.runs.bySchedule' | transloco) : run.startedBy,
                          at: (run.createdAt | maDate: 'short'),
                        }
                }}
              </p>
            </li>
          }
        </ul>
      }
    </mat-card>
  `,
})
export class BillingRunsPageComponent implements OnInit {
  private readonly store = inject(FinanceRunsStore);
  private readonly router = inject(Router);
  private readonly locale = inject(LocaleFormat).locale;
  protected readonly page = new LoadState();
  protected readonly runs = signal<BillingRunView[]>([]);
  protected readonly months = monthChoices(localToday());
  protected readonly form = inject(NonNullableFormBuilder).group({
    month: [this.months[0].value, Validators.required],
  });
  protected readonly runner = new ActionRunner();

  ngOnInit(): void {
    void this.page.track(async () => this.runs.set(await this.store.runs()));
  }

  /** "November 2026" / "november 2026" in the page's language. */
  protected monthLabel(periodStart: string): string {
    return monthName(periodStart, this.locale());
  }

  protected async start(): Promise<void> {
    const choice = this.months.find((m) => m.value === this.form.controls.month.value) ?? this.months[0];
    const problem = await this.runner.run(async () => {
      const run = await this.store.start(
        { periodStart: choice.periodStart, periodEnd: choice.periodEnd },
        newIdempotencyKey(),
      );
      await this.router.navigate(['/finance/runs', run.id]);
    });
    // The API names periodStart / periodEnd: both are this one month control.
    const error = problem?.errors?.find((e) => e.field === 'periodStart' || e.field === 'periodEnd');
    if (error) {
      this.form.controls.month.setErrors({ server: fieldMessage(error) });
      this.form.controls.month.markAsTouched();
    }
  }
}
