import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { type FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { STAFF_ROLES, type StaffMember, type StaffRole } from '@mijn-account/shared-contracts';
import { ActionRunner, AdminStore } from '@mijn-account/web-core';
import { PAGE_STYLES, ProblemAlertComponent } from '@mijn-account/web-ui';

/** A tenant admin's staff: invite, set roles, disable (their sessions end at once), enable. */
@Component({
  selector: 'ma-staff-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemAlertComponent,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
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
    <mat-card appearance="outlined">
      <table data-testid="staff">
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
              <td>{{ s.email }}</td>
              <td>
                <fieldset [attr.aria-label]="'admin.staff.rolesOf' | transloco: { name: s.displayName }">
                  @for (role of roles; track role) {
                    <mat-checkbox [checked]="s.roles.includes(role)" (change)="toggleRole(s, role, $event.checked)">{{
                      'roles.' + role | transloco
                    }}</mat-checkbox>
                  }
                </fieldset>
              </td>
              <td>{{ 'members.statuses.' + s.status | transloco }}</td>
              <td>{{ (s.twoFactor ? 'admin.staff.yes' : 'admin.staff.no') | transloco }}</td>
              <td>
                <button
                  mat-button
                  type="button"
                  (click)="run(() => store.setStaffDisabled(s.id, s.status !== 'disabled'))"
                >
                  {{ (s.status === 'disabled' ? 'admin.staff.enable' : 'admin.staff.disable') | transloco }}
                </button>
              </td>
            </tr>
          }
        </tbody>
      </table>
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
              'roles.' + role | transloco
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
  private readonly runner = new ActionRunner({ recover: () => this.store.loadStaff(), form: this.form });
  protected readonly problem = this.runner.problem;

  ngOnInit(): void {
    void this.init();
  }

  private async init(): Promise<void> {
    await this.run(() => this.store.loadStaff());
  }

  protected toggleNewRole(role: StaffRole, on: boolean): void {
    this.newRoles.update((roles) => (on ? [...roles, role] : roles.filter((r) => r !== role)));
  }

  protected toggleRole(member: StaffMember, role: StaffRole, on: boolean): Promise<void> {
    const roles = on ? [...member.roles, role] : member.roles.filter((r) => r !== role);
    return this.run(() => this.store.setStaffRoles(member.id, roles));
  }

  /** After a sent invitation the form starts afresh (not submitted, so no field shows as wrong). */
  protected async invite(inviteForm: FormGroupDirective): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    await this.run(async () => {
      await this.store.inviteStaff({ ...this.form.getRawValue(), roles: this.newRoles() });
      inviteForm.resetForm();
    });
  }

  protected async run(work: () => Promise<void>): Promise<void> {
    await this.runner.run(work);
  }
}
