import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, signal } from '@angular/core';
import {
  type AbstractControl,
  type FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type IdentityProviderName,
  PROBLEM_TYPES,
  SECOND_FACTOR_CODE_PATTERN,
  type TwoFactorSetup,
} from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  LoadState,
  SecurityStore,
  SessionStore,
  StepUpGate,
  TenantStore,
  LocaleDatePipe,
  EnumLabelPipe,
  controlMessage,
} from '@mijn-account/web-core';
import {
  EmptyStateComponent,
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  STACKED_TABLE_STYLES,
  RecoveryCodeActionsComponent,
  SkeletonComponent,
  StepUpPromptComponent,
  ScrollRegionComponent,
  EmailAddressComponent,
} from '@mijn-account/web-ui';

/**
 * The user's security page: active sessions (sign out one or all others), sign-in history,
 * password, e-mail address, two-factor with recovery codes, and linked Google / Microsoft sign-ins.
 * Sensitive actions ask for the password or a code again when the last one is a few minutes old.
 */
@Component({
  selector: 'ma-security-page',
  imports: [
    EmailAddressComponent,
    ScrollRegionComponent,
    LocaleDatePipe,
    EnumLabelPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemAlertComponent,
    StepUpPromptComponent,
    RecoveryCodeActionsComponent,
    SkeletonComponent,
    LoadFailedComponent,
    EmptyStateComponent,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    STACKED_TABLE_STYLES,
    `
      :host {
        max-width: 60rem;
      }
      .codes {
        font-family: monospace;
        columns: 2;
      }
      .secret {
        font-family: monospace;
        word-break: break-all;
      }
    `,
  ],
  template: `
    <h1>{{ 'security.title' | transloco }}</h1>
    @if (notice(); as key) {
      <p class="status" data-testid="security-notice">{{ key | transloco }}</p>
    }
    <ma-problem-alert [problem]="problem()" testId="security-error" />

    @if (stepUp.waiting()) {
      <ma-step-up-prompt
        [kind]="overview()?.twoFactor?.enabled ? 'secret' : 'password'"
        [wrong]="stepUp.wrong()"
        (confirmed)="confirmStepUp($event)"
        (cancelled)="stepUp.cancel()"
      />
    }

    @if (page.loading()) {
      <mat-card appearance="outlined"><ma-skeleton [lines]="4" testId="security-loading" /></mat-card>
    } @else if (page.failed()) {
      <mat-card appearance="outlined">
        <ma-load-failed message="states.security.failed" testId="security-failed" (retry)="page.retry()" />
      </mat-card>
    }

    <mat-card appearance="outlined">
      <h2>{{ 'security.sessions.title' | transloco }}</h2>
      <!-- Below 600 px each session is a card of label–value lines (STACKED_TABLE_STYLES). -->
      <ma-scroll-region [label]="'security.sessions.title' | transloco">
        <table class="stacked" data-testid="sessions">
          <thead>
            <tr>
              <th scope="col">{{ 'security.sessions.device' | transloco }}</th>
              <th scope="col">{{ 'security.sessions.ip' | transloco }}</th>
              <th scope="col">{{ 'security.sessions.started' | transloco }}</th>
              <th scope="col">{{ 'security.sessions.lastSeen' | transloco }}</th>
              <th scope="col">
                <span class="cdk-visually-hidden">{{ 'security.sessions.actions' | transloco }}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            @for (s of sessions(); track s.id) {
              <tr data-testid="session-row">
                <td>{{ s.device }} ({{ s.method | maLabel: 'signInMethod' }})</td>
                <td [attr.data-label]="'security.sessions.ip' | transloco"><span class="nowrap">{{ s.ip }}</span></td>
                <td [attr.data-label]="'security.sessions.started' | transloco">{{ s.startedAt | maDate }}</td>
                <td [attr.data-label]="'security.sessions.lastSeen' | transloco">{{ s.lastSeenAt | maDate }}</td>
                <td>
                  @if (s.current) {
                    <strong>{{ 'security.sessions.current' | transloco }}</strong>
                  } @else {
                    <button
                      mat-button
                      type="button"
                      (click)="act(() => store.endSession(s.id), 'security.sessions.ended')"
                      data-testid="end-session"
                    >
                      {{ 'security.sessions.end' | transloco }}
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </ma-scroll-region>
      <button
        mat-stroked-button
        type="button"
        (click)="act(() => store.endOtherSessions(), 'security.sessions.endedOthers')"
      >
        {{ 'security.sessions.endOthers' | transloco }}
      </button>
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'security.twoFactor.title' | transloco }}</h2>
      @if (overview(); as o) {
        @if (recoveryCodes(); as codes) {
          <p>{{ 'security.twoFactor.saveCodes' | transloco }}</p>
          <ul class="codes" data-testid="recovery-codes">
            @for (code of codes; track code) {
              <li>{{ code }}</li>
            }
          </ul>
          <ma-recovery-code-actions
            [codes]="codes"
            [portal]="tenant.displayName()"
            [email]="session.me()?.user?.email ?? ''"
          />
          <button mat-stroked-button type="button" (click)="recoveryCodes.set(null)">
            {{ 'security.twoFactor.codesSaved' | transloco }}
          </button>
        } @else if (o.twoFactor.enabled) {
          <p data-testid="two-factor-on">
            {{ 'security.twoFactor.on' | transloco: { left: o.twoFactor.recoveryCodesLeft } }}
          </p>
          <button mat-stroked-button type="button" (click)="act(newCodes)">
            {{ 'security.twoFactor.newCodes' | transloco }}
          </button>
          @if (!o.twoFactor.required) {
            <button
              mat-button
              type="button"
              (click)="act(() => store.disableTwoFactor(), 'security.twoFactor.disabled')"
            >
              {{ 'security.twoFactor.disable' | transloco }}
            </button>
          }
        } @else if (setup(); as s) {
          <p>{{ 'security.twoFactor.scan' | transloco }}</p>
          <img [src]="s.qrDataUrl" [alt]="'security.twoFactor.qrAlt' | transloco" width="200" height="200" />
          <p>
            {{ 'security.twoFactor.orKey' | transloco }}
            <span class="secret" data-testid="totp-secret">{{ s.secret }}</span>
          </p>
          <form class="row" [formGroup]="codeForm" (ngSubmit)="enable()" novalidate>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'signIn.code' | transloco }}</mat-label>
              <input matInput formControlName="code" autocomplete="one-time-code" inputmode="numeric" required />
            </mat-form-field>
            <button mat-flat-button type="submit">{{ 'security.twoFactor.confirm' | transloco }}</button>
          </form>
        } @else {
          <p>{{ (o.twoFactor.required ? 'security.twoFactor.required' : 'security.twoFactor.off') | transloco }}</p>
          <button mat-flat-button type="button" (click)="act(startSetup)" data-testid="two-factor-setup">
            {{ 'security.twoFactor.setUp' | transloco }}
          </button>
        }
      }
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'security.password.title' | transloco }}</h2>
      <form
        class="row"
        [formGroup]="passwordForm"
        #passwordFormDirective="ngForm"
        (ngSubmit)="changePassword(passwordFormDirective)"
        novalidate
      >
        <mat-form-field appearance="outline">
          <mat-label>{{ 'password.new' | transloco }}</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" required />
          <mat-hint>{{ 'signUp.passwordHint' | transloco }}</mat-hint>
          <!-- Says why, not only red: too short here, or the server's reason (a known-breached password …).
               A direct child: inside nested @if blocks Angular projected it into the input's box, shown untouched. -->
          <mat-error>{{ controlMessage(passwordForm.controls.password.errors) }}</mat-error>
        </mat-form-field>
        <button mat-flat-button type="submit">{{ 'security.password.submit' | transloco }}</button>
      </form>
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'security.email.title' | transloco }}</h2>
      @if (overview()?.email; as email) {
        <p>{{ 'security.email.current' | transloco }} <ma-email [address]="email" /></p>
      }
      <form class="row" [formGroup]="emailForm" (ngSubmit)="changeEmail()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'security.email.new' | transloco }}</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="email" required />
          <mat-error>{{ controlMessage(emailForm.controls.email.errors) }}</mat-error>
        </mat-form-field>
        <button mat-flat-button type="submit">{{ 'security.email.submit' | transloco }}</button>
      </form>
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'security.identities.title' | transloco }}</h2>
      <ul>
        @if (overview()?.hasPassword) {
          <li>{{ 'security.identities.password' | transloco }}</li>
        }
        @for (i of overview()?.identities; track i.provider) {
          <li>
            {{ i.provider | maLabel: 'provider' }}
            @if (i.email) {
              (<ma-email [address]="i.email" />)
            }
            <button
              mat-button
              type="button"
              (click)="act(() => store.unlink(i.provider), 'security.identities.unlinked')"
            >
              {{ 'security.identities.unlink' | transloco }}
            </button>
          </li>
        }
      </ul>
      @for (p of unlinkedProviders(); track p) {
        <button mat-stroked-button type="button" (click)="act(() => store.link(p))">
          {{ 'security.identities.link.' + p | transloco }}
        </button>
      }
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'security.history.title' | transloco }}</h2>
      @if (page.loaded() && signIns().length === 0) {
        <ma-empty-state
          icon="history"
          title="states.security.noSignIns"
          text="states.security.noSignInsNext"
          testId="sign-in-history-empty"
        />
      }
      <ma-scroll-region [label]="'security.history.title' | transloco">
        <table class="stacked" data-testid="sign-in-history">
          <thead>
            <tr>
              <th scope="col">{{ 'security.history.when' | transloco }}</th>
              <th scope="col">{{ 'security.history.outcome' | transloco }}</th>
              <th scope="col">{{ 'security.sessions.device' | transloco }}</th>
              <th scope="col">{{ 'security.sessions.ip' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (e of signIns(); track $index) {
              <tr>
                <td>{{ e.at | maDate }}</td>
                <td [attr.data-label]="'security.history.outcome' | transloco">
                  {{ e.outcome | maLabel: 'signInOutcome' }}
                  @if (e.newDevice) {
                    · {{ 'security.history.newDevice' | transloco }}
                  }
                </td>
                <td [attr.data-label]="'security.sessions.device' | transloco">{{ e.device }}</td>
                <td [attr.data-label]="'security.sessions.ip' | transloco"><span class="nowrap">{{ e.ip }}</span></td>
              </tr>
            }
          </tbody>
        </table>
      </ma-scroll-region>
    </mat-card>
  `,
})
export class SecurityPageComponent implements OnInit {
  protected readonly store = inject(SecurityStore);
  protected readonly session = inject(SessionStore);
  protected readonly tenant = inject(TenantStore);
  /** `?linked=google`, or `?error=identity-in-use` / `identity-already-linked`, after linking a provider. */
  readonly linked = input<string>();
  readonly error = input<string>();
  protected readonly notice = signal<string | null>(null);
  private readonly notifier = inject(Notifier);
  /** The page's data (overview, sessions, sign-ins): a sketch while it loads, a retry when it failed. */
  protected readonly page = new LoadState();
  /**
   * What the page shows comes from its own load: the store is shared (the home reads the overview), and
   * a list fetched there before another device signed in must not be shown, or acted on, here.
   */
  protected readonly overview = computed(() => (this.page.loaded() ? this.store.overview() : null));
  protected readonly sessions = computed(() => (this.page.loaded() ? this.store.sessions() : []));
  protected readonly signIns = computed(() => (this.page.loaded() ? this.store.signIns() : []));
  protected readonly stepUp = new StepUpGate(this.session);
  private readonly runner = new ActionRunner({ stepUp: this.stepUp });
  protected readonly problem = this.runner.problem;
  protected readonly setup = signal<TwoFactorSetup | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly codeForm = this.fb.group({ code: ['', Validators.required] });
  protected readonly passwordForm = this.fb.group({ password: ['', [Validators.required, Validators.minLength(10)]] });
  protected readonly controlMessage = controlMessage;
  protected readonly emailForm = this.fb.group({ email: ['', [Validators.required, Validators.email]] });

