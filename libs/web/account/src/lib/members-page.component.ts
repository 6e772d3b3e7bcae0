import { ChangeDetectionStrategy, Component, type OnInit, inject } from '@angular/core';
import { type FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { ACCOUNT_ROLES, type AccountMember } from '@mijn-account/shared-contracts';
import { ActionRunner, EnumLabelPipe, LoadState, MembersStore } from '@mijn-account/web-core';
import {
  ConfirmDialog,
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  STACKED_TABLE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
  EmailAddressComponent,
} from '@mijn-account/web-ui';

/** The owner's people: who is in the account, invite someone, remove someone (never the last owner). */
@Component({
  selector: 'ma-members-page',
  imports: [
    EmailAddressComponent,
    EnumLabelPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ProblemAlertComponent,
    SkeletonComponent,
    LoadFailedComponent,
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
    `,
  ],
  template: `
    <h1>{{ 'members.title' | transloco }}</h1>
    <ma-problem-alert [problem]="problem()" />
    <mat-card appearance="outlined">
      @if (list.loading()) {
        <ma-skeleton [lines]="3" />
      } @else if (list.failed()) {
        <ma-load-failed message="states.members.failed" testId="members-failed" (retry)="list.retry()" />
      } @else {
      <!-- Below 600 px each person is a card of label–value lines (STACKED_TABLE_STYLES). -->
      <table class="stacked" data-testid="members">
        <thead>
          <tr>
            <th scope="col">{{ 'account.name' | transloco }}</th>
            <th scope="col">{{ 'account.email' | transloco }}</th>
            <th scope="col">{{ 'account.role' | transloco }}</th>
            <th scope="col">{{ 'members.status' | transloco }}</th>
            <th scope="col">
              <span class="cdk-visually-hidden">{{ 'security.sessions.actions' | transloco }}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          @for (m of store.members(); track m.id) {
            <tr>
              <td>{{ m.displayName }}</td>
              <td [attr.data-label]="'account.email' | transloco"><ma-email [address]="m.email" /></td>
              <td [attr.data-label]="'account.role' | transloco">{{ m.role | maLabel: 'role' }}</td>
              <td [attr.data-label]="'members.status' | transloco">{{ m.status | maLabel: 'personStatus' }}</td>
              <td>
                <button mat-button type="button" (click)="remove(m)">{{ 'members.remove' | transloco }}</button>
              </td>
            </tr>
          }
        </tbody>
      </table>
      }
    </mat-card>
    <mat-card appearance="outlined">
      <h2>{{ 'members.invite' | transloco }}</h2>
      <form class="row" [formGroup]="form" #inviteForm="ngForm" (ngSubmit)="invite(inviteForm)" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'account.name' | transloco }}</mat-label>
          <input matInput formControlName="displayName" required />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'account.email' | transloco }}</mat-label>
          <input matInput type="email" formControlName="email" required />
          @if (form.controls.email.errors?.['server']; as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'account.role' | transloco }}</mat-label>
          <mat-select formControlName="role">
            @for (role of roles; track role) {
              <mat-option [value]="role">{{ role | maLabel: 'role' }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <button mat-flat-button type="submit">{{ 'members.send' | transloco }}</button>
      </form>
    </mat-card>
  `,
})
export class MembersPageComponent implements OnInit {
  protected readonly store = inject(MembersStore);
  private readonly notifier = inject(Notifier);
  /** The list as loaded: a list that did not load says so (never an account of nobody). */
  protected readonly list = new LoadState();
  private readonly confirmation = inject(ConfirmDialog);
  protected readonly roles = ACCOUNT_ROLES;
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', Validators.required],
    email: ['', [Validators.required, Validators.email]],
    role: ['member' as (typeof ACCOUNT_ROLES)[number], Validators.required],
  });

  /** A refused invitation shows its field errors at the fields of the invite form. */
  private readonly runner = new ActionRunner({ form: this.form });
  protected readonly problem = this.runner.problem;

  ngOnInit(): void {
    void this.init();
  }

  private async init(): Promise<void> {
    await this.list.track(() => this.store.load());
  }

  /** After a sent invitation the form starts afresh (not submitted, so no field shows as wrong). */
  protected async invite(inviteForm: FormGroupDirective): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    await this.runner.run(async () => {
      const invitation = this.form.getRawValue();
      await this.store.invite(invitation);
      inviteForm.resetForm();
      this.notifier.success('notices.members.invited', { email: invitation.email });
    });
  }

  /** Removing someone ends their sessions at once: asked first, naming them. */
  protected async remove(member: AccountMember): Promise<void> {
    const sure = await this.confirmation.confirm({
      title: 'confirm.removeMember.title',
      message: 'confirm.removeMember.message',
      confirm: 'confirm.removeMember.action',
      params: { name: member.displayName, email: member.email },
      danger: true,
    });
    if (!sure) return;
    await this.runner.run(async () => {
      await this.store.remove(member.id);
      this.notifier.success('notices.members.removed', { name: member.displayName });
    });
  }
}
