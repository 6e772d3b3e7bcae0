import { ChangeDetectionStrategy, Component, type OnInit, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type IdentityProviderName,
  type RememberedSignInMethod,
  type SignInOptions,
  type SignInResponse,
  problemKey,
} from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  CookieConsentStore,
  ReturnToStore,
  SessionStore,
  TenantStore,
  EnumLabelPipe,
} from '@mijn-account/web-core';
import { ProblemAlertComponent } from '@mijn-account/web-ui';
import { CARD_PAGE_STYLES } from './page-styles';

/** Sign in: e-mail and password (then a code when two-factor is on), or Google / Microsoft 365. */
@Component({
  selector: 'ma-sign-in-page',
  imports: [
    EnumLabelPipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemAlertComponent,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: CARD_PAGE_STYLES,
  template: `
    <mat-card appearance="outlined">
      <h1>{{ 'signIn.title' | transloco: { tenant: tenant.displayName() } }}</h1>
      <ma-problem-alert [key]="message()" testId="sign-in-error" />
      @if (challengeToken(); as current) {
        <form [formGroup]="codeForm" (ngSubmit)="submitCode(current)" novalidate data-testid="second-factor-form">
          <p class="note">{{ 'signIn.codeIntro' | transloco }}</p>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signIn.code' | transloco }}</mat-label>
            <input matInput formControlName="code" autocomplete="one-time-code" inputmode="numeric" required />
            <mat-hint>{{ 'signIn.codeHint' | transloco }}</mat-hint>
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy()">{{ 'signIn.verify' | transloco }}</button>
        </form>
      } @else {
        @if (lastSignIn(); as method) {
          <!-- The optional cookie (issue 18 §7), read only with consent. -->
          <p class="note" data-testid="last-sign-in">{{ 'cookieConsent.lastSignIn.' + method | transloco }}</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signIn.email' | transloco }}</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="username" required />
            @if (form.controls.email.touched && form.controls.email.invalid) {
              <mat-error>{{ 'signIn.emailInvalid' | transloco }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signIn.password' | transloco }}</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="current-password" required />
            @if (form.controls.password.touched && form.controls.password.invalid) {
              <mat-error>{{ 'signIn.passwordRequired' | transloco }}</mat-error>
            }
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy()">{{ 'signIn.submit' | transloco }}</button>
        </form>
        @if (options()?.providers?.length) {
          <div class="providers">
            @for (provider of options()?.providers; track provider) {
              <a
                mat-stroked-button
                [href]="'/api/auth/' + provider + '/start'"
                (click)="consent.remember(provider)"
                [attr.data-testid]="'sign-in-' + provider"
              >
                {{ provider | maLabel: 'provider' }}
              </a>
            }
          </div>
        }
        <div class="links">
          <a routerLink="/password-reset">{{ 'signIn.forgot' | transloco }}</a>
          @if (options()?.selfSignUp) {
            <a routerLink="/sign-up" data-testid="sign-up-link">{{ 'signIn.signUp' | transloco }}</a>
          }
        </div>
      }
    </mat-card>
  `,
})
export class SignInPageComponent implements OnInit {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly returnTo = inject(ReturnToStore);
  protected readonly tenant = inject(TenantStore);
  /** `?error=` from a social sign-in that did not work out, `?challenge=` when it needs a code. */
  readonly error = input<string>();
  readonly challenge = input<string>();
  protected readonly options = signal<SignInOptions | null>(null);
  private readonly runner = new ActionRunner();
  protected readonly busy = this.runner.busy;
  protected readonly challengeToken = signal<string | null>(null);
  /** Translation key of the message shown above the form. */
  protected readonly message = signal<string | null>(null);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly codeForm = this.fb.group({ code: ['', Validators.required] });
  protected readonly consent = inject(CookieConsentStore);
  protected readonly lastSignIn = signal<RememberedSignInMethod | null>(null);

  ngOnInit(): void {
    void this.init();
  }

  private async init(): Promise<void> {
    const error = this.error();
    if (error && /^[a-z-]{1,30}$/.test(error)) this.message.set(`signIn.errors.${error}`);
    if (this.challenge()) this.challengeToken.set(this.challenge() ?? null);
    // The banner loads the consent too; read here as well so the note does not wait for it. The
    // ways to sign in never wait for the consent.
    await Promise.all([
      this.consent
        .load()
        .then(() => this.lastSignIn.set(this.consent.lastSignIn()))
        .catch(() => undefined),
      this.session
        .options()
        .catch(() => ({ selfSignUp: false, providers: [] as IdentityProviderName[] }))
        .then((options) => this.options.set(options)),
    ]);
  }

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    await this.run(async () => {
      const result = await this.session.signIn(this.form.getRawValue());
      this.consent.remember('password');
      return result;
    });
  }

  protected async submitCode(challenge: string): Promise<void> {
    if (this.codeForm.invalid) return;
    await this.run(() => this.session.secondFactor({ challenge, code: this.codeForm.getRawValue().code.trim() }));
  }

  /** Signs in; a refusal is said in sign-in's own words (which never tell whether the address exists). */
  private async run(call: () => Promise<SignInResponse>): Promise<void> {
    this.message.set(null);
    const problem = await this.runner.run(async () => {
      const result = await call();
      if (result.status === 'second-factor') {
        this.challengeToken.set(result.challenge);
        return;
      }
      // Back to the page asked for before signing in (a deep link, an expired session), else the home.
      await this.router.navigateByUrl(this.returnTo.take());
    });
    if (!problem) return;
    // 410 during the code step: the challenge has had its attempts (or its time); start again with the password.
    const gone = this.challengeToken() ? 'signIn.codeAttemptsUsed' : problemKey(problem);
    this.message.set(
      problem.status === 401
        ? this.challengeToken()
          ? 'signIn.wrongCode'
          : 'signIn.failed'
        : problem.status === 429
          ? 'problems.too-many-attempts'
          : problem.status === 410
            ? gone
            : 'signIn.unavailable',
    );
    if (problem.status === 410 || problem.status === 400) this.challengeToken.set(null);
  }
}
