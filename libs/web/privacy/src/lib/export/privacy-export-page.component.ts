import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { ActivatedRoute } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PROBLEM_TYPES, PRIVACY_EXPORT_TTL_DAYS, type PrivacyExportView } from '@mijn-account/shared-contracts';
import { ActionRunner, LoadState, LocaleDatePipe, LocaleNumberPipe } from '@mijn-account/web-core';
import {
  EmptyStateComponent,
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
} from '@mijn-account/web-ui';
import { PrivacyExportStore } from './privacy-export.store';

/** How often the list is read again while an export is being made. */
const POLL_MS = 3_000;

/**
 * "Download my data" (issue 18 §2): ask for an export of everything held about you, see it being
 * made, and download the ZIP while it lasts (three days). The mail's link lands here with the
 * export and its signed token; the download works only for the signed-in user it was made for.
 */
@Component({
  selector: 'ma-privacy-export-page',
  imports: [
    MatButtonModule,
    MatCardModule,
    TranslocoPipe,
    LocaleDatePipe,
    LocaleNumberPipe,
    EmptyStateComponent,
    LoadFailedComponent,
    ProblemAlertComponent,
    SkeletonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      :host {
        max-width: 48rem;
      }
      .from-mail p {
        margin: 0 0 0.75rem;
      }
      .from-mail p:last-child {
        margin-bottom: 0;
      }
      ul.contents {
        margin: 0 0 12px;
        padding-left: 1.25rem;
      }
      ul.exports {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ul.exports li {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        align-items: center;
        justify-content: space-between;
        padding: 12px 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant, #ccc);
      }
      ul.exports li:last-child {
        border-bottom: none;
      }
      .facts {
        display: flex;
        flex-direction: column;
        gap: 2px;
        min-width: 0;
      }
      .status {
        font-weight: 500;
      }
      .muted {
        color: var(--mat-sys-on-surface-variant, #555);
        font-size: 0.875rem;
        overflow-wrap: anywhere;
      }
    `,
  ],
  template: `
    <h1>{{ 'privacy.export.title' | transloco }}</h1>
    <p>{{ 'privacy.export.intro' | transloco: { days: ttlDays } }}</p>
    <ul class="contents">
      <li>{{ 'privacy.export.contents.data' | transloco }}</li>
      <li>{{ 'privacy.export.contents.invoices' | transloco }}</li>
      <li>{{ 'privacy.export.contents.accessLog' | transloco }}</li>
      <li>{{ 'privacy.export.contents.manifest' | transloco }}</li>
    </ul>

    @if (fromMail(); as mail) {
      <mat-card appearance="outlined" class="from-mail" data-testid="export-from-mail">
        @if (mail.url; as link) {
          <p>{{ 'privacy.export.fromMail' | transloco }}</p>
          <a mat-flat-button [href]="link" download data-testid="export-mail-download">
            {{ 'privacy.export.download' | transloco }}
          </a>
        } @else {
          <p role="alert" data-testid="export-mail-not-yours">{{ 'privacy.export.fromMailNotYours' | transloco }}</p>
        }
      </mat-card>
    }

    <mat-card appearance="outlined">
        @if (running()) {
          <p data-testid="export-running" role="status">{{ 'privacy.export.running' | transloco }}</p>
        } @else {
          <ma-problem-alert [problem]="runner.problem()" />
        }
        <button
          mat-flat-button
          type="button"
          [disabled]="runner.busy() || running() || page.loading()"
          (click)="request()"
          data-testid="export-request"
        >
          {{ 'privacy.export.request' | transloco }}
        </button>
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'privacy.export.listTitle' | transloco }}</h2>
        @if (page.loading()) {
          <ma-skeleton [lines]="3" testId="exports-loading" />
        } @else if (page.failed()) {
          <ma-load-failed message="privacy.export.failed" testId="exports-failed" (retry)="page.retry()" />
        } @else if (exports().length === 0) {
          <ma-empty-state icon="inbox" title="privacy.export.none" text="privacy.export.noneNext" testId="exports-empty" />
        } @else {
          <ul class="exports" data-testid="exports">
            @for (item of exports(); track item.id) {
              <li data-testid="export-item">
                <div class="facts">
                  <span class="status" data-testid="export-status">{{
                    'privacy.export.status.' + item.status | transloco
                  }}</span>
                  <span class="muted">{{ 'privacy.export.requestedAt' | transloco: { at: (item.requestedAt | maDate) } }}</span>
                  @if (item.status === 'ready' && item.expiresAt) {
                    <span class="muted">{{
                      'privacy.export.expiresAt' | transloco: { at: (item.expiresAt | maDate) }
                    }}</span>
                  }
                  @if (item.sizeBytes !== null && item.status === 'ready') {
                    <span class="muted">{{
                      'privacy.export.size' | transloco: { kb: (kilobytes(item.sizeBytes) | maNumber) }
                    }}</span>
                  }
                </div>
                @if (item.downloadUrl) {
                  <a mat-stroked-button [href]="item.downloadUrl" download data-testid="export-download">
                            {{ 'privacy.export.download' | transloco }}
                  </a>
                }
              </li>
            }
          </ul>
        }
    </mat-card>
  `,
})
export class PrivacyExportPageComponent implements OnInit {
  private readonly store = inject(PrivacyExportStore);
  private readonly notifier = inject(Notifier);
  private readonly route = inject(ActivatedRoute);
  protected readonly ttlDays = PRIVACY_EXPORT_TTL_DAYS;
  protected readonly exports = signal<PrivacyExportView[]>([]);
  protected readonly page = new LoadState();
  protected readonly runner = new ActionRunner();
  /** An export is being made: the button waits, the list is read again every few seconds. */
  protected readonly running = computed(
    () => this.exports().some((e) => e.status === 'pending') || this.runner.problem()?.type === PROBLEM_TYPES.conflict,
  );
  /**
   * The mail's download link that brought the person here (`?download=<id>&token=…`), once their
   * exports are in: a link to their own ready export, or none when it is not among them (another
   * person's mail opened in this session, or an export already gone) — then the page says so,
   * instead of a button whose download the API refuses.
   */
  protected readonly fromMail = computed(() => {
    const params = this.route.snapshot.queryParamMap;
    const id = params.get('download');
    const token = params.get('token');
    if (!id || !token || !this.page.loaded()) return null;
    const own = this.exports().some((e) => e.id === id && e.status === 'ready');
    return { url: own ? this.store.downloadUrl(id, token) : null };
  });
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopPolling());
  }

  ngOnInit(): void {
    void this.page.track(() => this.load());
  }

  protected kilobytes(bytes: number): number {
    return Math.max(1, Math.round(bytes / 1024));
  }

  protected async request(): Promise<void> {
    const problem = await this.runner.run(async () => {
      const created = await this.store.request();
      this.exports.update((list) => [created, ...list]);
    });
    if (!problem) {
      this.notifier.success('privacy.export.requested');
      this.schedule();
    } else if (problem.type === PROBLEM_TYPES.conflict) this.schedule();
  }

  private async load(): Promise<void> {
    this.exports.set(await this.store.list());
    this.schedule();
  }

  /** Reads the list again while an export is being made; stops when none is. */
  private schedule(): void {
    this.stopPolling();
    if (!this.exports().some((e) => e.status === 'pending') && this.runner.problem()?.type !== PROBLEM_TYPES.conflict)
      return;
    this.timer = setTimeout(() => {
      this.store.list().then(
        (list) => {
          const wasRunning = this.exports().some((e) => e.status === 'pending');
          this.exports.set(list);
          if (wasRunning && !list.some((e) => e.status === 'pending')) {
            this.runner.problem.set(null);
            this.notifier.success('privacy.export.ready');
          }
          this.schedule();
        },
        () => this.schedule(),
      );
    }, POLL_MS);
  }

  private stopPolling(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
