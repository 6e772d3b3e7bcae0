import { taxLabel } from '../tax-label';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type OnInit,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { BillingRunView, RunDraftDetail, RunDraftView, TaxCategorySetting } from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  EnumLabelPipe,
  FinanceRunsStore,
  LanguageService,
  LoadState,
  LocaleDatePipe,
  LocaleFormat,
  LocaleMoneyPipe,
  fromMinor,
} from '@mijn-account/web-core';
import {
  BackLinkComponent,
  ConfirmDialog,
  EmptyStateComponent,
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  STACKED_TABLE_STYLES,
  SkeletonComponent,
  ScrollRegionComponent,
} from '@mijn-account/web-ui';
import { isWorking, monthName, parseMinor, progressPercent } from './run-progress';

/** What the progress bar means in each status. */
const PHASE_TEXT = {
  drafting: 'finance.runs.phaseDrafting',
  review: 'finance.runs.phaseReview',
  finalising: 'finance.runs.phaseFinalising',
  completed: 'finance.runs.phaseCompleted',
} as const;

/** How often a working run's progress is asked for. */
export const POLL_MS = 1000;

/**
 * One billing run: a live progress bar while its jobs draft or finalise (progress asked for about
 * once a second, never after the page is left), the counts, and — while it is in review — its
 * drafts, a page at a time, each with a one-off line to add or to be deleted, and the Finalise
 * confirmation. Drafts that failed to finalise are listed with the reason and can be tried again.
 */
