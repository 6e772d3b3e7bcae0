import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { skip } from 'rxjs';
import type { PrivacyOverview, PrivacyQuestionKind, PrivacyQuestionReceipt } from '@mijn-account/shared-contracts';
import { ActionRunner, EnumLabelPipe, LoadState, LocaleDatePipe, SessionStore } from '@mijn-account/web-core';
import {
  EmptyStateComponent,
  LoadFailedComponent,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
  EmailAddressComponent,
} from '@mijn-account/web-ui';
import { PrivacyOverviewStore } from './privacy-overview.store';
import { CookieChoiceComponent } from '../cookies/cookie-choice.component';

/**
 * The privacy page (issue 18 §1, §9), for everyone signed in: what the tenant holds about you and
 * why (its record of processing activities, in your language), one way to each right, automated
 * decisions, disclosures to third parties, and whom to ask or complain to.
 */
@Component({
  selector: 'ma-privacy-page',
  imports: [
    EmailAddressComponent,
    CookieChoiceComponent,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    TranslocoPipe,
    EnumLabelPipe,
    LocaleDatePipe,
    EmptyStateComponent,
    LoadFailedComponent,
    ProblemAlertComponent,
    SkeletonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      h2 {
        margin: 0 0 0.5rem;
        font-size: 1.2rem;
      }
      h3 {
        margin: 0.5rem 0 0.25rem;
        font-size: 1rem;
      }
      dl {
        display: grid;
        grid-template-columns: minmax(7rem, max-content) 1fr;
        gap: 0.25rem 1rem;
        margin: 0;
      }
      dt {
        font-weight: 500;
      }
      dd {
        margin: 0;
      }
      .held {
        border-bottom: 1px solid #ddd;
        padding-bottom: 0.75rem;
      }
      .held:last-child {
        border-bottom: none;
      }
      ul.rights {
        padding-left: 1.25rem;
        margin: 0;
      }
      ul.rights li {
        margin: 0.35rem 0;
      }
      mat-form-field {
        display: block;
      }
      .kinds {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
        margin-bottom: 0.5rem;
      }
      @media (max-width: 599px) {
        dl {
          grid-template-columns: 1fr;
        }
        dd {
          margin-bottom: 0.35rem;
        }
      }
    `,
  ],
  template: `
    <h1>{{ 'privacy.title' | transloco }}</h1>
    <p>{{ 'privacy.overview.intro' | transloco }}</p>
    @if (page.loading()) {
      <ma-skeleton [lines]="6" testId="privacy-loading" />
    } @else if (page.failed()) {
      <ma-load-failed message="privacy.overview.failed" testId="privacy-failed" (retry)="page.retry()" />
    } @else if (data(); as d) {
      <mat-card appearance="outlined" data-testid="privacy-held">
        <h2>{{ 'privacy.overview.heldTitle' | transloco }}</h2>
        @for (item of d.held; track item.id) {
          <section class="held" [attr.aria-label]="item.category">
            <h3>{{ item.category }}</h3>
            <dl>
              <dt>{{ 'privacy.overview.purpose' | transloco }}</dt>
              <dd>{{ item.purpose }}</dd>
              <dt>{{ 'privacy.overview.legalBasis' | transloco }}</dt>
              <dd>{{ item.legalBasis | maLabel: 'legalBasis' }}</dd>
              <dt>{{ 'privacy.overview.retention' | transloco }}</dt>
              <dd>{{ item.retention }}</dd>
              <dt>{{ 'privacy.overview.recipients' | transloco }}</dt>
              <dd>{{ item.recipients }}</dd>
            </dl>
          </section>
        } @empty {
          <ma-empty-state
            title="privacy.overview.heldEmpty"
            text="privacy.overview.heldEmptyText"
            testId="privacy-held-empty"
          />
        }
      </mat-card>

      <mat-card appearance="outlined" data-testid="privacy-automated">
        <h2>{{ 'privacy.overview.automatedTitle' | transloco }}</h2>
        @if (automated().length === 0) {
          <p>{{ 'privacy.overview.automatedNone' | transloco }}</p>
        } @else {
          <p>{{ 'privacy.overview.automatedSome' | transloco }}</p>
          <ul>
            @for (item of automated(); track item.id) {
              <li>
                <strong>{{ item.category }}</strong
                >: {{ item.automatedDecision }}
              </li>
            }
          </ul>
        }
      </mat-card>

      <mat-card appearance="outlined" data-testid="privacy-rights">
        <h2>{{ 'privacy.overview.rightsTitle' | transloco }}</h2>
        <ul class="rights">
          <li>
            <a routerLink="/privacy/export">{{ 'privacy.overview.rightAccess' | transloco }}</a>
          </li>
          <li>
            {{ 'privacy.overview.rightRectification' | transloco }}
            <a routerLink="/account/profile">{{ 'privacy.overview.profileLink' | transloco }}</a>
            @if (hasAccount()) {
              ·
              <a routerLink="/account/billing">{{ 'privacy.overview.billingLink' | transloco }}</a>
            }
          </li>
          <li>
            <a routerLink="/privacy/erasure">{{ 'privacy.overview.rightErasure' | transloco }}</a>
          </li>
          <li>
            <a routerLink="/privacy/restriction">{{ 'privacy.overview.rightRestriction' | transloco }}</a>
          </li>
          <li>
            <a routerLink="/privacy/requests">{{ 'privacy.overview.rightRequests' | transloco }}</a>
          </li>
        </ul>
      </mat-card>

      <mat-card appearance="outlined" data-testid="privacy-disclosures">
        <h2>{{ 'privacy.overview.disclosuresTitle' | transloco }}</h2>
        @for (disclosure of d.disclosures; track disclosure.id) {
          <section class="held">
            <h3>{{ disclosure.recipient }}</h3>
            <dl>
              <dt>{{ 'privacy.overview.disclosedOn' | transloco }}</dt>
              <dd>{{ noon(disclosure.disclosedOn) | maDate: 'date' }}</dd>
              <dt>{{ 'privacy.overview.legalBasis' | transloco }}</dt>
              <dd>{{ disclosure.legalBasis | maLabel: 'legalBasis' }}</dd>
              <dt>{{ 'privacy.overview.categories' | transloco }}</dt>
              <dd>{{ disclosure.categories }}</dd>
            </dl>
          </section>
        } @empty {
          <p data-testid="privacy-disclosures-empty">{{ 'privacy.overview.disclosuresNone' | transloco }}</p>
        }
      </mat-card>

      <mat-card appearance="outlined" data-testid="privacy-contact">
        <h2>{{ 'privacy.overview.contactTitle' | transloco }}</h2>
        @if (d.contact.email || d.contact.phone) {
          <p>
            @if (d.contact.email) {
              <a [href]="'mailto:' + d.contact.email"><ma-email [address]="d.contact.email" /></a>
            }
            @if (d.contact.email && d.contact.phone) {
              ·
            }
            @if (d.contact.phone) {
              <a [href]="'tel:' + d.contact.phone">{{ d.contact.phone }}</a>
            }
          </p>
        }
        <p>{{ 'privacy.overview.askIntro' | transloco }}</p>
        @if (receipt(); as r) {
          <p class="ok" role="status" data-testid="privacy-question-sent">
            {{ 'privacy.overview.sent' | transloco: { deadline: (noon(r.deadline) | maDate: 'date') } }}
          </p>
        }
        <ma-problem-alert [problem]="problem()" />
        <form [formGroup]="form" (ngSubmit)="send()" novalidate>
          <fieldset class="kinds-box" style="border: none; padding: 0; margin: 0">
            <legend>{{ 'privacy.overview.kindLegend' | transloco }}</legend>
            <mat-radio-group formControlName="kind" class="kinds">
              <mat-radio-button value="question">{{ 'privacy.overview.kindQuestion' | transloco }}</mat-radio-button>
              <mat-radio-button value="complaint">{{ 'privacy.overview.kindComplaint' | transloco }}</mat-radio-button>
            </mat-radio-group>
          </fieldset>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'privacy.overview.message' | transloco }}</mat-label>
            <textarea matInput formControlName="message" rows="4" maxlength="4000" required></textarea>
            @if (form.controls.message.errors?.['server']; as message) {
              <mat-error>{{ message }}</mat-error>
            } @else if (form.controls.message.touched && form.controls.message.invalid) {
              <mat-error>{{ 'privacy.overview.messageRequired' | transloco }}</mat-error>
            }
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="privacy-question-send">
            {{ 'privacy.overview.send' | transloco }}
          </button>
        </form>
      </mat-card>

      <mat-card appearance="outlined" data-testid="privacy-authority">
        <h2>{{ 'privacy.overview.authorityTitle' | transloco }}</h2>
        @if (d.authority; as authority) {
          <p>
            {{ 'privacy.overview.authorityText' | transloco }}
            <a [href]="authority.url" target="_blank" rel="noopener">{{ authority.name }}</a>
          </p>
        } @else {
          <p>{{ 'privacy.overview.authorityNone' | transloco }}</p>
        }
      </mat-card>
    }
    <ma-cookie-choice />
  `,
})
export class PrivacyPageComponent implements OnInit {
  private readonly store = inject(PrivacyOverviewStore);
  private readonly session = inject(SessionStore);
  protected readonly page = new LoadState();
  protected readonly data = signal<PrivacyOverview | null>(null);
  protected readonly receipt = signal<PrivacyQuestionReceipt | null>(null);
  protected readonly hasAccount = computed(() => this.session.me()?.account != null);
  protected readonly automated = computed(() => (this.data()?.held ?? []).filter((h) => h.automatedDecision));
  protected readonly form = inject(NonNullableFormBuilder).group({
    kind: ['question' as PrivacyQuestionKind, Validators.required],
    message: ['', [Validators.required, Validators.maxLength(4000)]],
  });
  private readonly runner = new ActionRunner({ form: this.form });
  protected readonly busy = this.runner.busy;
  protected readonly problem = this.runner.problem;

  constructor() {
    // The record is shown in the reader's language: read again when they switch.
    inject(TranslocoService)
      .langChanges$.pipe(skip(1), takeUntilDestroyed())
      .subscribe(() => void this.page.track(async () => this.data.set(await this.store.overview())));
  }

  ngOnInit(): void {
    void this.page.track(async () => this.data.set(await this.store.overview()));
  }

  /** A calendar date at noon UTC, so it shows as the same day in every time zone. */
  protected noon(date: string): string {
    return `${date}T12:00:00Z`;
  }

  protected async send(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    await this.runner.run(async () => {
      this.receipt.set(null);
      this.receipt.set(await this.store.ask(this.form.getRawValue()));
      this.form.reset({ kind: 'question', message: '' });
    });
  }
}
