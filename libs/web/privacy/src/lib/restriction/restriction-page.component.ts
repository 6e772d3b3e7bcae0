import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type MyRestrictionView, OBJECTION_PURPOSES, type ObjectionPurpose } from '@mijn-account/shared-contracts';
import { ActionRunner, LoadState, LocaleDatePipe } from '@mijn-account/web-core';
import {
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
} from '@mijn-account/web-ui';
import { PrivacyRequestsStore } from '../requests/privacy-requests.store';

/**
 * Restriction of processing (Art. 18): the person asks, the tenant admin decides, and the page says
 * what stands and what stops while it does. Objections (Art. 21) per purpose: effective at once, undoable.
 */
@Component({
  selector: 'ma-restriction-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    TranslocoPipe,
    LocaleDatePipe,
    ProblemAlertComponent,
    SkeletonComponent,
    LoadFailedComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      mat-form-field {
        display: block;
        max-width: 32rem;
      }
      .objection {
        margin: 0.75rem 0;
      }
      .objection p {
        margin: 0.25rem 0 0;
        color: #444;
      }
      .restricted {
        border-left: 4px solid #8a5a00;
        padding-left: 0.75rem;
      }
    `,
  ],
  template: `
    <h1>{{ 'privacy.restriction.title' | transloco }}</h1>
    <p>{{ 'privacy.restriction.intro' | transloco }}</p>
    <ma-problem-alert [problem]="problem()" />
    @if (page.loading()) {
      <mat-card appearance="outlined"><ma-skeleton [lines]="4" testId="restriction-loading" /></mat-card>
    } @else if (page.failed()) {
      <mat-card appearance="outlined">
        <ma-load-failed testId="restriction-failed" (retry)="page.retry()" />
      </mat-card>
    } @else if (state(); as s) {
      <mat-card appearance="outlined">
        <h2>{{ 'privacy.restriction.restrictionTitle' | transloco }}</h2>
        @if (s.restricted) {
          <div class="restricted" data-testid="restriction-active">
            <p>
              <strong>{{ 'privacy.restriction.active' | transloco: { date: (s.restrictedAt | maDate: 'date') } }}</strong>
            </p>
            <p>{{ 'privacy.restriction.reason' | transloco }}: {{ s.reason }}</p>
            <p>{{ 'privacy.restriction.effects' | transloco }}</p>
          </div>
        } @else {
          <p data-testid="restriction-none">{{ 'privacy.restriction.none' | transloco }}</p>
        }
        @if (s.openRequest; as open) {
          <p class="status" data-testid="restriction-requested">
            {{ 'privacy.restriction.requested' | transloco: { date: (open.dueOn | maDate: 'long') } }}
            <a routerLink="/privacy/requests">{{ 'privacy.restriction.seeRequests' | transloco }}</a>
          </p>
        } @else if (!s.restricted) {
          <form [formGroup]="form" (ngSubmit)="ask()" novalidate>
            <p>{{ 'privacy.restriction.when' | transloco }}</p>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'privacy.restriction.details' | transloco }}</mat-label>
              <textarea matInput formControlName="details" rows="3" required data-testid="restriction-details"></textarea>
              @if (form.controls.details.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              } @else if (form.controls.details.errors?.['required']) {
                <mat-error>{{ 'privacy.restriction.detailsRequired' | transloco }}</mat-error>
              }
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="restriction-ask">
              {{ 'privacy.restriction.ask' | transloco }}
            </button>
          </form>
        }
      </mat-card>
      <mat-card appearance="outlined">
        <h2>{{ 'privacy.restriction.objectionsTitle' | transloco }}</h2>
        <p>{{ 'privacy.restriction.objectionsIntro' | transloco }}</p>
        @for (purpose of purposes; track purpose) {
          <div class="objection">
            <mat-slide-toggle
              [checked]="s.objections[purpose] !== null"
              [disabled]="busy()"
              (change)="object(purpose, $event.checked)"
              [attr.data-testid]="'objection-' + purpose"
              >{{ 'privacy.restriction.objection.' + purpose | transloco }}</mat-slide-toggle
            >
            <p>
              {{ 'privacy.restriction.objectionEffect.' + purpose | transloco }}
              @if (s.objections[purpose]; as since) {
                {{ 'privacy.restriction.objectedSince' | transloco: { date: (since | maDate: 'date') } }}
              }
            </p>
          </div>
        }
      </mat-card>
    }
  `,
})
export class RestrictionPageComponent implements OnInit {
  private readonly store = inject(PrivacyRequestsStore);
  private readonly notifier = inject(Notifier);
  protected readonly page = new LoadState();
  protected readonly state = signal<MyRestrictionView | null>(null);
  protected readonly purposes = OBJECTION_PURPOSES;
  protected readonly form = inject(NonNullableFormBuilder).group({ details: ['', Validators.required] });
  private readonly runner = new ActionRunner({ form: this.form, recover: () => this.load() });
  protected readonly problem = this.runner.problem;
  protected readonly busy = this.runner.busy;

  ngOnInit(): void {
    void this.page.track(() => this.load());
  }

  private async load(): Promise<void> {
    this.state.set(await this.store.myRestriction());
  }

  protected async ask(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    await this.runner.run(async () => {
      this.state.set(await this.store.requestRestriction(this.form.getRawValue().details));
      this.notifier.success('privacy.restriction.askedNotice');
    });
  }

  protected async object(purpose: ObjectionPurpose, objected: boolean): Promise<void> {
    await this.runner.run(async () => {
      this.state.set(await this.store.object(purpose, objected));
      this.notifier.success(objected ? 'privacy.restriction.objectedNotice' : 'privacy.restriction.withdrawnNotice');
    });
  }
}
