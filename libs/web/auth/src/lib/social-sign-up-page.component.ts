import { ChangeDetectionStrategy, Component, type OnInit, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AgeConfirmation, AgeRequirement } from '@mijn-account/shared-contracts';
import { ActionRunner, SessionStore, TenantStore, fieldError } from '@mijn-account/web-core';
import { ProblemAlertComponent } from '@mijn-account/web-ui';
import { AgeQuestionComponent } from './age-question.component';
import { CARD_PAGE_STYLES } from './page-styles';

/**
 * The age question of a Google or Microsoft sign-up (issue 18 §1). The provider has answered and
 * the portal holds the sign-up; the link's token names it. Nothing exists until the person answers
 * with a choice the tenant accepts: the sentence chosen is the one the consent ledger records.
 */
@Component({
  selector: 'ma-social-sign-up-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    AgeQuestionComponent,
    ProblemAlertComponent,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [CARD_PAGE_STYLES],
  template: `
    <mat-card appearance="outlined">
      <h1>{{ 'socialSignUp.title' | transloco: { tenant: tenant.displayName() } }}</h1>
      @if (sent()) {
        <p class="note" role="status" data-testid="social-sign-up-sent">{{ 'signUp.sent' | transloco }}</p>
      } @else if (loaded()) {
        <ma-problem-alert [problem]="problem()" testId="social-sign-up-error" />
        <p class="note">{{ 'socialSignUp.intro' | transloco: { provider: providerName() } }}</p>
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          @if (age(); as requirement) {
            <ma-age-question
              [requirement]="requirement"
              [control]="form.controls.ageConfirmation"
              [missing]="ageMissing()"
              [error]="fieldError(problem(), 'ageConfirmation')"
              testId="social-sign-up-age"
            />
          }
          <button mat-flat-button type="submit" [disabled]="busy()">{{ 'signUp.submit' | transloco }}</button>
        </form>
      } @else {
        <ma-problem-alert [problem]="loadProblem.problem()" />
        @if (loadProblem.problem()) {
          <button mat-stroked-button type="button" (click)="load()">{{ 'signUp.retry' | transloco }}</button>
        } @else {
          <p class="note" role="status" aria-busy="true">{{ 'signUp.loading' | transloco }}</p>
        }
      }
      <div class="links"><a routerLink="/sign-in">{{ 'links.toSignIn' | transloco }}</a></div>
    </mat-card>
  `,
})
export class SocialSignUpPageComponent implements OnInit {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  protected readonly tenant = inject(TenantStore);
  readonly token = input<string>('');
  readonly provider = input<string>('');
  private readonly runner = new ActionRunner();
  protected readonly loadProblem = new ActionRunner();
  protected readonly busy = this.runner.busy;
  protected readonly problem = this.runner.problem;
  protected readonly fieldError = fieldError;
  protected readonly sent = signal(false);
  protected readonly loaded = signal(false);
  protected readonly age = signal<AgeRequirement | null>(null);
  protected readonly ageMissing = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    ageConfirmation: [null as AgeConfirmation | null],
  });

  protected providerName(): string {
    return this.provider() === 'microsoft' ? 'Microsoft 365' : 'Google';
  }

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    await this.loadProblem.run(async () => {
      const options = await this.session.options();
      // A tenant that stopped asking since the provider's answer: the step only finishes the sign-up.
      this.age.set(options.ageRequirement ?? null);
      this.loaded.set(true);
    });
  }

  protected async submit(): Promise<void> {
    const { ageConfirmation } = this.form.getRawValue();
    this.ageMissing.set(this.age() !== null && ageConfirmation === null);
    if (this.ageMissing()) return;
    await this.runner.run(async () => {
      const result = await this.session.socialSignUp({
        token: this.token(),
        ...(ageConfirmation ? { ageConfirmation } : {}),
      });
      if (result.status === 'verify-email') {
        this.sent.set(true);
        return;
      }
      await this.router.navigateByUrl(
        result.status === 'second-factor' ? `/sign-in?challenge=${result.challenge}` : '/account',
      );
    });
  }
}
