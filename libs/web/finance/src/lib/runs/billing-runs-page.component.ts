import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { BillingRunView, BillingScheduleView } from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  EnumLabelPipe,
  FinanceRunsStore,
  LoadState,
  LocaleDatePipe,
  LocaleFormat,
  fieldMessage,
  TenantStore,
} from '@mijn-account/web-core';
import {
  EmptyStateComponent,
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
} from '@mijn-account/web-ui';
import { monthChoices, monthName, newIdempotencyKey } from './run-progress';

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
    <mat-card appearance="outlined" data-testid="run-schedule">
      <h2>{{ 'finance.runs.scheduleTitle' | transloco }}</h2>
      @if (scheduleState.loading()) {
        <ma-skeleton shape="fields" [lines]="1" testId="schedule-loading" />
      } @else if (scheduleState.failed()) {
        <ma-load-failed message="finance.runs.scheduleFailed" testId="schedule-failed" (retry)="scheduleState.retry()" />
      } @else {
        <p data-testid="schedule-next">
          @if (schedule()?.nextRun; as next) {
            {{ 'finance.runs.scheduleNext' | transloco: { date: (next | maDate: 'date'), zone: schedule()?.timeZone } }}
          } @else {
            {{ 'finance.runs.scheduleNone' | transloco }}
          }
        </p>
        <ma-problem-alert [problem]="scheduleRunner.problem()" testId="schedule-problem" />
        <form [formGroup]="scheduleForm" (ngSubmit)="saveSchedule()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'finance.runs.runDay' | transloco }}</mat-label>
            <mat-select formControlName="runDay" data-testid="run-day">
              <mat-option [value]="0">{{ 'finance.runs.runDayNone' | transloco }}</mat-option>
              @for (d of days; track d) {
                <mat-option [value]="d">{{ d }}</mat-option>
              }
            </mat-select>
            <mat-hint>{{ 'finance.runs.runDayHint' | transloco }}</mat-hint>
            @if (scheduleForm.controls.runDay.errors?.['server']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <button mat-stroked-button type="submit" [disabled]="scheduleRunner.busy()" data-testid="save-schedule">
            {{ 'finance.runs.saveSchedule' | transloco }}
          </button>
        </form>
      }
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
  private readonly tenantStore = inject(TenantStore);
  private readonly router = inject(Router);
  private readonly locale = inject(LocaleFormat).locale;
  protected readonly page = new LoadState();
  protected readonly runs = signal<BillingRunView[]>([]);
  protected readonly months = monthChoices(this.tenantStore.today());
  protected readonly form = inject(NonNullableFormBuilder).group({
    month: [this.months[0].value, Validators.required],
  });
  protected readonly runner = new ActionRunner();
  private readonly notifier = inject(Notifier);
  protected readonly scheduleState = new LoadState();
  protected readonly schedule = signal<BillingScheduleView | null>(null);
  protected readonly days = Array.from({ length: 28 }, (_, i) => i + 1);
  protected readonly scheduleForm = inject(NonNullableFormBuilder).group({ runDay: [0] });
  protected readonly scheduleRunner = new ActionRunner({ form: this.scheduleForm });

  ngOnInit(): void {
    void this.page.track(async () => this.runs.set(await this.store.runs()));
    void this.scheduleState.track(async () => this.showSchedule(await this.store.schedule()));
  }

  /** Saves the run day (0 in the form: no scheduled run). */
  protected async saveSchedule(): Promise<void> {
    const runDay = this.scheduleForm.controls.runDay.value || null;
    await this.scheduleRunner.run(async () => {
      this.showSchedule(await this.store.saveSchedule(runDay));
      this.notifier.success('finance.runs.scheduleSaved');
    });
  }

  private showSchedule(schedule: BillingScheduleView): void {
    this.schedule.set(schedule);
    this.scheduleForm.reset({ runDay: schedule.runDay ?? 0 });
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
