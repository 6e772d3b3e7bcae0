import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AgeConfirmation, AgeRequirement } from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  AuthLinksStore,
  SessionStore,
  TenantStore,
  controlMessage,
  fieldError,
} from '@mijn-account/web-core';
import { ProblemAlertComponent } from '@mijn-account/web-ui';
import { AgeQuestionComponent } from './age-question.component';
import { CARD_PAGE_STYLES } from './page-styles';

/**
 * Self sign-up (where the tenant allows it): nothing exists until the e-mail link is used. On a
 * portal that opens accounts by invitation only, the page says so and what to do instead of
 * showing a form that would be refused.
 */
@Component({
  selector: 'ma-sign-up-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    AgeQuestionComponent,
    ProblemAlertComponent,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [CARD_PAGE_STYLES],
  template: `
    <mat-card appearance="outlined">
      <h1>{{ 'signUp.title' | transloco: { tenant: tenant.displayName() } }}</h1>
      @if (open() === null) {
        <ma-problem-alert [problem]="loadProblem.problem()" />
        @if (loadProblem.problem()) {
          <button mat-stroked-button type="button" (click)="load()">{{ 'signUp.retry' | transloco }}</button>
        } @else {
          <p class="note" role="status" aria-busy="true">{{ 'signUp.loading' | transloco }}</p>
        }
      } @else if (!open()) {
        <div data-testid="sign-up-closed">
          <p class="note">
            <strong>{{ 'signUp.closed.title' | transloco: { tenant: tenant.displayName() } }}</strong>
          </p>
          <p class="note">{{ 'signUp.closed.invited' | transloco }}</p>
          <p class="note">{{ 'signUp.closed.ask' | transloco: { tenant: tenant.displayName() } }}</p>
        </div>
      } @else if (sent()) {
        <p class="note" role="status" data-testid="sign-up-sent">{{ 'signUp.sent' | transloco }}</p>
      } @else {
        <ma-problem-alert [problem]="problem()" />
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signUp.displayName' | transloco }}</mat-label>
            <input matInput formControlName="displayName" autocomplete="name" required />
            <mat-error>{{ controlMessage(form.controls.displayName.errors) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signUp.accountName' | transloco }}</mat-label>
            <input matInput formControlName="accountName" autocomplete="organization" required />
            <mat-error>{{ controlMessage(form.controls.accountName.errors) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signIn.email' | transloco }}</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="email" required />
            <mat-error>{{ fieldError(problem(), 'email') ?? controlMessage(form.controls.email.errors) }}</mat-error>
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
            <mat-error>{{ controlMessage(form.controls.password.errors) }}</mat-error>
          </mat-form-field>
          @if (age(); as requirement) {
            <ma-age-question
              [requirement]="requirement"
              [control]="form.controls.ageConfirmation"
              [missing]="ageMissing()"
              [error]="fieldError(problem(), 'ageConfirmation')"
              testId="sign-up-age"
            />
          }
          <button mat-flat-button type="submit" [disabled]="busy()">{{ 'signUp.submit' | transloco }}</button>
        </form>
      }
      <div class="links">
        @if (open() === false) {
          <a routerLink="/sign-in">{{ 'links.toSignIn' | transloco }}</a>
        } @else {
          <a routerLink="/sign-in">{{ 'signUp.haveAccount' | transloco }}</a>
        }
      </div>
    </mat-card>
  `,
})
export class SignUpPageComponent implements OnInit {
  private readonly links = inject(AuthLinksStore);
  private readonly session = inject(SessionStore);
  protected readonly tenant = inject(TenantStore);
  private readonly runner = new ActionRunner();
  protected readonly loadProblem = new ActionRunner();
  protected readonly busy = this.runner.busy;
  /** Whether this portal lets anyone sign up; null until known. */
  protected readonly open = signal<boolean | null>(null);
  protected readonly sent = signal(false);
  protected readonly problem = this.runner.problem;
  protected readonly fieldError = fieldError;
  protected readonly controlMessage = controlMessage;
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', Validators.required],
    accountName: ['', Validators.required],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(10)]],
    ageConfirmation: [null as AgeConfirmation | null],
  });
  /** The age the tenant asks people to confirm; null when it asks none. */
  protected readonly age = signal<AgeRequirement | null>(null);
  protected readonly ageMissing = signal(false);

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    await this.loadProblem.run(async () => {
      const options = await this.session.options();
      this.age.set(options.ageRequirement ?? null);
      this.open.set(options.selfSignUp);
    });
  }

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    const { ageConfirmation, ...fields } = this.form.getRawValue();
    this.ageMissing.set(this.age() !== null && ageConfirmation === null);
    if (this.form.invalid || this.ageMissing()) return;
    await this.runner.run(async () => {
      await this.links.signUp({ ...fields, ...(ageConfirmation ? { ageConfirmation } : {}) });
      this.sent.set(true);
    });
  }
}
