import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { ProblemDetails, UsageFeatureStats, UsageStatistics } from '@mijn-account/shared-contracts';
import {
  LoadState,
  LocaleFormat,
  LocaleNumberPipe,
  UsageStatisticsStore,
  fieldError,
  problemOf,
  DateFieldsModule,
} from '@mijn-account/web-core';
import {
  EmptyStateComponent,
  LoadFailedComponent,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
  ScrollRegionComponent,
} from '@mijn-account/web-ui';
import { type ChartSeries, UsageChartComponent } from './usage-chart.component';

/**
 * The tenant admin's usage statistics: per feature, the daily counts of a period (the last 30 days
 * unless another is chosen) as a chart and as a table with the same figures. Counts below 5 come
 * from the server as `null` and are shown as "< 5"; no figure relates to a person.
 */
@Component({
  selector: 'ma-statistics-page',
  imports: [
    DateFieldsModule,
    ScrollRegionComponent,
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    LocaleNumberPipe,
    EmptyStateComponent,
    LoadFailedComponent,
    ProblemAlertComponent,
    SkeletonComponent,
    UsageChartComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      :host {
        max-width: 60rem;
      }
      h2 {
        font-size: 1.125rem;
        margin: 0 0 0.5rem;
      }
      form.period {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
        align-items: baseline;
      }
      form.period mat-form-field {
        width: 11rem;
      }
      td.count,
      th.count {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      details {
        margin-top: 0.75rem;
      }
      summary {
        cursor: pointer;
        padding: 0.25rem 0;
      }
      .note {
        color: var(--mat-sys-on-surface-variant, #555);
      }
    `,
  ],
  template: `
    <h1>{{ 'admin.statistics.title' | transloco }}</h1>
    <p>{{ 'admin.statistics.intro' | transloco }}</p>

    <mat-card appearance="outlined">
      <form class="period" (ngSubmit)="show()" data-testid="statistics-period">
        <mat-form-field>
          <mat-label>{{ 'admin.statistics.from' | transloco }}</mat-label>
          <input matInput [matDatepicker]="fromPicker" name="from" [(ngModel)]="from" data-testid="statistics-from" />
          <mat-datepicker-toggle matIconSuffix [for]="fromPicker" />
          <mat-datepicker #fromPicker />
          @if (fieldError(problem(), 'from'); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.statistics.to' | transloco }}</mat-label>
          <input matInput [matDatepicker]="toPicker" name="to" [(ngModel)]="to" data-testid="statistics-to" />
          <mat-datepicker-toggle matIconSuffix [for]="toPicker" />
          <mat-datepicker #toPicker />
        </mat-form-field>
        <button mat-flat-button type="submit" data-testid="statistics-show">
          {{ 'admin.statistics.show' | transloco }}
        </button>
      </form>
      @if (fieldError(problem(), 'to'); as message) {
        <p class="error" role="alert" data-testid="statistics-to-error">{{ message }}</p>
      }
      @if (fieldError(problem(), 'from'); as message) {
        <p class="error" role="alert" data-testid="statistics-from-error">{{ message }}</p>
      }
      <ma-problem-alert [problem]="problem()?.errors?.length ? null : problem()" />
    </mat-card>

    @if (page.loading()) {
      <mat-card appearance="outlined"><ma-skeleton [lines]="6" testId="statistics-loading" /></mat-card>
    } @else if (page.failed()) {
      <mat-card appearance="outlined">
        <ma-load-failed message="admin.statistics.failed" testId="statistics-failed" (retry)="page.retry()" />
      </mat-card>
    } @else if (stats(); as s) {
      <p data-testid="statistics-shown-period">
        {{ 'admin.statistics.period' | transloco: { from: dayLabel(s.from), to: dayLabel(s.to) } }}
      </p>
      @if (!anyShown()) {
        <mat-card appearance="outlined">
          <ma-empty-state
            icon="inbox"
            title="admin.statistics.emptyTitle"
            text="admin.statistics.emptyText"
            testId="statistics-empty"
          />
        </mat-card>
      }
      @for (f of s.features; track f.feature) {
        <mat-card appearance="outlined" [attr.data-testid]="'statistics-' + f.feature">
          <h2 [id]="'statistics-h-' + f.feature">{{ featureKey(f.feature) | transloco }}</h2>
          @if (daily(f)) {
            <ma-usage-chart
              [days]="s.days"
              [series]="charts().get(f.feature) ?? []"
              [label]="'admin.statistics.chartLabel' | transloco: { feature: (featureKey(f.feature) | transloco) }"
            />
          } @else {
            <p class="note" [attr.data-testid]="'statistics-few-' + f.feature">
              {{ (shows(f) ? 'admin.statistics.fewPerDay' : 'admin.statistics.fewForFeature') | transloco }}
            </p>
          }
          <table [attr.aria-labelledby]="'statistics-h-' + f.feature">
            <thead>
              <tr>
                <th scope="col">{{ 'admin.statistics.event' | transloco }}</th>
                <th scope="col" class="count">{{ 'admin.statistics.total' | transloco }}</th>
              </tr>
            </thead>
            <tbody>
              @for (e of f.events; track e.event) {
                <tr [attr.data-testid]="'statistics-total-' + f.feature + '-' + e.event">
                  <th scope="row">{{ eventKey(f.feature, e.event) | transloco }}</th>
                  <td class="count">{{ e.total === null ? ('admin.statistics.suppressed' | transloco) : (e.total | maNumber) }}</td>
                </tr>
              }
            </tbody>
          </table>
          @if (daily(f)) {
            <details>
              <summary>{{ 'admin.statistics.perDay' | transloco }}</summary>
              <ma-scroll-region [label]="'admin.statistics.perDay' | transloco">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{{ 'admin.statistics.day' | transloco }}</th>
                      @for (e of f.events; track e.event) {
                        <th scope="col" class="count">{{ eventKey(f.feature, e.event) | transloco }}</th>
                      }
                    </tr>
                  </thead>
                  <tbody>
                    @for (day of s.days; track day; let i = $index) {
                      <tr>
                        <th scope="row">{{ dayLabel(day) }}</th>
                        @for (e of f.events; track e.event) {
                          <td class="count">{{ e.days[i] === null ? ('admin.statistics.suppressed' | transloco) : (e.days[i] | maNumber) }}</td>
                        }
                      </tr>
                    }
                  </tbody>
                </table>
              </ma-scroll-region>
            </details>
          }
        </mat-card>
      }
    }
  `,
})
export class StatisticsPageComponent implements OnInit {
  private readonly store = inject(UsageStatisticsStore);
  private readonly format = inject(LocaleFormat);
  private readonly transloco = inject(TranslocoService);
  private readonly words = toSignal(this.transloco.selectTranslation());
  protected readonly page = new LoadState();
  protected readonly stats = signal<UsageStatistics | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected from = '';
  protected to = '';
  protected readonly fieldError = fieldError;
  protected readonly anyShown = computed(() => (this.stats()?.features ?? []).some((f) => this.shows(f)));

  ngOnInit(): void {
    void this.page.track(async () => this.loaded(await this.store.statistics()));
  }

  /** Loads the chosen period; a period the server refuses keeps the figures shown and says why at the field. */
  protected async show(): Promise<void> {
    try {
      this.loaded(await this.store.statistics({ from: this.from || undefined, to: this.to || undefined }));
      this.problem.set(null);
    } catch (error) {
      this.problem.set(problemOf(error));
    }
  }

  /** Some total of the feature is 5 or more. */
  protected shows(f: UsageFeatureStats): boolean {
    return f.events.some((e) => e.total !== null);
  }

  /** Some day of the feature is 5 or more: worth a chart and a table per day. */
  protected daily(f: UsageFeatureStats): boolean {
    return f.events.some((e) => e.days.some((d) => d !== null));
  }

  /** Each feature's chart series, made again only when the figures or the language's words change. */
  protected readonly charts = computed(() => {
    this.words();
    const charts = new Map<string, ChartSeries[]>();
    for (const f of this.stats()?.features ?? [])
      charts.set(
        f.feature,
        f.events.map((e) => ({ label: this.transloco.translate(this.eventKey(f.feature, e.event)), data: e.days })),
      );
    return charts;
  });

  protected featureKey(feature: string): string {
    return `admin.statistics.features.${feature}`;
  }

  protected eventKey(feature: string, event: string): string {
    return `admin.statistics.events.${feature}.${event}`;
  }

  /** A calendar day (YYYY-MM-DD) in the page's locale, with no time zone to shift it. */
  protected dayLabel(day: string): string {
    return this.format.date(day, 'date');
  }

  private loaded(stats: UsageStatistics): void {
    this.stats.set(stats);
    this.from = stats.from;
    this.to = stats.to;
  }
}
