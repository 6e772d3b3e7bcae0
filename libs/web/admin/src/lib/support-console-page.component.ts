import {
  ChangeDetectionStrategy,
  Component,
  type OnDestroy,
  type OnInit,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ACCESS_REASONS,
  ACCESS_SCOPES,
  type AccessGrantView,
  type AccessReason,
  type AccessScope,
  type BillingDetails,
} from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  SessionStore,
  StepUpGate,
  SupportStore,
  type SupportProfile,
  type SupportSubscription,
  timeLeft,
} from '@mijn-account/web-core';
import { BillingFormComponent } from '@mijn-account/web-account';
import { PAGE_STYLES, ProblemAlertComponent, StepUpPromptComponent } from '@mijn-account/web-ui';

interface SupportView {
  grant: AccessGrantView;
  billing: BillingDetails | null;
  profiles: SupportProfile[] | null;
  newsletters: SupportSubscription[] | null;
}

/**
 * The helpdesk console: find an account (customer number and name only), request access, follow
 * requests, open the support view of an active grant (with a countdown), close it with a note; and,
 * for supervisors, the queue of technical requests.
 */
@Component({
  selector: 'ma-support-console-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    BillingFormComponent,
    ProblemAlertComponent,
    StepUpPromptComponent,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      :host {
        max-width: 64rem;
      }
      .row mat-form-field {
        flex: 1 1 14rem;
      }
      .banner {
        background: #fff3e0;
        border: 2px solid #b26a00;
        padding: 0.75rem;
        border-radius: 4px;
      }
      pre {
        white-space: pre-wrap;
      }
    `,
  ],
  template: `
    <h1>{{ 'support.title' | transloco }}</h1>
    <ma-problem-alert [problem]="runner.problem()" testId="support-error" />
    @if (isAgent()) {
      <mat-card appearance="outlined">
        <h2>{{ 'support.find' | transloco }}</h2>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ 'support.search' | transloco }}</mat-label>
            <input matInput [(ngModel)]="query" (keyup.enter)="search()" />
          </mat-form-field>
          <button mat-stroked-button type="button" (click)="search()">{{ 'support.searchButton' | transloco }}</button>
        </div>
        <ul>
          @for (a of results(); track a.id) {
            <li>
              <button
                mat-button
                type="button"
                (click)="selected.set(a)"
                [attr.data-testid]="'account-' + a.customerNumber"
              >
                {{ a.customerNumber }} — {{ a.name }}
              </button>
            </li>
          }
        </ul>
        @if (selected(); as a) {
          <h3>{{ 'support.requestFor' | transloco: { account: a.customerNumber + ' ' + a.name } }}</h3>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'helpdesk.reason' | transloco }}</mat-label>
              <mat-select [(ngModel)]="reason">
                @for (r of reasons; track r) {
                  <mat-option [value]="r">{{ 'helpdesk.reasons.' + r | transloco }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'helpdesk.ticket' | transloco }}</mat-label>
              <input matInput [(ngModel)]="ticket" />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'helpdesk.minutes' | transloco }}</mat-label>
              <input matInput type="number" min="5" [(ngModel)]="minutes" />
            </mat-form-field>
          </div>
          <mat-form-field appearance="outline" style="width: 100%">
            <mat-label>{{ 'support.justification' | transloco }}</mat-label>
            <textarea matInput rows="3" [(ngModel)]="justification"></textarea>
          </mat-form-field>
          <div class="row" role="group" [attr.aria-label]="'support.scopes' | transloco">
            @for (s of scopes; track s) {
              <mat-checkbox [checked]="chosen().includes(s)" (change)="toggle(s, $event.checked)">{{
                'helpdesk.scopes.' + s | transloco
              }}</mat-checkbox>
            }
          </div>
          <button mat-flat-button type="button" (click)="request(a.id)" data-testid="send-request">
            {{ 'support.send' | transloco }}
          </button>
        }
      </mat-card>

      <mat-card appearance="outlined">
        <h2>{{ 'support.mine' | transloco }}</h2>
        <table data-testid="my-requests">
          <thead>
            <tr>
              <th scope="col">{{ 'support.account' | transloco }}</th>
              <th scope="col">{{ 'helpdesk.reason' | transloco }}</th>
              <th scope="col">{{ 'helpdesk.status' | transloco }}</th>
              <th scope="col">
                <span class="cdk-visually-hidden">{{ 'security.sessions.actions' | transloco }}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            @for (g of mine(); track g.id) {
              <tr>
                <td>{{ g.customerNumber }} {{ g.accountName }}</td>
                <td>{{ 'helpdesk.reasons.' + g.reason | transloco }} ({{ g.ticket }})</td>
                <td>
                  {{ 'helpdesk.statuses.' + g.status | transloco }}
                  @if (g.status === 'active') {
                    · {{ g.minutes }} min
                  }
                </td>
                <td>
                  @if (g.status === 'active') {
                    <button mat-stroked-button type="button" (click)="open(g)" data-testid="open-support-view">
                      {{ 'support.open' | transloco }}
                    </button>
                    <button mat-button type="button" (click)="closing.set(g.id)">
                      {{ 'support.close' | transloco }}
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </mat-card>

      @if (closing(); as id) {
        <mat-card appearance="outlined">
          <mat-form-field appearance="outline" style="width: 100%">
            <mat-label>{{ 'support.closeNote' | transloco }}</mat-label>
            <textarea matInput rows="3" [(ngModel)]="closeNote"></textarea>
          </mat-form-field>
          <button mat-flat-button type="button" (click)="close(id)">{{ 'support.close' | transloco }}</button>
        </mat-card>
      }
      @if (view(); as v) {
        <mat-card appearance="outlined" data-testid="support-view">
          <p class="banner" role="status">
            {{
              'support.banner'
                | transloco
                  : {
                      account: v.grant.customerNumber,
                      time: countdown(v.grant.expiresAt),
                      scopes: v.grant.scopes.join(', '),
                    }
            }}
          </p>
          @if (editsBilling(v.grant)) {
            <h2>{{ 'billing.title' | transloco }}</h2>
            <ma-billing-form [accountId]="v.grant.accountId" [canEdit]="true" />
          } @else if (v.billing; as b) {
            <h2>{{ 'billing.title' | transloco }}</h2>
            <dl>
              <dt>{{ 'fields.companyName' | transloco }}</dt>
              <dd data-testid="support-company">{{ b.companyName }}</dd>
              <dt>{{ 'billing.address' | transloco }}</dt>
              <dd>
                {{ b.address?.street }} {{ b.address?.houseNumber }}, {{ b.address?.postalCode }} {{ b.address?.city }}
                {{ b.address?.country }}
              </dd>
            </dl>
          }
          @if (v.profiles; as people) {
            <h2>{{ 'support.people' | transloco }}</h2>
            <table data-testid="support-profiles">
              <thead>
                <tr>
                  <th scope="col">{{ 'fields.displayName' | transloco }}</th>
                  <th scope="col">{{ 'signIn.email' | transloco }}</th>
                  <th scope="col">{{ 'fields.phone' | transloco }}</th>
                  <th scope="col">{{ 'support.role' | transloco }}</th>
                </tr>
              </thead>
              <tbody>
                @for (p of people; track p.email) {
                  <tr>
                    <td>{{ p.displayName }}</td>
                    <td>{{ p.email }}</td>
                    <td>{{ p.phone }}</td>
                    <td>{{ p.role }}</td>
                  </tr>
                }
              </tbody>
            </table>
          }
          @if (v.newsletters; as subscriptions) {
            <h2>{{ 'newsletters.title' | transloco }}</h2>
            <table data-testid="support-newsletters">
              <thead>
                <tr>
                  <th scope="col">{{ 'signIn.email' | transloco }}</th>
                  <th scope="col">{{ 'support.list' | transloco }}</th>
                  <th scope="col">{{ 'helpdesk.status' | transloco }}</th>
                </tr>
              </thead>
              <tbody>
                @for (n of subscriptions; track n.email + n.list) {
                  <tr>
                    <td>{{ n.email }}</td>
                    <td>{{ n.list }}</td>
                    <td>{{ n.status }}</td>
                  </tr>
                }
              </tbody>
            </table>
          }
          <button mat-stroked-button type="button" (click)="open(v.grant)" data-testid="refresh-support-view">
            {{ 'support.refresh' | transloco }}
          </button>
        </mat-card>
      }
    }

    @if (isSupervisor()) {
      @if (stepUp.waiting()) {
        <ma-step-up-prompt
          kind="code"
          [wrong]="stepUp.wrong()"
          (confirmed)="stepUp.confirm({ code: $event })"
          (cancelled)="stepUp.cancel()"
        />
      }
      <mat-card appearance="outlined" data-testid="supervisor-queue">
        <h2>{{ 'support.queue' | transloco }}</h2>
        @if (queue().length === 0) {
          <p>{{ 'support.queueEmpty' | transloco }}</p>
        }
        @for (g of queue(); track g.id) {
          <div class="row">
            <span
              >{{ g.requestedBy }} · {{ g.customerNumber }} · {{ 'helpdesk.reasons.' + g.reason | transloco }} ({{
                g.ticket
              }}): {{ g.justification }}</span
            >
            <button mat-flat-button type="button" (click)="decide(g, true)" data-testid="supervisor-approve">
              {{ 'helpdesk.approve' | transloco }}
            </button>
            <button mat-stroked-button type="button" (click)="decide(g, false)">
              {{ 'helpdesk.deny' | transloco }}
            </button>
          </div>
        }
      </mat-card>
    }
  `,
})
export class SupportConsolePageComponent implements OnInit, OnDestroy {
  private readonly store = inject(SupportStore);
  private readonly session = inject(SessionStore);
  protected readonly reasons = ACCESS_REASONS;
  protected readonly scopes = ACCESS_SCOPES;
  protected readonly isAgent = computed(() => this.session.me()?.staffRoles.includes('helpdesk-agent') ?? false);
  protected readonly isSupervisor = computed(
    () => this.session.me()?.staffRoles.includes('helpdesk-supervisor') ?? false,
  );
  protected readonly results = signal<{ id: string; customerNumber: string; name: string }[]>([]);
  protected readonly selected = signal<{ id: string; customerNumber: string; name: string } | null>(null);
  protected readonly mine = signal<AccessGrantView[]>([]);
  protected readonly queue = signal<AccessGrantView[]>([]);
  protected readonly view = signal<SupportView | null>(null);
  protected readonly chosen = signal<AccessScope[]>(['billing:read']);
  protected readonly now = signal(Date.now());
  protected readonly closing = signal<string | null>(null);
  protected readonly stepUp = new StepUpGate(this.session);
  /** After a failure the lists are loaded again (a grant may have ended meanwhile). */
  protected readonly runner = new ActionRunner({ recover: () => this.reload() });
  protected closeNote = '';
  protected query = '';
  protected reason: AccessReason = 'service';
  protected ticket = '';
  protected justification = '';
  protected minutes = 60;
  private timer: ReturnType<typeof setInterval> | undefined;

  ngOnInit(): void {
    void this.runner.run(() => this.reload());
    this.timer = setInterval(() => this.now.set(Date.now()), 1000);
  }

  ngOnDestroy(): void {
    clearInterval(this.timer);
  }

  protected countdown(expiresAt: string | null): string {
    return timeLeft(expiresAt, this.now());
  }

  protected toggle(scope: AccessScope, on: boolean): void {
    this.chosen.update((list) => (on ? [...list, scope] : list.filter((s) => s !== scope)));
  }

  protected async search(): Promise<void> {
    await this.runner.run(async () => this.results.set(await this.store.search(this.query)));
  }

  protected async request(accountId: string): Promise<void> {
    await this.runner.run(async () => {
      await this.store.request({
        accountId,
        reason: this.reason,
        ticket: this.ticket,
        justification: this.justification,
        scopes: this.chosen(),
        minutes: Number(this.minutes),
      });
      this.selected.set(null);
      await this.reload();
    });
  }

  /** A grant to change billing (with reading it) opens the billing form instead of the read-only details. */
  protected editsBilling(grant: AccessGrantView): boolean {
    return grant.scopes.includes('billing:write') && grant.scopes.includes('billing:read');
  }

  /** Loads what the grant's read scopes cover; every load is an access in the subscriber's log. */
  protected async open(grant: AccessGrantView): Promise<void> {
    const has = (scope: AccessScope) => grant.scopes.includes(scope);
    await this.runner.run(
      async () => {
        this.view.set({ grant, billing: null, profiles: null, newsletters: null });
        const [billing, profiles, newsletters] = await Promise.all([
          has('billing:read') && !this.editsBilling(grant) ? this.store.billing(grant.accountId) : null,
          has('profile:read') ? this.store.profiles(grant.accountId) : null,
          has('newsletters:read') ? this.store.newsletters(grant.accountId) : null,
        ]);
        this.view.set({ grant, billing, profiles, newsletters });
      },
      { failed: () => this.view.set(null) },
    );
  }

  protected async close(id: string): Promise<void> {
    await this.runner.run(async () => {
      await this.store.close(id, this.closeNote);
      this.closing.set(null);
      this.closeNote = '';
      this.view.set(null);
      await this.reload();
    });
  }

  /** Approving a technical request needs a code from the supervisor's app in the last minutes. */
  protected async decide(grant: AccessGrantView, approve: boolean): Promise<void> {
    await this.runner.run(
      async () => {
        await this.store.decide(grant.id, approve);
        await this.reload();
      },
      { stepUp: this.stepUp },
    );
  }

  private async reload(): Promise<void> {
    await this.session.ensureLoaded();
    if (this.isAgent()) this.mine.set(await this.store.mine());
    if (this.isSupervisor()) this.queue.set(await this.store.queue());
  }
}
