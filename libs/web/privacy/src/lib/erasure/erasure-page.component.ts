import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ERASURE_KEPT, type ErasureView, SECOND_FACTOR_CODE_PATTERN } from '@mijn-account/shared-contracts';
import { ActionRunner, LoadState, LocaleDatePipe, SessionStore, StepUpGate } from '@mijn-account/web-core';
import {
  ConfirmDialog,
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
  StepUpPromptComponent,
} from '@mijn-account/web-ui';
import { ErasureStore } from './erasure.store';

/** What is erased, in the order the page lists it. */
const ERASED = ['profile', 'signIns', 'newsletters', 'history'] as const;

/**
 * Erasure of the person's own data (issue 18 §3): what will happen, what is kept and why, asking
 * for it (with a step-up), and while the grace period runs its date and a Cancel button.
 */
@Component({
  selector: 'ma-erasure-page',
  imports: [
    TranslocoPipe,
    MatButtonModule,
    MatCardModule,
    RouterLink,
    LocaleDatePipe,
    LoadFailedComponent,
    ProblemAlertComponent,
    SkeletonComponent,
    StepUpPromptComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      ul {
        padding-left: 1.25rem;
      }
      li {
        margin-bottom: 0.5rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ],
  template: `
    <h1>{{ 'privacy.erasure.title' | transloco }}</h1>
    <ma-problem-alert [problem]="problem()" />
    @if (stepUp.waiting()) {
      <ma-step-up-prompt
        kind="secret"
        [wrong]="stepUp.wrong()"
        (confirmed)="confirmStepUp($event)"
        (cancelled)="stepUp.cancel()"
      />
    }
    @if (page.loading()) {
      <mat-card appearance="outlined"><ma-skeleton [lines]="5" testId="erasure-loading" /></mat-card>
    } @else if (page.failed()) {
      <mat-card appearance="outlined">
        <ma-load-failed message="privacy.erasure.failed" testId="erasure-failed" (retry)="page.retry()" />
      </mat-card>
    } @else if (view(); as v) {
      @if (v.pending; as pending) {
        <mat-card appearance="outlined" data-testid="erasure-pending">
          <mat-card-content>
            <h2>{{ 'privacy.erasure.pendingTitle' | transloco }}</h2>
            <p>{{ 'privacy.erasure.pendingText' | transloco: { date: (pending.eraseAfter | maDate: 'date') } }}</p>
            <div class="actions">
              <button mat-flat-button type="button" data-testid="erasure-cancel" (click)="cancel()">
                {{ 'privacy.erasure.cancel' | transloco }}
              </button>
            </div>
          </mat-card-content>
        </mat-card>
      }
      <mat-card appearance="outlined">
        <mat-card-content>
          <h2>{{ 'privacy.erasure.whatGoes' | transloco }}</h2>
          <ul>
            @for (item of erased; track item) {
              <li>{{ 'privacy.erasure.erased.' + item | transloco }}</li>
            }
            @if (v.accountGoesToo) {
              <li>{{ 'privacy.erasure.erased.account' | transloco }}</li>
            }
          </ul>
          <h2>{{ 'privacy.erasure.whatStays' | transloco }}</h2>
          <ul>
            @for (item of kept; track item) {
              <li>{{ 'privacy.erasure.kept.' + item | transloco }}</li>
            }
          </ul>
          @if (!v.pending) {
            <p>{{ 'privacy.erasure.grace' | transloco: { days: v.graceDays } }}</p>
            @if (v.lastOwnerWithOthers) {
              <p class="error" data-testid="erasure-last-owner">
                {{ 'privacy.erasure.lastOwner' | transloco }}
                <a routerLink="/account/members">{{ 'privacy.erasure.toMembers' | transloco }}</a>
              </p>
            } @else {
              <div class="actions">
                <button mat-flat-button color="warn" type="button" data-testid="erasure-request" (click)="ask()">
                  {{ 'privacy.erasure.request' | transloco }}
                </button>
              </div>
            }
          }
        </mat-card-content>
      </mat-card>
    }
  `,
})
export class ErasurePageComponent implements OnInit {
  private readonly store = inject(ErasureStore);
  private readonly confirmation = inject(ConfirmDialog);
  private readonly notifier = inject(Notifier);
  protected readonly stepUp = new StepUpGate(inject(SessionStore));
  private readonly runner = new ActionRunner({ stepUp: this.stepUp });
  protected readonly problem = this.runner.problem;
  protected readonly page = new LoadState();
  protected readonly view = signal<ErasureView | null>(null);
  protected readonly erased = ERASED;
  protected readonly kept = ERASURE_KEPT;
  private etag = '';

  ngOnInit(): void {
    void this.page.track(() => this.reload());
  }

  protected async ask(): Promise<void> {
    const sure = await this.confirmation.confirm({
      title: 'privacy.erasure.confirmTitle',
      message: 'privacy.erasure.confirmText',
      confirm: 'privacy.erasure.request',
      params: { days: this.view()?.graceDays ?? 14 },
      danger: true,
    });
    if (!sure) return;
    await this.runner.run(async () => {
      const { value, etag } = await this.store.request();
      this.view.set(value);
      this.etag = etag;
      this.notifier.success('privacy.erasure.requested');
    });
  }

  protected async cancel(): Promise<void> {
    await this.runner.run(async () => {
      await this.store.cancel(this.etag);
      await this.reload();
      this.notifier.success('privacy.erasure.cancelled');
    });
  }

  protected confirmStepUp(secret: string): Promise<void> {
    return this.stepUp.confirm(SECOND_FACTOR_CODE_PATTERN.test(secret) ? { code: secret } : { password: secret });
  }

  private async reload(): Promise<void> {
    const { value, etag } = await this.store.load();
    this.view.set(value);
    this.etag = etag;
  }
}
