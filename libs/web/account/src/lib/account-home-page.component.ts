import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore, TenantStore, EnumLabelPipe } from '@mijn-account/web-core';
import { PAGE_STYLES, EmailAddressComponent } from '@mijn-account/web-ui';
import { StaffHomeComponent } from './staff-home.component';
import { SubscriberHomeComponent } from './subscriber-home.component';

/**
 * The home: what needs attention first (a subscriber's helpdesk requests, two-factor and
 * newsletters; a staff member's work by role), then who you are and your account. The pages
 * themselves are in the shell's navigation.
 */
@Component({
  selector: 'ma-account-home-page',
  imports: [
    EmailAddressComponent,
    EnumLabelPipe,
    MatCardModule,
    TranslocoPipe,
    StaffHomeComponent,
    SubscriberHomeComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      :host { max-width: 64rem; }
      h2 { margin: 1.5rem 0 0; font-size: 1.25rem; }
      .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr)); gap: 1rem; }
      .facts mat-card { margin-top: 1rem; }
      h3 { margin: 0 0 0.5rem; font-size: 1.125rem; }
      dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.5rem 1.5rem; margin: 0; }
      dt { font-weight: 600; }
      dd { margin: 0; overflow-wrap: anywhere; min-width: 0; }
      ul { margin: 0; padding-left: 1.25rem; }
      @media (max-width: 599px) { dl { grid-template-columns: minmax(0, 1fr); gap: 0 0; } dd { margin-bottom: 0.5rem; } }
    `,
  ],
  template: `
    <h1>{{ 'account.title' | transloco }}</h1>
    @if (session.me(); as me) {
      <p>{{ 'account.welcome' | transloco: { name: me.user.displayName, tenant: tenant.displayName() } }}</p>
      <h2>{{ 'home.attention' | transloco }}</h2>
      @if (me.account) {
        <ma-subscriber-home />
      } @else {
        <ma-staff-home [me]="me" />
      }
      <h2>{{ 'home.about' | transloco }}</h2>
      <div class="facts">
        <mat-card appearance="outlined">
          <h3>{{ 'account.you' | transloco }}</h3>
          <dl>
            <dt>{{ 'account.name' | transloco }}</dt>
            <dd data-testid="user-name">{{ me.user.displayName }}</dd>
            <dt>{{ 'account.email' | transloco }}</dt>
            <dd data-testid="user-email"><ma-email [address]="me.user.email" /></dd>
          </dl>
        </mat-card>
        @if (me.account; as account) {
          <mat-card appearance="outlined">
            <h3>{{ 'account.subscription' | transloco }}</h3>
            <dl>
              <dt>{{ 'account.accountName' | transloco }}</dt>
              <dd data-testid="account-name">{{ account.name }}</dd>
              <dt>{{ 'account.customerNumber' | transloco }}</dt>
              <dd data-testid="customer-number">{{ account.customerNumber }}</dd>
              <dt>{{ 'account.role' | transloco }}</dt>
              <dd data-testid="account-role">{{ account.role | maLabel: 'role' }}</dd>
            </dl>
          </mat-card>
        } @else {
          <mat-card appearance="outlined">
            <h3>{{ 'account.staff' | transloco }}</h3>
            <ul data-testid="staff-roles">
              @for (role of me.staffRoles; track role) {
                <li>{{ role | maLabel: 'role' }}</li>
              }
            </ul>
          </mat-card>
        }
      </div>
    }
  `,
})
export class AccountHomePageComponent {
  protected readonly session = inject(SessionStore);
  protected readonly tenant = inject(TenantStore);
}