@Component({
  selector: 'ma-billing-run-page',
  imports: [
    ScrollRegionComponent,
    BackLinkComponent,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    EnumLabelPipe,
    LocaleDatePipe,
    LocaleMoneyPipe,
    ProblemAlertComponent,
    SkeletonComponent,
    LoadFailedComponent,
    EmptyStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    STACKED_TABLE_STYLES,
    `
      /* The lines' six columns need the room of a wide page (headers broken mid-word at 48rem). */
      :host {
        max-width: 64rem;
      }
      table.draft-lines {
        margin-top: 0.5rem;
      }
      td.amount,
      th.amount {
        text-align: right;
        white-space: nowrap;
      }
      @media (max-width: 599.98px) {
        td.amount {
          text-align: left;
        }
      }
      h2 {
        font-size: 1.125rem;
        margin: 0 0 0.5rem;
      }
      .counts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr));
        gap: 0.25rem 1rem;
        margin: 1rem 0 0;
      }
      .counts dt {
        color: var(--mat-sys-on-surface-variant, #555);
      }
      .counts dd {
        margin: 0;
        font-size: 1.25rem;
        font-weight: 600;
      }
      mat-progress-bar {
        margin: 0.75rem 0 0.25rem;
      }
      ul.drafts {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ul.drafts > li {
        padding: 0.6rem 0;
        border-bottom: 1px solid #ddd;
      }
      .muted {
        color: var(--mat-sys-on-surface-variant, #555);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.5rem;
      }
      form.line {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.75rem;
        margin-top: 0.5rem;
      }
      /* Each field takes the room there is (a whole line on a phone), so no label is cut off. */
      form.line mat-form-field {
        flex: 1 1 12rem;
      }
      form.line mat-form-field.wide {
        flex-basis: 100%;
      }
    `,
  ],
  template: `
    <ma-back-link to="/finance/runs" label="finance.runs.back" />
    @if (page.loading()) {
      <h1>{{ 'finance.runs.runTitle' | transloco }}</h1>
      <mat-card appearance="outlined"><ma-skeleton [lines]="4" testId="run-loading" /></mat-card>
    } @else if (page.failed()) {
      <h1>{{ 'finance.runs.runTitle' | transloco }}</h1>
      <mat-card appearance="outlined">
        <ma-load-failed message="finance.runs.runFailed" testId="run-failed" (retry)="reload()" />
      </mat-card>
    } @else if (run(); as r) {
      <h1>{{ 'finance.runs.runOf' | transloco: { month: month(r.periodStart) } }}</h1>
      <ma-problem-alert [problem]="runner.problem()" testId="run-problem" />
      <mat-card appearance="outlined" data-testid="run-progress">
        <h2>
          {{ 'finance.runs.status' | transloco }}:
          <span data-testid="run-status">
            @if (r.status === 'completed' && r.failed > 0) {
              {{ 'finance.runs.completedWithFailures' | transloco: { count: r.failed } }}
            } @else {
              {{ r.status | maLabel: 'runStatus' }}
            }
          </span>
        </h2>
        <mat-progress-bar
          mode="determinate"
          [value]="percent()"
          [attr.aria-label]="'finance.runs.progressLabel' | transloco: { percent: percent() }"
          data-testid="run-progress-bar"
        />
        <p class="muted" aria-live="polite" data-testid="run-progress-text">
          @if (r.status === 'completed' && r.failed > 0) {
            {{ 'finance.runs.phaseCompletedFailures' | transloco: { count: r.failed } }}
          } @else {
            {{ phaseText[r.status] | transloco: { percent: percent() } }}
          }
        </p>
        <dl class="counts">
          <div>
            <dt>{{ 'finance.runs.toBill' | transloco }}</dt>
            <dd data-testid="count-toBill">{{ r.toBill }}</dd>
          </div>
          <div>
            <dt>{{ 'finance.runs.drafted' | transloco }}</dt>
            <dd data-testid="count-drafted">{{ r.drafted }}</dd>
          </div>
          <div>
            <dt>{{ 'finance.runs.finalised' | transloco }}</dt>
            <dd data-testid="count-finalised">{{ r.finalised }}</dd>
          </div>
          <div>
            <dt>{{ 'finance.runs.failedCount' | transloco }}</dt>
            <dd data-testid="count-failed">{{ r.failed }}</dd>
          </div>
          <div>
            <dt>{{ 'finance.runs.skipped' | transloco }}</dt>
            <dd data-testid="count-skipped">{{ r.skipped }}</dd>
          </div>
        </dl>
        @if (r.status === 'review' && (r.willFail ?? 0) > 0) {
          <p class="error" data-testid="run-will-fail">{{ 'finance.runs.willFail' | transloco: { count: r.willFail } }}</p>
        }
        @if (r.status === 'review' && r.finaliseAfter) {
          <p data-testid="run-finalise-after">
            {{ 'finance.runs.finaliseAfter' | transloco: { at: (r.finaliseAfter | maDate: 'medium') } }}
          </p>
        }
        @if (r.status === 'completed') {
          <p class="ok" data-testid="run-done">
            {{ 'finance.runs.done' | transloco: { count: r.finalised } }}
            <a routerLink="/finance/invoices">{{ 'finance.runs.toInvoices' | transloco }}</a>
          </p>
        }
        @if (pollFailed()) {
          <ma-load-failed message="finance.runs.progressFailed" testId="run-poll-failed" (retry)="reload()" />
        }
        <div class="actions">
          @if (r.status === 'review') {
            <button mat-flat-button type="button" [disabled]="runner.busy()" (click)="finalise()" data-testid="finalise-run">
              {{ 'finance.runs.finalise' | transloco }}
            </button>
          }
          @if (r.failed > 0 && (r.status === 'review' || r.status === 'completed')) {
            <button mat-stroked-button type="button" [disabled]="runner.busy()" (click)="retry()" data-testid="retry-run">
              {{ 'finance.runs.retry' | transloco: { count: r.failed } }}
            </button>
          }
        </div>
      </mat-card>
      @if (r.failures.length > 0) {
        <mat-card appearance="outlined" data-testid="run-failures">
          <h2>{{ 'finance.runs.failuresTitle' | transloco }}</h2>
          <ul>
            @for (f of r.failures; track $index) {
              <li>
                @if (failedDraft(f.invoiceId); as d) {
                  <a [routerLink]="[]" [fragment]="'draft-' + d.id">{{ d.customerName }} <span class="nowrap">({{ d.customerNumber }})</span></a>:
                  {{ d.problem ? ('finance.runs.problems.' + d.problem | transloco) : f.reason }}
                } @else {
                  {{ f.reason }}
                }
              </li>
            }
          </ul>
        </mat-card>
      }
      @if ((r.skips ?? []).length > 0) {
        <mat-card appearance="outlined" data-testid="run-skips">
          <h2>{{ 'finance.runs.skipsTitle' | transloco: { count: r.skipped } }}</h2>
          <ul>
            @for (k of r.skips; track k.subscriptionId) {
              <li>
                <a [routerLink]="['/finance/accounts', k.accountId]">{{ k.customerName }} <span class="nowrap">({{ k.customerNumber }})</span></a>:
                {{ 'finance.runs.skipReasons.' + k.reason | transloco }}
              </li>
            }
          </ul>
        </mat-card>
      }
      @if (reviewing()) {
        <mat-card appearance="outlined" data-testid="run-drafts">
          <h2>{{ 'finance.runs.draftsTitle' | transloco }}</h2>
          @if (drafts.loading()) {
            <ma-skeleton [lines]="3" testId="drafts-loading" />
          } @else if (drafts.failed()) {
            <ma-load-failed message="finance.runs.draftsFailed" testId="drafts-failed" (retry)="drafts.retry()" />
          } @else if (draftList().length === 0) {
            <ma-empty-state title="finance.runs.noDrafts" text="finance.runs.noDraftsNext" testId="drafts-empty" />
          } @else {
            <ul class="drafts">
              @for (d of draftList(); track d.id) {
                <li [attr.data-testid]="'draft-' + d.customerNumber" [id]="'draft-' + d.id">
                  <strong>{{ d.customerName }}</strong>&ngsp;<span class="nowrap">({{ d.customerNumber }})</span>
                  <div class="muted">
                    <span class="nowrap">{{ d.periodStart | maDate: 'date' }}</span> –
                    <span class="nowrap">{{ d.periodEnd | maDate: 'date' }}</span> ·
                    {{ 'finance.runs.lines' | transloco: { count: d.lineCount } }} ·
                    {{ 'finance.runs.net' | transloco }}
                    <span data-testid="draft-net">{{ major(d.netMinor, d.currency) | maMoney: d.currency }}</span>
                  </div>
                  @if (d.failure) {
                    <p class="error">{{ d.problem ? ('finance.runs.problems.' + d.problem | transloco) : d.failure }}</p>
                  } @else if (d.problem) {
                    <p class="error" data-testid="draft-problem">{{ 'finance.runs.willNotBeNumbered' | transloco: { why: ('finance.runs.problems.' + d.problem | transloco) } }}</p>
                  }
                  @if (openDraft() === d.id) {
                    @if (detail.loading()) {
                      <ma-skeleton [lines]="2" testId="draft-lines-loading" />
                    } @else if (detail.failed()) {
                      <ma-load-failed message="finance.runs.linesFailed" testId="draft-lines-failed" (retry)="detail.retry()" />
                    } @else if (draftDetail(); as dd) {
                      <ma-scroll-region [label]="'finance.runs.linesOf' | transloco: { name: d.customerName }">
                        <table class="stacked draft-lines" data-testid="draft-lines">
                          <caption class="muted">{{ 'finance.runs.linesOf' | transloco: { name: d.customerName } }}</caption>
                          <thead>
                            <tr>
                              <th scope="col">{{ 'finance.runs.lineDescription' | transloco }}</th>
                              <th scope="col">{{ 'finance.runs.linePeriod' | transloco }}</th>
                              <th scope="col" class="amount">{{ 'finance.runs.lineQuantity' | transloco }}</th>
                              <th scope="col" class="amount">{{ 'finance.runs.lineUnitPrice' | transloco }}</th>
                              <th scope="col">{{ 'finance.runs.lineRate' | transloco }}</th>
                              <th scope="col" class="amount">{{ 'finance.runs.lineNet' | transloco }}</th>
                            </tr>
                          </thead>
                          <tbody>
                            @for (l of dd.lines; track l.position) {
                              <tr>
                                <td>{{ l.description }}</td>
                                <td [attr.data-label]="'finance.runs.linePeriod' | transloco">
                                  @if (l.periodStart) {
                                    <span class="nowrap">{{ l.periodStart | maDate: 'date' }}</span> –
                                  <span class="nowrap">{{ l.periodEnd | maDate: 'date' }}</span>
                                  } @else {
                                    –
                                  }
                                </td>
                                <td class="amount" [attr.data-label]="'finance.runs.lineQuantity' | transloco">{{ l.quantity }}</td>
                                <td class="amount" [attr.data-label]="'finance.runs.lineUnitPrice' | transloco">
                                  {{ major(l.unitPriceMinor, dd.currency) | maMoney: dd.currency }}
                                </td>
                                <td [attr.data-label]="'finance.runs.lineRate' | transloco" data-testid="draft-line-tax">
                                  {{ taxText(l.taxCategory) }}
                                </td>
                                <td class="amount" [attr.data-label]="'finance.runs.lineNet' | transloco">
                                  {{ major(l.netMinor, dd.currency) | maMoney: dd.currency }}
                                </td>
                              </tr>
                            }
                          </tbody>
                        </table>
                      </ma-scroll-region>
                    }
                  }
                  <div class="actions">
                    <button
                      mat-stroked-button
                      type="button"
                      (click)="toggleLines(d)"
                      [attr.aria-expanded]="openDraft() === d.id"
                      data-testid="show-lines"
                    >
                      {{ (openDraft() === d.id ? 'finance.runs.hideLines' : 'finance.runs.showLines') | transloco }}
                    </button>
                    <button
                      mat-stroked-button
                      type="button"
                      (click)="openLine(d)"
                      [attr.aria-expanded]="lineFor() === d.id"
                      data-testid="add-line"
                    >
                      {{ 'finance.runs.addLine' | transloco }}
                    </button>
                    <button mat-button type="button" (click)="remove(d)" data-testid="delete-draft">
                      {{ 'finance.runs.deleteDraft' | transloco }}
                    </button>
                  </div>
                  @if (lineFor() === d.id) {
                    <form class="line" [formGroup]="lineForm" (ngSubmit)="addLine(d)" novalidate>
                      <mat-form-field appearance="outline" class="wide">
                        <mat-label>{{ 'finance.runs.lineDescription' | transloco }}</mat-label>
                        <input matInput formControlName="description" required data-testid="line-description" />
                        @if (lineForm.controls.description.errors?.['server']; as message) {
                          <mat-error>{{ message }}</mat-error>
                        }
                      </mat-form-field>
                      <mat-form-field appearance="outline">
                        <mat-label>{{ 'finance.runs.lineQuantity' | transloco }}</mat-label>
                        <input matInput type="number" formControlName="quantity" required data-testid="line-quantity" />
                        <mat-hint>{{ 'finance.runs.lineQuantityHint' | transloco }}</mat-hint>
                        @if (lineForm.controls.quantity.errors?.['server']; as message) {
                          <mat-error>{{ message }}</mat-error>
                        }
                      </mat-form-field>
                      <mat-form-field appearance="outline">
                        <mat-label>{{ 'finance.runs.linePrice' | transloco: { currency: d.currency } }}</mat-label>
                        <input
                          matInput
                          inputmode="decimal"
                          formControlName="unitPriceMinor"
                          required
                          data-testid="line-price"
                        />
                        @if (lineForm.controls.unitPriceMinor.errors?.['server']; as message) {
                          <mat-error>{{ message }}</mat-error>
                        }
                      </mat-form-field>
                      <mat-form-field appearance="outline">
                        <mat-label>{{ 'finance.runs.lineTax' | transloco }}</mat-label>
                        <mat-select formControlName="taxCategory" required data-testid="line-tax">
                          @for (c of categories(); track c.code) {
                            <mat-option [value]="c.code">{{ language() === 'nl' ? c.textNl : c.textEn }}</mat-option>
                          }
                        </mat-select>
                        @if (lineForm.controls.taxCategory.errors?.['server']; as message) {
                          <mat-error>{{ message }}</mat-error>
                        }
                      </mat-form-field>
                      <div class="actions">
                        <button mat-flat-button type="submit" [disabled]="runner.busy()" data-testid="save-line">
                          {{ 'finance.runs.saveLine' | transloco }}
                        </button>
                        <button mat-button type="button" (click)="lineFor.set(null)">
                          {{ 'confirm.cancel' | transloco }}
                        </button>
                      </div>
                    </form>
                  }
                </li>
              }
            </ul>
            @if (nextCursor()) {
              <button mat-stroked-button type="button" (click)="more()" data-testid="more-drafts">
                {{ 'finance.runs.moreDrafts' | transloco }}
              </button>
            }
          }
        </mat-card>
      }
    }
  `,
})
export class BillingRunPageComponent implements OnInit {
  /** The route's `:runId` (component input binding). */
  readonly runId = input.required<string>();
  private readonly store = inject(FinanceRunsStore);
  private readonly confirmDialog = inject(ConfirmDialog);
  private readonly notifier = inject(Notifier);
  private readonly format = inject(LocaleFormat);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = inject(LanguageService).language;
  protected readonly page = new LoadState();
  protected readonly drafts = new LoadState();
  protected readonly run = signal<BillingRunView | null>(null);
  protected readonly draftList = signal<RunDraftView[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly categories = signal<TaxCategorySetting[]>([]);
  protected readonly lineFor = signal<string | null>(null);
  /** The draft whose lines are shown (one at a time), and its lines once loaded. */
  protected readonly openDraft = signal<string | null>(null);
  protected readonly draftDetail = signal<RunDraftDetail | null>(null);
  protected readonly detail = new LoadState();
  protected readonly pollFailed = signal(false);
  protected readonly percent = computed(() => {
    const run = this.run();
    return run ? progressPercent(run) : 0;
  });
  /** Drafts are shown while the run waits for review, and after it for drafts that failed. */
  protected readonly reviewing = computed(() => {
    const run = this.run();
    return run !== null && (run.status === 'review' || (run.status === 'completed' && run.failed > 0));
  });
  protected readonly major = fromMinor;
  protected readonly phaseText = PHASE_TEXT;
  protected readonly lineForm = inject(NonNullableFormBuilder).group({
    description: ['', Validators.required],
    quantity: [1, Validators.required],
    unitPriceMinor: ['', Validators.required],
    taxCategory: ['', Validators.required],
  });
  protected readonly runner = new ActionRunner();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private left = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.left = true;
      this.stopPolling();
    });
  }

  ngOnInit(): void {
    void this.reload();
  }

  protected month(periodStart: string): string {
    return monthName(periodStart, this.format.locale());
  }

  /** Loads the run and, while its jobs work, asks again about once a second until it waits or is done. */
  protected async reload(): Promise<void> {
    this.pollFailed.set(false);
    const ok = await this.page.track(async () => this.run.set(await this.store.progress(this.runId())));
    if (ok) await this.settle();
  }

  private async settle(): Promise<void> {
    const run = this.run();
    if (!run || this.left) return;
    if (isWorking(run)) {
      this.schedule();
      return;
    }
    if (this.reviewing()) await this.loadDrafts();
  }

  private schedule(): void {
    this.stopPolling();
    this.timer = setTimeout(() => void this.poll(), POLL_MS);
  }

  private async poll(): Promise<void> {
    this.timer = null;
    if (this.left) return;
    try {
      this.run.set(await this.store.progress(this.runId()));
    } catch {
      this.pollFailed.set(true);
      return;
    }
    await this.settle();
  }

  private stopPolling(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async loadDrafts(): Promise<void> {
    await this.drafts.track(async () => {
      const [page, categories] = await Promise.all([
        this.store.drafts(this.runId(), null),
        this.categories().length ? Promise.resolve(this.categories()) : this.store.taxCategories(),
      ]);
      this.draftList.set(page.items);
      this.nextCursor.set(page.nextCursor);
      this.categories.set(categories);
    });
  }

  protected async more(): Promise<void> {
    await this.runner.run(async () => {
      const page = await this.store.drafts(this.runId(), this.nextCursor());
      this.draftList.update((list) => [...list, ...page.items]);
      this.nextCursor.set(page.nextCursor);
    });
  }

  /** Shows a draft's lines (loading them), or hides them when they are shown. */
  protected async toggleLines(draft: RunDraftView): Promise<void> {
    if (this.openDraft() === draft.id) {
      this.openDraft.set(null);
      return;
    }
    this.openDraft.set(draft.id);
    await this.loadDetail(draft.id);
  }

  private async loadDetail(invoiceId: string): Promise<void> {
    this.draftDetail.set(null);
    await this.detail.track(async () => this.draftDetail.set(await this.store.draft(this.runId(), invoiceId)));
  }

  /** The tenant's text and rate of a tax category in the page's language ("Btw hoog 21 %"); the code if unknown. */
  protected taxText(code: string): string {
    const category = this.categories().find((c) => c.code === code);
    if (!category) return code;
    const text = this.language() === 'nl' ? category.textNl : category.textEn;
    return taxLabel(text, category.rateBasisPoints, (n) => this.format.number(n));
  }

  protected openLine(draft: RunDraftView): void {
    this.lineForm.reset({
      description: '',
      quantity: 1,
      unitPriceMinor: '',
      // The draft's own category (its subscription's: HST 13 % for an Ontario customer, not the list's first, GST 5 %).
      taxCategory:
        this.categories().find((c) => c.code === draft.taxCategory)?.code ?? this.categories()[0]?.code ?? '',
    });
    this.lineFor.set(this.lineFor() === draft.id ? null : draft.id);
  }

  protected async addLine(draft: RunDraftView): Promise<void> {
    this.lineForm.markAllAsTouched();
    if (this.lineForm.invalid) return;
    const values = this.lineForm.getRawValue();
    const unitPriceMinor = parseMinor(values.unitPriceMinor, draft.currency);
    if (unitPriceMinor === null) {
      this.lineForm.controls.unitPriceMinor.setErrors({ server: this.priceHint() });
      return;
    }
    await this.runner.run(
      async () => {
        const updated = await this.store.addLine(this.runId(), draft.id, {
          description: values.description,
          quantity: Number(values.quantity),
          unitPriceMinor,
          taxCategory: values.taxCategory,
        });
        this.draftList.update((list) => list.map((d) => (d.id === updated.id ? updated : d)));
        this.lineFor.set(null);
        if (this.openDraft() === draft.id) await this.loadDetail(draft.id);
        this.notifier.success('finance.runs.lineAdded', { name: draft.customerName });
      },
      { form: this.lineForm },
    );
  }

  protected async remove(draft: RunDraftView): Promise<void> {
    const sure = await this.confirmDialog.confirm({
      title: 'finance.runs.deleteTitle',
      message: 'finance.runs.deleteMessage',
      confirm: 'finance.runs.deleteConfirm',
      params: { name: draft.customerName },
      danger: true,
    });
    if (!sure) return;
    await this.runner.run(async () => {
      await this.store.deleteDraft(this.runId(), draft.id);
      this.draftList.update((list) => list.filter((d) => d.id !== draft.id));
      if (this.openDraft() === draft.id) this.openDraft.set(null);
      this.run.set(await this.store.progress(this.runId()));
      this.notifier.success('finance.runs.draftDeleted', { name: draft.customerName });
    });
  }

  protected async finalise(): Promise<void> {
    const run = this.run();
    if (!run) return;
    // Drafts that will not be numbered are counted apart, with why, before anything is sent.
    const failing = run.willFail ?? 0;
    const sure = await this.confirmDialog.confirm({
      title: 'finance.runs.finaliseTitle',
      message: failing > 0 ? 'finance.runs.finaliseMessageFailing' : 'finance.runs.finaliseMessage',
      confirm: 'finance.runs.finaliseConfirm',
      params: { count: Math.max(this.draftCount(run) - failing, 0), failing },
    });
    if (!sure) return;
    await this.runner.run(async () => {
      this.run.set(await this.store.finalise(this.runId()));
      await this.settle();
    });
  }

  protected async retry(): Promise<void> {
    await this.runner.run(async () => {
      this.run.set(await this.store.retry(this.runId()));
      await this.settle();
    });
  }

  /** The listed draft a failure is about (for its name and link), if it is on the list. */
  protected failedDraft(invoiceId: string | null): RunDraftView | undefined {
    return invoiceId ? this.draftList().find((d) => d.id === invoiceId) : undefined;
  }

  private draftCount(run: BillingRunView): number {
    return Math.max(run.drafted - run.finalised - run.failed, this.draftList().length);
  }

  private priceHint(): string {
    return this.transloco.translate('finance.runs.priceFormat');
  }
}
