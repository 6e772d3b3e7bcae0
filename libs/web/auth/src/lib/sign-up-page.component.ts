import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { ActionRunner, AuthLinksStore, TenantStore, fieldError } from '@mijn-account/web-core';
import { ProblemAlertComponent } from '@mijn-account/web-ui';
import { CARD_PAGE_STYLES } from './page-styles';

/** Self sign-up (where the tenant allows it): nothing exists until the e-mail link is used. */
@Component({
  selector: 'ma-sign-up-page',
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
      <h1>{{ 'signUp.title' | transloco: { tenant: tenant.displayName() } }}</h1>
      @if (sent()) {
        <p class="note" role="status" data-testid="sign-up-sent">{{ 'signUp.sent' | transloco }}</p>
      } @else {
        <ma-problem-alert [problem]="problem()" />
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signUp.displayName' | transloco }}</mat-label>
            <input matInput formControlName="displayName" autocomplete="name" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signUp.accountName' | transloco }}</mat-label>
            <input matInput formControlName="accountName" autocomplete="organization" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signIn.email' | transloco }}</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="email" required />
            @if (fieldError(problem(), 'email'); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signUp.password' | transloco }}</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              autocomplete="new-password"
              required
              minlength="10"
            />
            <mat-hint>{{ 'signUp.passwordHint' | transloco }}</mat-hint>
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy()">{{ 'signUp.submit' | transloco }}</button>
        </form>
      }
      <div class="links">
        <a routerLink="/sign-in">{{ 'signUp.haveAccount' | transloco }}</a>
      </div>
    </mat-card>
  `,
})
export class SignUpPageComponent {
  private readonly links = inject(AuthLinksStore);
  protected readonly tenant = inject(TenantStore);
  private readonly runner = new ActionRunner();
  protected readonly busy = this.runner.busy;
  protected readonly sent = signal(false);
  protected readonly problem = this.runner.problem;
  protected readonly fieldError = fieldError;
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', Validators.required],
    accountName: ['', Validators.required],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(10)]],
  });

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    await this.runner.run(async () => {
      await this.links.signUp(this.form.getRawValue());
      this.sent.set(true);
    });
  }
}
