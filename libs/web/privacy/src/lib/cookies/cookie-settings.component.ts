import { ChangeDetectionStrategy, Component, type OnInit, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import { ActionRunner, CookieConsentStore, LoadState, SessionStore, StepUpGate } from '@mijn-account/web-core';
import {
  LoadFailedComponent,
  Notifier,
  ProblemAlertComponent,
  SkeletonComponent,
  StepUpPromptComponent,
} from '@mijn-account/web-ui';

/** The tenant admin's switch for the optional cookie: on, the banner asks everyone (issue 18 §7). */
@Component({
  selector: 'ma-cookie-settings',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatSlideToggleModule,
    TranslocoPipe,
    ProblemAlertComponent,
    SkeletonComponent,
    LoadFailedComponent,
    StepUpPromptComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    /* A card among the page's cards, with their gap (PAGE_STYLES spaces the page's own cards only). */
    :host {
      display: block;
      margin-top: 1rem;
    }
    /* A card inside the processing page: its title the size of the page's other card titles (PAGE_STYLES). */
    h2 {
      font-size: 1.25rem;
      line-height: 1.3;
      margin: 0 0 0.5rem;
    }
    p.hint {
      margin: 0.5rem 0 1rem;
    }
  `,
  template: `
    <mat-card appearance="outlined" data-testid="cookie-settings">
      <mat-card-content>
        <h2>{{ 'cookieConsent.admin.title' | transloco }}</h2>
        @if (page.loading()) {
          <ma-skeleton [lines]="2" testId="cookie-settings-loading" />
        } @else if (page.failed()) {
          <ma-load-failed message="states.settings.failed" testId="cookie-settings-failed" (retry)="page.retry()" />
        } @else {
          <ma-problem-alert [problem]="runner.problem()" />
          @if (stepUp.waiting()) {
            <ma-step-up-prompt
              kind="code"
              [wrong]="stepUp.wrong()"
              (confirmed)="stepUp.confirm({ code: $event })"
              (cancelled)="stepUp.cancel()"
            />
          }
          <form [formGroup]="form" (ngSubmit)="save()" novalidate>
            <mat-slide-toggle formControlName="optionalCookie" data-testid="optional-cookie-toggle">
              {{ 'cookieConsent.admin.label' | transloco }}
            </mat-slide-toggle>
            <p class="hint">{{ 'cookieConsent.admin.hint' | transloco }}</p>
            <button mat-flat-button type="submit" [disabled]="runner.busy()" data-testid="save-cookie-settings">
              {{ 'cookieConsent.admin.save' | transloco }}
            </button>
          </form>
        }
      </mat-card-content>
    </mat-card>
  `,
})
export class CookieSettingsComponent implements OnInit {
  private readonly store = inject(CookieConsentStore);
  private readonly notifier = inject(Notifier);
  protected readonly stepUp = new StepUpGate(inject(SessionStore));
  protected readonly runner = new ActionRunner({ stepUp: this.stepUp });
  protected readonly page = new LoadState();
  protected readonly form = inject(NonNullableFormBuilder).group({ optionalCookie: [false] });
  private etag = '';

  ngOnInit(): void {
    void this.page.track(async () => {
      const { value, etag } = await this.store.settings();
      this.etag = etag;
      this.form.setValue(value);
    });
  }

  protected async save(): Promise<void> {
    await this.runner.run(async () => {
      const saved = await this.store.saveSettings(this.form.getRawValue(), this.etag);
      this.etag = saved.etag;
      this.form.setValue(saved.value);
      this.notifier.success('cookieConsent.admin.saved');
    });
  }
}
