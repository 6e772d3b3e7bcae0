import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  resource,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AccessGrantView, MeResponse } from '@mijn-account/shared-contracts';
import {
  AdminStore,
  EnumLabelPipe,
  FinanceRunsStore,
  LocaleMoneyPipe,
  SecurityStore,
  SupportStore,
  fromMinor,
  timeLeft,
} from '@mijn-account/web-core';
import { HomeCardComponent } from './home-card.component';
import { HOME_STYLES } from './home-styles';

/**
 * A staff member's home, by role: the agent's own requests and grants, the supervisor's queue, the
 * admin's setup checklist. Staff functions need two-factor: without it this home says so first and
 * asks the staff APIs nothing (they would refuse).
 */
@Component({
  selector: 'ma-staff-home',
  imports: [RouterLink, HomeCardComponent, TranslocoPipe, EnumLabelPipe, LocaleMoneyPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: HOME_STYLES,
  template: `
    <div class="cards">
      @if (twoFactorOn() === false || security.isLoading() || security.error()) {
        <ma-home-card
          heading="home.twoFactor.title"
          link="/security"
          linkText="home.twoFactor.open"
          testId="home-two-factor"
          [source]="security"
          [attention]="true"
        >
          <p class="todo">{{ 'home.twoFactor.staffOff' | transloco }}</p>
        </ma-home-card>
      }
      @if (twoFactorOn()) {
        @if (is('helpdesk-agent')) {
          <ma-home-card
            heading="home.agent.title"
            link="/support"
            linkText="home.agent.open"
            testId="home-agent"
            [source]="mine"
          >
            @if (myOpen().length === 0) {
              <p class="muted">{{ 'home.agent.none' | transloco }}</p>
            }
            <ul class="items">
              @for (grant of myOpen(); track grant.id) {
                <li>
                  <strong>{{ grant.accountName }}</strong> ({{ grant.customerNumber }}):
                  @if (grant.status === 'active') {
                    {{ 'home.agent.active' | transloco: { time: left(grant.expiresAt) } }}
                  } @else {
                    {{ 'home.agent.pending' | transloco: { time: left(grant.requestExpiresAt) } }}
                  }
                </li>
              }
            </ul>
          </ma-home-card>
        }
        @if (is('helpdesk-supervisor')) {
          <ma-home-card
            heading="home.queue.title"
            link="/support"
            linkText="home.queue.open"
            testId="home-queue"
            [source]="queue"
            [attention]="waiting().length > 0"
          >
            @if (waiting().length === 0) {
              <p class="muted">{{ 'home.queue.none' | transloco }}</p>
            } @else {
              <p>{{ 'home.queue.waiting' | transloco: { count: waiting().length } }}</p>
              <ul class="items">
                @for (grant of waiting().slice(0, 5); track grant.id) {
                  <li>
                    <strong>{{ grant.accountName }}</strong> · {{ grant.requestedBy }}
                    <span class="count">{{ 'home.timeLeft' | transloco: { time: left(grant.requestExpiresAt) } }}</span>
                  </li>
                }
              </ul>
            }
          </ma-home-card>
        }
        @if (is('finance')) {
          <ma-home-card
            heading="finance.home.title"
            link="/finance"
            linkText="finance.home.open"
            testId="home-finance"
            [source]="finance"
            [attention]="(financeFigures()?.missing?.length ?? 0) > 0"
          >
            @if (financeFigures(); as f) {
              @if (f.missing.length > 0) {
                <p class="todo">{{ 'finance.home.incomplete' | transloco }}</p>
              }
              <ul class="items">
                @for (c of f.currencies; track c.currency) {
                  <li>
                    {{ 'finance.home.openAmount' | transloco }}:
                    {{ major(c.openMinor, c.currency) | maMoney: c.currency }}
                    · {{ 'finance.home.overdue' | transloco }}:
                    {{ major(c.overdueMinor, c.currency) | maMoney: c.currency }}
                  </li>
                } @empty {
                  <li class="muted">{{ 'finance.home.nothingOpen' | transloco }}</li>
                }
                <li>
                  @if (f.lastRun; as run) {
                    {{ 'finance.home.lastRun' | transloco }}: {{ run.status | maLabel: 'runStatus' }}
                  } @else {
                    <span class="muted">{{ 'finance.dashboard.noRun' | transloco }}</span>
                  }
                </li>
              </ul>
            }
          </ma-home-card>
        }
        @if (is('tenant-admin')) {
          <ma-home-card
            heading="home.setup.title"
            link="/admin/staff"
            linkText="home.setup.open"
            testId="home-setup"
            [source]="setup"
          >
            @if (checklist(); as c) {
              <ul class="items">
                <li class="done">{{ 'home.setup.twoFactor' | transloco }}</li>
                <li [class.done]="c.providers > 0" [class.muted]="c.providers === 0">
                  <a routerLink="/admin/sign-in">{{ 'admin.signIn.title' | transloco }}</a>:
                  {{ (c.selfSignUp ? 'home.setup.selfSignUpOn' : 'home.setup.selfSignUpOff') | transloco }},
                  {{ 'home.setup.providers' | transloco: { count: c.providers } }}
                </li>
                <li class="done">
                  <a routerLink="/admin/helpdesk-access">{{ 'admin.access.title' | transloco }}</a>:
                  {{ 'home.setup.access' | transloco: { max: c.maxMinutes, usual: c.defaultMinutes } }}
                </li>
                <li [class.done]="c.withoutTwoFactor === 0" [class.todo]="c.withoutTwoFactor > 0">
                  {{ 'home.setup.staff' | transloco: { count: c.staff, without: c.withoutTwoFactor } }}
                </li>
              </ul>
            }
          </ma-home-card>
        }
      }
    </div>
  `,
})
export class StaffHomeComponent {
  readonly me = input.required<MeResponse>();
  private readonly securityStore = inject(SecurityStore);
  private readonly support = inject(SupportStore);
  private readonly admin = inject(AdminStore);
  private readonly financeStore = inject(FinanceRunsStore);
  protected readonly major = fromMinor;
  private readonly now = signal(Date.now());

  protected readonly security = resource({
    loader: async () => {
      await this.securityStore.load();
      return this.securityStore.overview();
    },
  });
  protected readonly twoFactorOn = computed(() =>
    this.security.hasValue() ? this.security.value()?.twoFactor.enabled : undefined,
  );

  // Each staff resource asks only once two-factor is known to be on (params undefined: not loaded).
  private readonly when = (role: MeResponse['staffRoles'][number]) => () =>
    this.twoFactorOn() && this.is(role) ? true : undefined;
  protected readonly mine = resource({ params: this.when('helpdesk-agent'), loader: () => this.support.mine() });
  protected readonly queue = resource({ params: this.when('helpdesk-supervisor'), loader: () => this.support.queue() });
  protected readonly setup = resource({
    params: this.when('tenant-admin'),
    loader: async () => {
      const [, access] = await Promise.all([
        this.admin.loadSignIn(),
        this.admin.accessSettings(),
        this.admin.loadStaff(),
      ]);
      const staff = this.admin.staff().filter((s) => s.status !== 'disabled');
      return {
        selfSignUp: this.admin.settings()?.selfSignUp ?? false,
        providers: this.admin.providers().filter((p) => p.enabled).length,
        maxMinutes: access.maxMinutes,
        defaultMinutes: access.defaultMinutes,
        staff: staff.length,
        withoutTwoFactor: staff.filter((s) => !s.twoFactor).length,
      };
    },
  });

  protected readonly finance = resource({ params: this.when('finance'), loader: () => this.financeStore.summary() });
  protected readonly financeFigures = computed(() => (this.finance.hasValue() ? this.finance.value() : undefined));

  protected readonly myOpen = computed(() =>
    (this.mine.hasValue() ? (this.mine.value() ?? []) : []).filter(
      (g: AccessGrantView) => g.status === 'pending' || g.status === 'active',
    ),
  );
  protected readonly waiting = computed(() =>
    (this.queue.hasValue() ? (this.queue.value() ?? []) : []).filter((g: AccessGrantView) => g.status === 'pending'),
  );
  protected readonly checklist = computed(() => (this.setup.hasValue() ? this.setup.value() : undefined));

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected is(role: MeResponse['staffRoles'][number]): boolean {
    return this.me().staffRoles.includes(role);
  }

  protected left(expiresAt: string | null): string {
    return timeLeft(expiresAt, this.now());
  }
}
