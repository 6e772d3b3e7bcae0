import { DatePipe } from '@angular/common';
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
import { TranslocoPipe } from '@jsverse/transloco';
import { PAGE_STYLES, ProblemAlertComponent, StepUpPromptComponent } from '@mijn-account/web-ui';
import { type AccessGrantView, type AccessScope } from '@mijn-account/shared-contracts';
import {
  type AccessLogView,
  ActionRunner,
  HelpdeskAccessStore,
  SessionStore,
  StepUpGate,
  timeLeft,
} from '@mijn-account/web-core';

/**
 * "Helpdesk access": requests to approve (shorter, fewer rights) or deny, active grants counting down
 * with revoke, past grants with the agent's closing note, and the full access log of the account
 * with its verification, filterable and exportable.
 */
@Component({
  selector: 'ma-helpdesk-access-page',
  imports: [
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    StepUpPromptComponent,
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
      .refused,
      .failed {
        color: #b00020;
      }
    `,
  ],
  template: `
    <h1>{{ 'helpdesk.title' | transloco }}</h1>
    <p>{{ 'helpdesk.intro' | transloco }}</p>
    <ma-problem-alert [problem]="runner.problem()" />
    @if (stepUp.waiting()) {
      <ma-step-up-prompt
        [wrong]="stepUp.wrong()"
        (confirmed)="stepUp.confirm({ password: $event })"
        (cancelled)="stepUp.cancel()"
      />
    }

    @for (g of pending(); track g.id) {
      <mat-card appearance="outlined" data-testid="pending-request">
        <h2>{{ 'helpdesk.requestFrom' | transloco: { agent: g.requestedBy } }}</h2>
        <p>{{ 'helpdesk.reasons.' + g.reason | transloco }} · {{ 'helpdesk.ticket' | transloco }} {{ g.ticket }}</p>
        <blockquote>{{ g.justification }}</blockquote>
        @if (isOwner() && g.reason === 'service') {
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'helpdesk.minutes' | transloco }}</mat-label>
              <input matInput type="number" min="5" [max]="g.minutes" [(ngModel)]="minutes[g.id]" />
              <mat-hint>{{ 'helpdesk.askedMinutes' | transloco: { minutes: g.minutes } }}</mat-hint>
            </mat-form-field>
            @for (s of g.scopes; track s) {
              <mat-checkbox [checked]="!dropped[g.id + s]" (change)="dropped[g.id + s] = !$event.checked">{{
                'helpdesk.scopes.' + s | transloco
              }}</mat-checkbox>
            }
          </div>
          <div class="row">
            <button mat-flat-button type="button" (click)="approve(g)" data-testid="approve">
              {{ 'helpdesk.approve' | transloco }}
            </button>
            <button mat-stroked-button type="button" (click)="act(() => store.deny(g.id))">
              {{ 'helpdesk.deny' | transloco }}
            </button>
          </div>
        } @else if (g.reason !== 'service') {
          <p>{{ 'helpdesk.supervisorDecides' | transloco }}</p>
        }
      </mat-card>
    }

    @for (g of active(); track g.id) {
      <mat-card appearance="outlined" data-testid="active-grant">
        <h2>{{ 'helpdesk.activeFor' | transloco: { agent: g.requestedBy } }}</h2>
        <p>
          {{ 'helpdesk.reasons.' + g.reason | transloco }} · {{ scopeList(g.scopes) }} ·
          <strong>{{ 'helpdesk.endsIn' | transloco: { time: countdown(g.expiresAt) } }}</strong>
        </p>
        <p>{{ g.justification }}</p>
        @if (isOwner()) {
          <button mat-flat-button type="button" (click)="act(() => store.revoke(g.id))" data-testid="revoke">
            {{ 'helpdesk.revoke' | transloco }}
          </button>
        }
      </mat-card>
    }

    <mat-card appearance="outlined">
      <h2>{{ 'helpdesk.history' | transloco }}</h2>
      <table data-testid="grant-history">
        <thead>
          <tr>
            <th scope="col">{{ 'helpdesk.requested' | transloco }}</th>
            <th scope="col">{{ 'helpdesk.agent' | transloco }}</th>
            <th scope="col">{{ 'helpdesk.reason' | transloco }}</th>
            <th scope="col">{{ 'helpdesk.status' | transloco }}</th>
            <th scope="col">{{ 'helpdesk.note' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (g of past(); track g.id) {
            <tr>
              <td>{{ g.requestedAt | date: 'short' }}</td>
              <td>{{ g.requestedBy }}</td>
              <td>{{ 'helpdesk.reasons.' + g.reason | transloco }} ({{ g.ticket }})</td>
              <td>{{ 'helpdesk.statuses.' + g.status | transloco }}</td>
              <td>{{ g.closeNote }}</td>
            </tr>
          }
        </tbody>
      </table>
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'helpdesk.log' | transloco }}</h2>
      @if (log(); as l) {
        <p [class]="l.verification.intact ? 'ok' : 'error'" data-testid="log-verification">
          {{
            (l.verification.intact ? 'helpdesk.intact' : 'helpdesk.broken')
              | transloco
                : {
                    events: l.verification.events,
                    checkpoints: l.verification.checkpoints.valid,
                    seq: l.verification.firstBroken?.seq,
                  }
          }}
          @if (l.verification.unsealed > 0) {
            {{ 'helpdesk.sealing' | transloco: { unsealed: l.verification.unsealed } }}
          }
        </p>
      }
      <div class="row">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'helpdesk.filter' | transloco }}</mat-label>
          <input matInput [ngModel]="filter()" (ngModelChange)="filter.set($event)" />
        </mat-form-field>
        <a mat-stroked-button [href]="store.exportUrl('csv')" download>CSV</a>
        <a mat-stroked-button [href]="store.exportUrl('json')" download>JSON</a>
      </div>
      <table data-testid="access-log">
        <thead>
          <tr>
            <th scope="col">{{ 'helpdesk.when' | transloco }}</th>
            <th scope="col">{{ 'helpdesk.who' | transloco }}</th>
            <th scope="col">{{ 'helpdesk.what' | transloco }}</th>
            <th scope="col">{{ 'helpdesk.outcome' | transloco }}</th>
            <th scope="col">{{ 'helpdesk.reason' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (e of filteredEvents(); track e.id) {
            <tr>
              <td>{{ e.at | date: 'medium' }}</td>
              <td>{{ e.actorName }}</td>
              <td>
                {{ 'helpdesk.actions.' + e.action | transloco }}
                <!-- An access names what was read or changed; a step of a grant (no outcome) is about the grant itself. -->
                @if (e.outcome) {
                  · {{ 'helpdesk.resources.' + e.resource | transloco }}
                }
              </td>
              <td [class]="e.outcome ?? ''">{{ e.outcome ? ('helpdesk.outcomes.' + e.outcome | transloco) : '' }}</td>
              <td>{{ e.reason }} {{ e.ticket }}</td>
            </tr>
          }
        </tbody>
      </table>
    </mat-card>
  `,
})
export class HelpdeskAccessPageComponent implements OnInit, OnDestroy {
  protected readonly store = inject(HelpdeskAccessStore);
  private readonly session = inject(SessionStore);
  protected readonly grants = signal<AccessGrantView[]>([]);
  protected readonly log = signal<AccessLogView | null>(null);
  protected readonly filter = signal('');
  protected readonly stepUp = new StepUpGate(this.session);
  protected readonly runner = new ActionRunner({ stepUp: this.stepUp });
  protected readonly now = signal(Date.now());
  protected readonly minutes: Record<string, number> = {};
  protected readonly dropped: Record<string, boolean> = {};
  protected readonly isOwner = computed(() => this.session.me()?.account?.role === 'owner');
  protected readonly pending = computed(() => this.grants().filter((g) => g.status === 'pending'));
  protected readonly active = computed(() => this.grants().filter((g) => g.status === 'active'));
  protected readonly past = computed(() =>
    this.grants().filter((g) => g.status !== 'pending' && g.status !== 'active'),
  );
  protected readonly filteredEvents = computed(() => {
    const term = this.filter().toLowerCase();
    return (this.log()?.events ?? []).filter(
      (e) =>
        !term || `${e.actorName} ${e.action} ${e.resource} ${e.outcome} ${e.ticket ?? ''}`.toLowerCase().includes(term),
    );
  });
  private timer: ReturnType<typeof setInterval> | undefined;

  ngOnInit(): void {
    void this.reload();
    this.timer = setInterval(() => this.now.set(Date.now()), 1000);
  }

  ngOnDestroy(): void {
    clearInterval(this.timer);
  }

  protected countdown(expiresAt: string | null): string {
    return timeLeft(expiresAt, this.now());
  }

  protected scopeList(scopes: AccessScope[]): string {
    return scopes.join(', ');
  }

  protected approve(g: AccessGrantView): Promise<void> {
    const scopes = g.scopes.filter((s) => !this.dropped[g.id + s]);
    const minutes = this.minutes[g.id];
    return this.act(() => this.store.approve(g.id, { scopes, ...(minutes ? { minutes: Number(minutes) } : {}) }));
  }

  protected async act(action: () => Promise<unknown>): Promise<void> {
    await this.runner.run(async () => {
      await action();
      await this.reload();
    });
  }

  private async reload(): Promise<void> {
    const [grants, log] = await Promise.all([this.store.requests(), this.store.log()]);
    this.grants.set(grants);
    this.log.set(log);
  }
}