  ngOnInit(): void {
    void this.init();
  }

  private async init(): Promise<void> {
    if (this.linked()) this.notice.set('security.identities.linked');
    const error = this.error();
    if (error === 'identity-in-use') this.problem.set({ type: PROBLEM_TYPES.identityInUse, title: '', status: 409 });
    if (error === 'identity-already-linked')
      this.problem.set({ type: PROBLEM_TYPES.identityAlreadyLinked, title: '', status: 409 });
    await this.page.track(() => this.store.load());
  }

  protected unlinkedProviders(): IdentityProviderName[] {
    const overview = this.overview();
    if (!overview) return [];
    return overview.availableProviders.filter((p) => !overview.identities.some((i) => i.provider === p));
  }

  protected readonly startSetup = async () => this.setup.set(await this.store.setupTwoFactor());
  protected readonly newCodes = async () => this.recoveryCodes.set(await this.store.newRecoveryCodes());

  protected async enable(): Promise<void> {
    if (this.codeForm.invalid) return;
    await this.act(async () => {
      this.recoveryCodes.set(await this.store.enableTwoFactor(this.codeForm.getRawValue().code.trim()));
      this.setup.set(null);
      this.codeForm.reset();
    }, 'security.twoFactor.enabled');
  }

  /** After a change the form starts afresh, not submitted (so not all red); the server's reason shows at the field. */
  protected async changePassword(formDirective: FormGroupDirective): Promise<void> {
    this.passwordForm.markAllAsTouched();
    if (this.passwordForm.invalid) return;
    await this.act(
      async () => {
        await this.store.changePassword(this.passwordForm.getRawValue().password);
        formDirective.resetForm();
      },
      'security.password.changed',
      this.passwordForm,
    );
  }

  protected async changeEmail(): Promise<void> {
    this.emailForm.markAllAsTouched();
    if (this.emailForm.invalid) return;
    await this.act(
      () => this.store.changeEmail(this.emailForm.getRawValue().email),
      'security.email.sent',
      this.emailForm,
    );
  }

  /** Runs an action; when the server asks for a fresh password or code, asks for it and runs it again. */
  protected async act(action: () => Promise<unknown>, done?: string, form?: AbstractControl): Promise<void> {
    await this.runner.run(
      async () => {
        this.notice.set(null);
        await action();
        if (done) {
          this.notice.set(done);
          this.notifier.success(done);
        }
      },
      { form },
    );
  }

  /** With two-factor on, a 6-digit or recovery code counts as a code; anything else as the password. */
  protected confirmStepUp(secret: string): Promise<void> {
    const isCode = this.store.overview()?.twoFactor.enabled && SECOND_FACTOR_CODE_PATTERN.test(secret);
    return this.stepUp.confirm(isCode ? { code: secret } : { password: secret });
  }
}
