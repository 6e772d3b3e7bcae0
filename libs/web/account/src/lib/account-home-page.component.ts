import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore, TenantStore } from '@mijn-account/web-core';
import { PAGE_STYLES } from '@mijn-account/web-ui';

/** "Mijn account": who you are, your account and your role. */
@Component({
  selector: 'ma-account-home-page',
  imports: [RouterLink, MatButtonModule, MatCardModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.5rem 1.5rem;
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      nav ul {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        padding: 0;
        margin: 1rem 0 0;
      }
    `,
  ],
  template: `
    <h1>{{ 'account.title' | transloco }}</h1>
    @if (session.me(); as me) {
      <p>{{ 'account.welcome' | transloco: { name: me.user.displayName, tenant: tenant.displayName() } }}</p>
      <nav [attr.aria-label]="'account.menu' | transloco">
        <ul>
          <li>
            <a mat-stroked-button routerLink="/account/profile" data-testid="nav-profile">{{
              'profile.title' | transloco
            }}</a>
          </li>
          @if (me.account) {
            <li>
              <a mat-stroked-button routerLink="/account/billing" data-testid="nav-billing">{{
                'billing.title' | transloco
              }}</a>
            </li>
            <li>
              <a mat-stroked-button routerLink="/account/newsletters" data-testid="nav-newsletters">{{
                'newsletters.title' | transloco
              }}</a>
            </li>
            <li>
              <a mat-stroked-button routerLink="/account/helpdesk-access" data-testid="nav-helpdesk">{{
                'helpdesk.title' | transloco
              }}</a>
            </li>
          }
          <li>
            <a mat-stroked-button routerLink="/security" data-testid="nav-security">{{
              'security.title' | transloco
            }}</a>
          </li>
          @if (me.account?.role === 'owner') {
            <li>
              <a mat-stroked-button routerLink="/account/members" data-testid="nav-members">{{
                'members.title' | transloco
              }}</a>
            </li>
          }
          @if (me.staffRoles.includes('helpdesk-agent') || me.staffRoles.includes('helpdesk-supervisor')) {
            <li>
              <a mat-stroked-button routerLink="/support" data-testid="nav-support">{{
                'support.title' | transloco
              }}</a>
            </li>
          }
          @if (me.staffRoles.includes('tenant-admin')) {
            <li>
              <a mat-stroked-button routerLink="/admin/staff" data-testid="nav-staff">{{
                'admin.staff.title' | transloco
              }}</a>
            </li>
            <li>
              <a mat-stroked-button routerLink="/admin/sign-in" data-testid="nav-sign-in-settings">{{
                'admin.signIn.title' | transloco
              }}</a>
            </li>
            <li>
              <a mat-stroked-button routerLink="/admin/newsletters" data-testid="nav-admin-newsletters">{{
                'admin.newsletters.title' | transloco
              }}</a>
            </li>
            <li>
              <a mat-stroked-button routerLink="/admin/helpdesk-access" data-testid="nav-access-settings">{{
                'admin.access.title' | transloco
              }}</a>
            </li>
          }
        </ul>
      </nav>
      <mat-card appearance="outlined">
        <h2>{{ 'account.you' | transloco }}</h2>
        <dl>
          <dt>{{ 'account.name' | transloco }}</dt>
          <dd data-testid="user-name">{{ me.user.displayName }}</dd>
          <dt>{{ 'account.email' | transloco }}</dt>
          <dd data-testid="user-email">{{ me.user.email }}</dd>
        </dl>
      </mat-card>
      @if (me.account; as account) {
        <mat-card appearance="outlined">
          <h2>{{ 'account.subscription' | transloco }}</h2>
          <dl>
            <dt>{{ 'account.accountName' | transloco }}</dt>
            <dd data-testid="account-name">{{ account.name }}</dd>
            <dt>{{ 'account.customerNumber' | transloco }}</dt>
            <dd data-testid="customer-number">{{ account.customerNumber }}</dd>
            <dt>{{ 'account.role' | transloco }}</dt>
            <dd data-testid="account-role">{{ 'roles.' + account.role | transloco }}</dd>
          </dl>
        </mat-card>
      } @else {
        <mat-card appearance="outlined">
          <h2>{{ 'account.staff' | transloco }}</h2>
          <ul data-testid="staff-roles">
            @for (role of me.staffRoles; track role) {
              <li>{{ 'roles.' + role | transloco }}</li>
            }
          </ul>
        </mat-card>
      }
    }
  `,
})
export class AccountHomePageComponent {
  protected readonly session = inject(SessionStore);
  protected readonly tenant = inject(TenantStore);
}
