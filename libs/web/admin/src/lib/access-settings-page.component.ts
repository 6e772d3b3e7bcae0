import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { ACCESS_SCOPES, type AccessScope } from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  AdminStore,
  EnumLabelPipe,
  LoadState,
  SessionStore,
  StepUpGate,
  fieldError,
} from '@mijn-account/web-core';
import {
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
  StepUpPromptComponent,
} from '@mijn-account/web-ui';

/** A tenant admin's rules for helpdesk access: durations, how long a request waits, which scopes may be asked for. */
@Component({
  selector: 'ma-access-settings-page',
  imports: [
    EnumLabelPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemAlertComponent,
    StepUpPromptComponent,
    SkeletonComponent,
    LoadFailedComponent,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      mat-form-field {
        display: block;
        max-width: 20rem;
      }
      fieldset {
        border: none;
        padding: 0;
        margin: 0 0 1rem;
        display: flex;
        flex-direction: column;
      }
    `,
  ],
  template: `
    <h1>{{ 'admin.access.title' | transloco }}</h1>
    <p>{{ 'admin.access.intro' | transloco }}</p>
    <ma-problem-alert [problem]="problem()" />
    @if (stepUp.waiting()) {
      <ma-step-up-prompt
        kind="code"
        [wrong]="stepUp.wrong()"
        (confirmed)="stepUp.confirm({ code: $event })"
        (cancelled)="stepUp.cancel()"
      />
    }
    <mat-card appearance="outlined">
      <!-- Not editable before the rules are in: a sketch while they load, a retry when they did not. -->
      @if (page.loading()) {
        <ma-skeleton shape="fields" [lines]="3" testId="access-settings-loading" />
      } @else if (page.failed()) {
        <ma-load-failed message="states.settings.failed" testId="access-settings-failed" (retry)="page.retry()" />
      } @else {
      <form [formGroup]="form" (ngSubmit)="save()" novalidate>
        @for (field of numberFields; track field) {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.access.' + field | transloco }}</mat-label>
            <input matInput type="number" [formControlName]="field" required />
            @if (form.controls[field].errors?.['server']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        }
        <fieldset>
          <legend>{{ 'admin.access.allowedScopes' | transloco }}</legend>
          @for (scope of scopes; track scope) {
            <mat-checkbox [checked]="allowed().includes(scope)" (change)="toggle(scope, $event.checked)">{{
              scope | maLabel: 'scope'
            }}</mat-checkbox>
          }
          @if (fieldError(problem(), 'allowedScopes'); as message) {
            <p class="error">{{ message }}</p>
          }
        </fieldset>
        <button mat-flat-button type="submit" data-testid="save-access-settings">
          {{ 'admin.signIn.save' | transloco }}
        </button>
      </form>
      }
    </mat-card>
  `,
})
export class AccessSettingsPageComponent implements OnInit {
  private readonly store = inject(AdminStore);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly stepUp = new StepUpGate(inject(SessionStore));
  protected readonly numberFields = ['maxMinutes', 'defaultMinutes', 'requestTimeoutHours'] as const;
  protected readonly scopes = ACCESS_SCOPES;
  protected readonly allowed = signal<AccessScope[]>([]);
  private readonly notifier = inject(Notifier);
  protected readonly page = new LoadState();
  protected readonly fieldError = fieldError;
  protected readonly form = this.fb.group({
    maxMinutes: [240, Validators.required],
    defaultMinutes: [60, Validators.required],
    requestTimeoutHours: [72, Validators.required],
  });
  private readonly runner = new ActionRunner({ stepUp: this.stepUp, form: this.form });
  protected readonly problem = this.runner.problem;

  ngOnInit(): void {
    void this.page.track(async () => {
      const { allowedScopes, ...numbers } = await this.store.accessSettings();
      this.form.setValue(numbers);
      this.allowed.set(allowedScopes);
    });
  }

  protected toggle(scope: AccessScope, on: boolean): void {
    this.allowed.update((list) => (on ? [...list, scope] : list.filter((s) => s !== scope)));
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const values = this.form.getRawValue();
    await this.run(async () => {
      await this.store.saveAccessSettings({
        maxMinutes: Number(values.maxMinutes),
        defaultMinutes: Number(values.defaultMinutes),
        requestTimeoutHours: Number(values.requestTimeoutHours),
        allowedScopes: this.allowed(),
      });
      this.notifier.success('admin.access.saved');
    });
  }

  /** Runs `work` (again after a step-up); the snackbar says "saved" when it is done. */
  private async run(work: () => Promise<void>): Promise<void> {
    await this.runner.run(work);
  }
}
