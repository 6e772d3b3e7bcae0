import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MeResponse } from '@mijn-account/shared-contracts';
import { SessionStore, TenantStore } from '@mijn-account/web-core';
import { PAGE_STYLES } from '@mijn-account/web-ui';

interface NavLink {
  path: string;
  testId: string;
  title: string;
  /** Whether this user gets the link (the API refuses the page's data to anyone else anyway). */
  shows: (me: MeResponse) => boolean;
}

const everyone = () => true;
const withAccount = (me: MeResponse) => me.account !== null;
const isStaff =
  (...roles: MeResponse['staffRoles']) =>
  (me: MeResponse) =>
    roles.some((r) => me.staffRoles.includes(r));

/** The pages of Mijn account and of the staff functions, in menu order. */
const NAV_LINKS: NavLink[] = [
  { path: '/account/profile', testId: 'nav-profile', title: 'profile.title', shows: everyone },
  { path: '/account/billing', testId: 'nav-billing', title: 'billing.title', shows: withAccount },
  { path: '/account/newsletters', testId: 'nav-newsletters', title: 'newsletters.title', shows: withAccount },
  { path: '/account/helpdesk-access', testId: 'nav-helpdesk', title: 'helpdesk.title', shows: withAccount },
  { path: '/security', testId: 'nav-security', title: 'security.title', shows: everyone },
  {
    path: '/account/members',
    testId: 'nav-members',
    title: 'members.title',
    shows: (me) => me.account?.role === 'owner',
  },
  {
    path: '/support',
    testId: 'nav-support',
    title: 'support.title',
    shows: isStaff('helpdesk-agent', 'helpdesk-supervisor'),
  },
  { path: '/admin/staff', testId: 'nav-staff', title: 'admin.staff.title', shows: isStaff('tenant-admin') },
  {
    path: '/admin/sign-in',
    testId: 'nav-sign-in-settings',
    title: 'admin.signIn.title',
    shows: isStaff('tenant-admin'),
  },
  {
    path: '/admin/newsletters',
    testId: 'nav-admin-newsletters',
    title: 'admin.newsletters.title',
    shows: isStaff('tenant-admin'),
  },
  {
    path: '/admin/helpdesk-access',
    testId: 'nav-access-settings',
    title: 'admin.access.title',
    shows: isStaff('tenant-admin'),
  },
];

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
          @for (link of links(); track link.path) {
            <li>
              <a mat-stroked-button [routerLink]="link.path" [attr.data-testid]="link.testId">{{
                link.title | transloco
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
  protected readonly links = computed(() => {
    const me = this.session.me();
    return me ? NAV_LINKS.filter((link) => link.shows(me)) : [];
  });
}
