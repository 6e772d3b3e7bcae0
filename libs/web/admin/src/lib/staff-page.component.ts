import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import { type FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { type MatCheckboxChange, MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { STAFF_ROLES, type StaffMember, type StaffRole } from '@mijn-account/shared-contracts';
import { ActionRunner, AdminStore, EnumLabelPipe, LoadState, SessionStore, StepUpGate } from '@mijn-account/web-core';
import {
  ConfirmDialog,
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  STACKED_TABLE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
  StepUpPromptComponent,
  EmailAddressComponent,
} from '@mijn-account/web-ui';

/** A tenant admin's staff: invite, set roles, disable (their sessions end at once), enable. */
@Component({
  selector: 'ma-staff-page',
  imports: [
    EmailAddressComponent,
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
    STACKED_TABLE_STYLES,
    `
      :host {
        max-width: 64rem;
      }
      fieldset {
        border: none;
        padding: 0;
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
      }
    `,
  ],
  template: `
    <h1>{{ 'admin.staff.title' | transloco }}</h1>
    <ma-problem-alert [problem]="problem()" />
    @if (stepUp.waiting()) {
      <ma-step-up-prompt
        kind="code"
        [wrong]="stepUp.wrong()"
        (confirmed)="stepUp.confirm({ code: $event })"
        (cancelled)="stepUp.cancel()"
      />
    }
    <mat-card appearance="outlined">
      @if (list.loading()) {
        <ma-skeleton [lines]="4" />
      } @else if (list.failed()) {
        <ma-load-failed message="states.staff.failed" testId="staff-failed" (retry)="list.retry()" />
      } @else {
      <!-- Below 600 px each person is a card of label–value lines (STACKED_TABLE_STYLES). -->
      <table class="stacked" data-testid="staff">
        <thead>
          <tr>
            <th scope="col">{{ 'account.name' | transloco }}</th>
            <th scope="col">{{ 'account.email' | transloco }}</th>
            <th scope="col">{{ 'admin.staff.roles' | transloco }}</th>
            <th scope="col">{{ 'members.status' | transloco }}</th>
            <th scope="col">{{ 'security.twoFactor.title' | transloco }}</th>
            <th scope="col">
              <span class="cdk-visually-hidden">{{ 'security.sessions.actions' | transloco }}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          @for (s of store.staff(); track s.id) {
            <tr>
              <td>{{ s.displayName }}</td>
              <td [attr.data-label]="'account.email' | transloco"><ma-email [address]="s.email" /></td>
              <td [attr.data-label]="'admin.staff.roles' | transloco">
                <fieldset [attr.aria-label]="'admin.staff.rolesOf' | transloco: { name: s.displayName }">
                  @for (role of roles; track role) {
                    <mat-checkbox [checked]="s.roles.includes(role)" (change)="toggleRole(s, role, $event)">{{
                      role | maLabel: 'role'
                    }}</mat-checkbox>
                  }
                </fieldset>
              </td>
              <td [attr.data-label]="'members.status' | transloco">{{ s.status | maLabel: 'personStatus' }}</td>
              <td [attr.data-label]="'security.twoFactor.title' | transloco">{{ (s.twoFactor ? 'admin.staff.yes' : 'admin.staff.no') | transloco }}</td>
              <td>
                @if (s.id === selfId()) {
                  <!-- Nobody disables themselves (the API refuses it too): another admin can. -->
                  <span data-testid="staff-self">{{ 'admin.staff.you' | transloco }}</span>
                } @else {
                  <button mat-button type="button" (click)="setDisabled(s, s.status !== 'disabled')">
                    {{ (s.status === 'disabled' ? 'admin.staff.enable' : 'admin.staff.disable') | transloco }}
                  </button>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
      }
    </mat-card>
    <mat-card appearance="outlined">
      <h2>{{ 'admin.staff.invite' | transloco }}</h2>
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
        <fieldset [attr.aria-label]="'admin.staff.roles' | transloco">
          @for (role of roles; track role) {
            <mat-checkbox [checked]="newRoles().includes(role)" (change)="toggleNewRole(role, $event.checked)">{{
              role | maLabel: 'role'
            }}</mat-checkbox>
          }
        </fieldset>
        <button mat-flat-button type="submit">{{ 'members.send' | transloco }}</button>
      </form>
    </mat-card>
  `,
})
export class StaffPageComponent implements OnInit {
  protected readonly store = inject(AdminStore);
  private readonly notifier = inject(Notifier);
  /** The staff list as loaded: one that did not load says so, with a retry. */
  protected readonly list = new LoadState();
  private readonly session = inject(SessionStore);
  private readonly confirmation = inject(ConfirmDialog);
  private readonly transloco = inject(TranslocoService);
  /** Role changes are step-up actions: the API asks for a fresh code first. */
  protected readonly stepUp = new StepUpGate(this.session);
  protected readonly selfId = computed(() => this.session.me()?.user.id ?? null);
  protected readonly roles = STAFF_ROLES;
  protected readonly newRoles = signal<StaffRole[]>(['helpdesk-agent']);
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', Validators.required],
    email: ['', [Validators.required, Validators.email]],
  });
  /**
   * After a failure the list is loaded again: the refused change shows as it really is; a refused
   * invitation's field errors show at the fields of the invite form.
   */
  private readonly runner = new ActionRunner({
    recover: () => this.store.loadStaff(),
    form: this.form,
    stepUp: this.stepUp,
  });
  protected readonly problem = this.runner.problem;

  ngOnInit(): void {
    void this.init();
  }

  private async init(): Promise<void> {
    await this.list.track(() => this.store.loadStaff());
  }

  protected toggleNewRole(role: StaffRole, on: boolean): void {
    this.newRoles.update((roles) => (on ? [...roles, role] : roles.filter((r) => r !== role)));
  }

  /** Asked first, naming the person and the role; a "no" puts the box back as it was. */
  protected async toggleRole(member: StaffMember, role: StaffRole, change: MatCheckboxChange): Promise<void> {
    const on = change.checked;
    const kind = on ? 'grantRole' : 'revokeRole';
    const sure = await this.confirmation.confirm({
      title: `confirm.${kind}.title`,
      message: `confirm.${kind}.message`,
      confirm: `confirm.${kind}.action`,
      params: { name: member.displayName, role: this.transloco.translate(`roles.${role}`) },
    });
    if (!sure) {
      change.source.checked = !on;
      return;
    }
    const roles = on ? [...member.roles, role] : member.roles.filter((r) => r !== role);
    await this.run(async () => {
      await this.store.setStaffRoles(member.id, roles);
      this.notifier.success('notices.staff.roles', { name: member.displayName });
    });
  }

  /** Disabling ends the person's sessions at once: asked first, naming them. Enabling is asked for nothing. */
  protected async setDisabled(member: StaffMember, disabled: boolean): Promise<void> {
    if (disabled) {
      const invited = member.status === 'invited';
      const sure = await this.confirmation.confirm({
        title: 'confirm.disableStaff.title',
        message: invited ? 'confirm.disableStaff.messageInvited' : 'confirm.disableStaff.message',
        confirm: 'confirm.disableStaff.action',
        params: { name: member.displayName, email: member.email },
        danger: true,
      });
      if (!sure) return;
    }
    await this.run(async () => {
      await this.store.setStaffDisabled(member.id, disabled);
      this.notifier.success(disabled ? 'notices.staff.disabled' : 'notices.staff.enabled', {
        name: member.displayName,
      });
    });
  }

  /** After a sent invitation the form starts afresh (not submitted, so no field shows as wrong). */
  protected async invite(inviteForm: FormGroupDirective): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    await this.run(async () => {
      const invitation = this.form.getRawValue();
      await this.store.inviteStaff({ ...invitation, roles: this.newRoles() });
      inviteForm.resetForm();
      this.notifier.success('notices.staff.invited', { email: invitation.email });
    });
  }

  protected async run(work: () => Promise<void>): Promise<void> {
    await this.runner.run(work);
  }
}
