import { ChangeDetectionStrategy, Component, type OnInit, inject } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { type IdentityProviderName, type IdentityProviderSettings } from '@mijn-account/shared-contracts';
import { ActionRunner, AdminStore, EnumLabelPipe, LoadState, SessionStore, StepUpGate } from '@mijn-account/web-core';
import {
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
  StepUpPromptComponent,
} from '@mijn-account/web-ui';

/** The issuer checks the API names (`errors[].code` of field `issuer`), each with a text of its own. */
const ISSUER_ERRORS = ['isHttps', 'publicHost', 'unresolvable'];

/** A tenant admin's sign-in settings: self sign-up, brute-force limits, Google and Microsoft 365. */
@Component({
  selector: 'ma-sign-in-settings-page',
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
      :host {
        max-width: 56rem;
      }
      .uri {
        font-family: monospace;
        word-break: break-all;
      }
    `,
  ],
  template: `
    <h1>{{ 'admin.signIn.title' | transloco }}</h1>
    <ma-problem-alert [problem]="problem()" />
    @if (stepUp.waiting()) {
      <ma-step-up-prompt
        kind="code"
        [wrong]="stepUp.wrong()"
        (confirmed)="stepUp.confirm({ code: $event })"
        (cancelled)="stepUp.cancel()"
      />
    }
    <!-- Not editable before the settings are in: a sketch while they load, a retry when they did not. -->
    @if (page.loading()) {
      <mat-card appearance="outlined"><ma-skeleton shape="fields" [lines]="5" testId="settings-loading" /></mat-card>
    } @else if (page.failed()) {
      <mat-card appearance="outlined">
        <ma-load-failed message="states.settings.failed" testId="settings-failed" (retry)="page.retry()" />
      </mat-card>
    } @else {
    <mat-card appearance="outlined">
      <h2>{{ 'admin.signIn.rules' | transloco }}</h2>
      <form class="row" [formGroup]="settingsForm" (ngSubmit)="saveSettings()" novalidate>
        <mat-checkbox formControlName="selfSignUp">{{ 'admin.signIn.selfSignUp' | transloco }}</mat-checkbox>
        @for (field of numberFields; track field) {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.signIn.' + field | transloco }}</mat-label>
            <input matInput type="number" [formControlName]="field" required />
            @if (settingsForm.controls[field].errors?.['server']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        }
        <button mat-flat-button type="submit">{{ 'admin.signIn.save' | transloco }}</button>
      </form>
    </mat-card>
    @for (p of store.providers(); track p.provider) {
      <mat-card appearance="outlined" [attr.data-testid]="'provider-' + p.provider">
        <h2>{{ p.provider | maLabel: 'provider' }}</h2>
        <p>
          {{ 'admin.signIn.redirect' | transloco }} <span class="uri">{{ p.redirectUri }}</span>
        </p>
        <form class="row" [formGroup]="providerForms[p.provider]" (ngSubmit)="saveProvider(p)" novalidate>
          <mat-checkbox formControlName="enabled">{{ 'admin.signIn.enabled' | transloco }}</mat-checkbox>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.signIn.issuer' | transloco }}</mat-label>
            <input matInput formControlName="issuer" required />
            @if (issuerError(p.provider); as key) {
              <mat-error>{{ key | transloco }}</mat-error>
            } @else if (providerForms[p.provider].controls.issuer.errors?.['server']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.signIn.clientId' | transloco }}</mat-label>
            <input matInput formControlName="clientId" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.signIn.clientSecret' | transloco }}</mat-label>
            <input matInput type="password" formControlName="clientSecret" autocomplete="off" />
            <mat-hint>{{
              (p.hasClientSecret ? 'admin.signIn.secretKept' : 'admin.signIn.secretNeeded') | transloco
            }}</mat-hint>
          </mat-form-field>
          <button mat-flat-button type="submit">{{ 'admin.signIn.save' | transloco }}</button>
        </form>
      </mat-card>
    }
    }
  `,
})
export class SignInSettingsPageComponent implements OnInit {
  protected readonly store = inject(AdminStore);
  private readonly session = inject(SessionStore);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly numberFields = ['freeAttempts', 'lockAfter', 'lockMinutes', 'ipLockAfter'] as const;
  private readonly notifier = inject(Notifier);
  /** The first load; "Saved." belongs to a save, never to it. */
  protected readonly page = new LoadState();
  protected readonly stepUp = new StepUpGate(this.session);
  private readonly runner = new ActionRunner({ stepUp: this.stepUp });
  protected readonly problem = this.runner.problem;
  protected readonly settingsForm = this.fb.group({
    selfSignUp: [false],
    freeAttempts: [3, Validators.required],
    lockAfter: [10, Validators.required],
    lockMinutes: [15, Validators.required],
    ipLockAfter: [50, Validators.required],
  });
  protected readonly providerForms = {
    google: this.providerForm(),
    microsoft: this.providerForm(),
  };

  ngOnInit(): void {
    void this.init();
  }

  private async init(): Promise<void> {
    await this.page.track(async () => {
      await this.store.loadSignIn();
      const settings = this.store.settings();
      if (settings) this.settingsForm.setValue(settings);
      for (const p of this.store.providers()) {
        this.providerForms[p.provider].setValue({
          enabled: p.enabled,
          issuer: p.issuer,
          clientId: p.clientId,
          clientSecret: '',
        });
      }
    });
  }

  protected saveSettings(): Promise<void> {
    return this.run(() => this.store.saveSettings(this.settingsForm.getRawValue()));
  }

  protected saveProvider(p: IdentityProviderSettings): Promise<void> {
    const form = this.providerForms[p.provider];
    const { clientSecret, ...rest } = form.getRawValue();
    return this.run(() => this.store.saveProvider(p.provider, clientSecret ? { ...rest, clientSecret } : rest), form);
  }

  /** The translated reason the server refused a provider's issuer (not https, not a public host, not found). */
  protected issuerError(provider: IdentityProviderName): string | null {
    if (this.providerForms[provider].controls.issuer.errors?.['server'] === undefined) return null;
    const code = this.problem()?.errors?.find((e) => e.field === 'issuer')?.code;
    return code && ISSUER_ERRORS.includes(code) ? `admin.signIn.issuerErrors.${code}` : null;
  }

  private providerForm() {
    return this.fb.group({
      enabled: [false],
      issuer: ['', Validators.required],
      clientId: ['', Validators.required],
      clientSecret: [''],
    });
  }

  /** Runs `work` (again after a step-up); the server's field errors show on `form`. */
  private async run(work: () => Promise<void>, form: AbstractControl = this.settingsForm): Promise<void> {
    await this.runner.run(
      async () => {
        await work();
        this.notifier.success('admin.signIn.saved');
      },
      { form },
    );
  }
}
