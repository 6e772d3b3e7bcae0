import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore, TenantStore, problemOf } from '@mijn-account/web-core';

@Component({
  selector: 'ma-sign-in-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: flex; justify-content: center; padding: 2rem 1rem; }
    mat-card { width: min(28rem, 100%); padding: 1rem; }
    form { display: flex; flex-direction: column; gap: 0.5rem; }
    .error { color: #b00020; margin: 0 0 1rem; }
  `,
  template: `
    <mat-card appearance="outlined">
      <h1>{{ 'signIn.title' | transloco: { tenant: tenant.displayName() } }}</h1>
      @if (error(); as key) {
        <p class="error" role="alert" data-testid="sign-in-error">{{ key | transloco }}</p>
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
    </mat-card>
  `,
})
export class SignInPageComponent {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  protected readonly tenant = inject(TenantStore);
  protected readonly busy = signal(false);
  /** Translation key of the message shown above the form. */
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.session.signIn(this.form.getRawValue());
      await this.router.navigateByUrl('/account');
    } catch (error) {
      this.error.set(problemOf(error).status === 401 ? 'signIn.failed' : 'signIn.unavailable');
    } finally {
      this.busy.set(false);
    }
  }
}
