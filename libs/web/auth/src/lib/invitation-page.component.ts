import { ChangeDetectionStrategy, Component, type OnInit, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { InvitationPreview } from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  AuthLinksStore,
  EnumLabelPipe,
  HOME_PATH,
  SessionStore,
  TenantStore,
  fieldError,
} from '@mijn-account/web-core';
import { ProblemAlertComponent } from '@mijn-account/web-ui';
import { CARD_PAGE_STYLES } from './page-styles';

/**
 * The page an invitation mail links to: who invited you, to which account and as what (or to the
 * tenant's staff, with which roles), then one password, after which you are signed in. The link is
 * read without being used up; choosing the password uses it (once).
 */
@Component({
  selector: 'ma-invitation-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemAlertComponent,
    EnumLabelPipe,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: CARD_PAGE_STYLES,
  template: `
    <mat-card appearance="outlined">
      <h1>{{ 'password.invitation.title' | transloco }}</h1>
      <ma-problem-alert [problem]="problem()" testId="invitation-error" />
      @if (invitation(); as i) {
        <p class="note" data-testid="invitation-who">
          @if (i.accountName !== null) {
            {{
              'password.invitation.toAccount'
                | transloco
                  : {
                      inviter: i.invitedBy ?? ('password.invitation.someone' | transloco),
                      account: i.accountName,
                      role: i.accountRole | maLabel: 'role',
                    }
            }}
          } @else {
            {{
              'password.invitation.toStaff'
                | transloco
                  : {
                      inviter: i.invitedBy ?? ('password.invitation.someone' | transloco),
                      tenant: tenant.displayName(),
                      roles: i.staffRoles | maLabel: 'role',
                    }
            }}
          }
        </p>
        <p class="note" data-testid="invitation-for">
          {{ 'password.invitation.for' | transloco: { name: i.displayName, email: i.email } }}
        </p>
        <p class="note">{{ 'password.invitation.intro' | transloco }}</p>
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'password.new' | transloco }}</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="new-password" required />
            <mat-hint>{{ 'signUp.passwordHint' | transloco }}</mat-hint>
            @if (fieldError(problem(), 'password'); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ 'password.invitation.submit' | transloco }}
          </button>
        </form>
      } @else if (loading()) {
        <p class="note" role="status">{{ 'password.invitation.reading' | transloco }}</p>
      }
      <div class="links">
        <a routerLink="/sign-in">{{ 'links.toSignIn' | transloco }}</a>
      </div>
    </mat-card>
  `,
})
export class InvitationPageComponent implements OnInit {
  private readonly links = inject(AuthLinksStore);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  protected readonly tenant = inject(TenantStore);
  readonly token = input<string>('');
  private readonly runner = new ActionRunner();
  protected readonly busy = this.runner.busy;
  protected readonly problem = this.runner.problem;
  protected readonly fieldError = fieldError;
  protected readonly loading = signal(true);
  protected readonly invitation = signal<InvitationPreview | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({ password: ['', Validators.required] });

  ngOnInit(): void {
    void this.runner
      .run(async () => this.invitation.set(await this.links.previewInvitation(this.token())))
      .finally(() => this.loading.set(false));
  }

  /** Accepting signs in (the API starts the session): on to the home of the new account. */
  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    await this.runner.run(
      async () => {
        await this.links.acceptInvitation(this.token(), this.form.getRawValue().password);
        await this.session.started();
        await this.router.navigateByUrl(HOME_PATH);
      },
      { form: this.form },
    );
  }
}
