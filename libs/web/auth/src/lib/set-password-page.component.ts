import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { ActionRunner, AuthLinksStore, SessionStore, fieldError } from '@mijn-account/web-core';
import { ProblemAlertComponent } from '@mijn-account/web-ui';
import { CARD_PAGE_STYLES } from './page-styles';

export type PasswordMode = 'reset' | 'link';

/**
 * The pages that ask for a password with a token from a link: forgotten password (first the
 * address, then from the mailed link a new password), and linking a Google or Microsoft identity
 * to the existing account with the same address. An invitation has its own page (invitation-page).
 */
@Component({
  selector: 'ma-set-password-page',
  imports: [
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
      <h1>{{ 'password.' + mode + '.title' | transloco: { provider: providerName() } }}</h1>
      @if (done(); as key) {
        <p class="note" role="status" data-testid="password-done">{{ key | transloco }}</p>
      } @else {
        <ma-problem-alert [problem]="problem()" testId="password-error" />
        <p class="note">{{ 'password.' + mode + '.intro' | transloco: { provider: providerName() } }}</p>
        @if (mode === 'reset' && !token()) {
          <form [formGroup]="emailForm" (ngSubmit)="requestReset()" novalidate>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'signIn.email' | transloco }}</mat-label>
              <input matInput type="email" formControlName="email" autocomplete="email" required />
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy()">{{ 'password.reset.send' | transloco }}</button>
          </form>
        } @else {
          <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
            <mat-form-field appearance="outline">
              <mat-label>{{ (mode === 'link' ? 'signIn.password' : 'password.new') | transloco }}</mat-label>
              <input matInput type="password" formControlName="password" [attr.autocomplete]="mode === 'link' ? 'current-password' : 'new-password'" required />
              @if (mode !== 'link') {
                <mat-hint>{{ 'signUp.passwordHint' | transloco }}</mat-hint>
              }
              @if (fieldError(problem(), 'password'); as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy()">{{ 'password.' + mode + '.submit' | transloco }}</button>
          </form>
        }
      }
      <div class="links"><a routerLink="/sign-in">{{ 'links.toSignIn' | transloco }}</a></div>
    </mat-card>
  `,
})
export class SetPasswordPageComponent {
  private readonly links = inject(AuthLinksStore);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  readonly token = input<string>('');
  readonly provider = input<string>('');
  protected readonly mode = inject(ActivatedRoute).snapshot.data['mode'] as PasswordMode;
  private readonly runner = new ActionRunner();
  protected readonly busy = this.runner.busy;
  protected readonly done = signal<string | null>(null);
  protected readonly problem = this.runner.problem;
  protected readonly fieldError = fieldError;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly emailForm = this.fb.group({ email: ['', [Validators.required, Validators.email]] });
  protected readonly form = this.fb.group({ password: ['', Validators.required] });

  protected providerName(): string {
    return this.provider() === 'microsoft' ? 'Microsoft 365' : this.provider() === 'google' ? 'Google' : '';
  }

  protected async requestReset(): Promise<void> {
    this.emailForm.markAllAsTouched();
    if (this.emailForm.invalid) return;
    await this.runner.run(async () => {
      await this.links.requestPasswordReset(this.emailForm.getRawValue().email);
      this.done.set('password.reset.sent');
    });
  }

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const { password } = this.form.getRawValue();
    const token = this.token();
    await this.runner.run(async () => {
      if (this.mode === 'link') {
        const result = await this.session.linkIdentity({ token, password });
        await this.router.navigateByUrl(
          result.status === 'second-factor' ? `/sign-in?challenge=${result.challenge}` : '/account',
        );
        return;
      }
      await this.links.resetPassword(token, password);
      this.done.set('password.reset.done');
    });
  }
}
