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
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  EmptyStateComponent,
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  STACKED_TABLE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
  StepUpPromptComponent,
  ScrollRegionComponent,
} from '@mijn-account/web-ui';
import { type AccessGrantView } from '@mijn-account/shared-contracts';
import {
  type AccessLogView,
  ActionRunner,
  HelpdeskAccessStore,
  LoadState,
  SessionStore,
  StepUpGate,
  timeLeft,
  LocaleDatePipe,
  EnumLabelPipe,
} from '@mijn-account/web-core';

/**
 * "Helpdesk access": requests to approve (shorter, fewer rights) or deny, active grants counting down
 * with revoke, past grants with the agent's closing note, and the full access log of the account
 * with its verification, filterable and exportable.
 */
@Component({
  selector: 'ma-helpdesk-access-page',
  imports: [
    ScrollRegionComponent,
    LocaleDatePipe,
    EnumLabelPipe,
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    StepUpPromptComponent,
    ProblemAlertComponent,
    SkeletonComponent,
    EmptyStateComponent,
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

    @if (requestsState.loading()) {
      <mat-card appearance="outlined"><ma-skeleton [lines]="2" /></mat-card>
    } @else if (requestsState.failed()) {
      <mat-card appearance="outlined">
        <ma-load-failed
          message="states.helpdesk.requestsFailed"
          testId="requests-failed"
          (retry)="requestsState.retry()"
        />
      </mat-card>
    } @else if (pending().length === 0 && active().length === 0) {
      <mat-card appearance="outlined">
        <ma-empty-state
          icon="shield"
          title="states.helpdesk.noRequests"
          text="states.helpdesk.noRequestsNext"
          testId="requests-empty"
        />
      </mat-card>
    }

    @for (g of pending(); track g.id) {
      <mat-card appearance="outlined" data-testid="pending-request">
        <h2>{{ 'helpdesk.requestFrom' | transloco: { agent: g.requestedBy } }}</h2>
        <p>{{ g.reason | maLabel: 'reason' }} · {{ 'helpdesk.ticket' | transloco }} <span class="nowrap">{{ g.ticket }}</span></p>
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
                s | maLabel: 'scope'
              }}</mat-checkbox>
            }
          </div>
          <div class="row">
            <button mat-flat-button type="button" (click)="approve(g)" data-testid="approve">
              {{ 'helpdesk.approve' | transloco }}
            </button>
          </div>
          <div class="row">
            <mat-form-field appearance="outline" class="wide">
              <mat-label>{{ 'helpdesk.denyReason' | transloco }}</mat-label>
              <textarea matInput rows="2" [(ngModel)]="denyReasons[g.id]"></textarea>
            </mat-form-field>
            <button mat-stroked-button type="button" (click)="deny(g)" data-testid="deny">
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
          {{ g.reason | maLabel: 'reason' }} · {{ g.scopes | maLabel: 'scope' }} ·
          <strong>{{ 'helpdesk.endsIn' | transloco: { time: countdown(g.expiresAt) } }}</strong>
        </p>
        <p>{{ g.justification }}</p>
        @if (isOwner()) {
          <button
            mat-flat-button
            type="button"
            (click)="act(() => store.revoke(g.id), 'notices.helpdesk.revoked')"
            data-testid="revoke"
          >
            {{ 'helpdesk.revoke' | transloco }}
          </button>
        }
      </mat-card>
    }

    <mat-card appearance="outlined">
      <h2>{{ 'helpdesk.history' | transloco }}</h2>
      @if (requestsState.loading()) {
        <ma-skeleton />
      } @else if (requestsState.failed()) {
        <ma-load-failed message="states.helpdesk.requestsFailed" (retry)="requestsState.retry()" />
      } @else if (past().length === 0) {
        <ma-empty-state
          icon="history"
          title="states.helpdesk.noHistory"
          text="states.helpdesk.noHistoryNext"
          testId="grant-history-empty"
        />
      } @else {
        <!-- Below 600 px each row is a card of label–value lines (STACKED_TABLE_STYLES). -->
        <ma-scroll-region [label]="'helpdesk.history' | transloco">
          <table class="stacked" data-testid="grant-history">
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
                  <td>{{ g.requestedAt | maDate }}</td>
                  <td [attr.data-label]="'helpdesk.agent' | transloco">{{ g.requestedBy }}</td>
                  <td [attr.data-label]="'helpdesk.reason' | transloco">{{ g.reason | maLabel: 'reason' }} (<span class="nowrap">{{ g.ticket }}</span>)</td>
                  <td [attr.data-label]="'helpdesk.status' | transloco" [class]="g.status === 'denied' ? 'refused' : ''">{{ g.status | maLabel: 'grantStatus' }}</td>
                  <td [attr.data-label]="g.closeNote || g.status === 'denied' ? ('helpdesk.note' | transloco) : null">
                    @if (g.status === 'denied') {
                      {{ 'helpdesk.deniedBy' | transloco: { name: g.decidedBy } }}@if (g.denyReason) {: {{ g.denyReason }}}
                    } @else {
                      {{ g.closeNote }}
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </ma-scroll-region>
      }
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'helpdesk.log' | transloco }}</h2>
      <!-- A log that did not load says so: it must never read as "nobody accessed your data". -->
      @if (logState.loading()) {
        <ma-skeleton [lines]="4" />
      } @else if (logState.failed()) {
        <ma-load-failed message="states.helpdesk.logFailed" testId="access-log-failed" (retry)="logState.retry()" />
      } @else if (log(); as l) {
        <!-- Plain words first; how the portal knows (the chain, the signed checkpoints) on demand. -->
        <div data-testid="log-verification">
          <p [class]="l.verification.intact ? 'ok' : 'error'">
            <strong>{{
              (l.verification.intact ? 'helpdesk.unchanged' : 'helpdesk.broken')
                | transloco: { seq: l.verification.firstBroken?.seq }
            }}</strong>
          </p>
          <details data-testid="log-verification-details">
            <summary>{{ 'helpdesk.howWeKnow' | transloco }}</summary>
            <p>{{ 'helpdesk.howWeKnowText' | transloco }}</p>
            @if (l.verification.intact) {
              <p>
                {{
                  'helpdesk.intact'
                    | transloco: { events: l.verification.events, checkpoints: l.verification.checkpoints.valid }
                }}
              </p>
            }
            @if (l.verification.unsealed > 0) {
              <p>{{ 'helpdesk.sealing' | transloco: { unsealed: l.verification.unsealed } }}</p>
            }
          </details>
        </div>
      @if (l.events.length === 0) {
        <ma-empty-state
          icon="history"
          title="states.helpdesk.noLog"
          text="states.helpdesk.noLogNext"
          testId="access-log-empty"
        />
      } @else {
      <div class="row">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'helpdesk.filter' | transloco }}</mat-label>
          <input matInput [ngModel]="filter()" (ngModelChange)="filter.set($event)" />
        </mat-form-field>
        <a mat-stroked-button [href]="store.exportUrl('csv')" download>CSV</a>
        <a mat-stroked-button [href]="store.exportUrl('json')" download>JSON</a>
      </div>
      <ma-scroll-region [label]="'helpdesk.log' | transloco">
        <table class="stacked" data-testid="access-log">
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
                <td>{{ e.at | maDate: 'medium' }}</td>
                <td [attr.data-label]="'helpdesk.who' | transloco">{{ e.actorName }}</td>
                <td [attr.data-label]="'helpdesk.what' | transloco">
                  {{ e.action | maLabel: 'logAction' }}
                  <!-- An access names what was read or changed; a step of a grant (no outcome) is about the grant itself. -->
                  @if (e.outcome) {
                    · {{ e.resource | maLabel: 'logResource' }}
                  }
                  <!-- The fields read or sent, in words; for a step of a grant, the rights it is about. -->
                  @if (e.fields.length > 0) {
                    <span data-testid="event-fields"
                      >({{ e.outcome ? fieldWords(e.fields) : (e.fields | maLabel: 'scope') }})</span
                    >
                  }
                </td>
                <!-- A step has no outcome of its own; a denial says so in words (never as "allowed"). -->
                <td
                  [class]="e.outcome ?? (e.action === 'request-denied' ? 'refused' : '')"
                  [attr.data-label]="e.outcome || e.action === 'request-denied' ? ('helpdesk.outcome' | transloco) : null"
                >
                  @if (e.outcome) {
                    {{ e.outcome | maLabel: 'logOutcome' }}
                  } @else if (e.action === 'request-denied') {
                    {{ 'denied' | maLabel: 'grantStatus' }}
                  }
                </td>
                <td [attr.data-label]="e.reason || e.ticket ? ('helpdesk.reason' | transloco) : null">
                  @if (reasonOf(e.reason); as r) {
                    {{ r.code | maLabel: 'reason' }}@if (r.note) {: {{ r.note }}}
                  }
                  <!-- An interpolated space: Angular drops the whitespace between a block and an element. -->
                  {{ ' ' }}<span class="nowrap">{{ e.ticket }}</span>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </ma-scroll-region>
      }
      }
    </mat-card>
  `,
})
export class HelpdeskAccessPageComponent implements OnInit, OnDestroy {
  protected readonly store = inject(HelpdeskAccessStore);
  private readonly notifier = inject(Notifier);
  /** The requests and grants, and the log: loaded apart, so each says for itself when it did not load. */
  protected readonly requestsState = new LoadState();
  protected readonly logState = new LoadState();
  private readonly session = inject(SessionStore);
  protected readonly grants = signal<AccessGrantView[]>([]);
  protected readonly log = signal<AccessLogView | null>(null);
  protected readonly filter = signal('');
  protected readonly stepUp = new StepUpGate(this.session);
  protected readonly runner = new ActionRunner({ stepUp: this.stepUp });
  protected readonly now = signal(Date.now());
  protected readonly minutes: Record<string, number> = {};
  protected readonly dropped: Record<string, boolean> = {};
  protected readonly denyReasons: Record<string, string> = {};
  private readonly transloco = inject(TranslocoService);
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

  /** The fields an access read or sent, in words (the template re-reads them when the language changes). */
  protected fieldWords(fields: string[]): string {
    return fields.map((f) => this.transloco.translate(`helpdesk.fields.${f}`)).join(', ');
  }

  /** An event's reason: the request's reason code, then (a denial, a closing) the decider's or agent's words. */
  protected reasonOf(reason: string | null): { code: string; note: string | null } | null {
    if (!reason) return null;
    const at = reason.indexOf(': ');
    return at < 0 ? { code: reason, note: null } : { code: reason.slice(0, at), note: reason.slice(at + 2) };
  }

  protected deny(g: AccessGrantView): Promise<void> {
    return this.act(
      () => this.store.deny(g.id, this.denyReasons[g.id]?.trim() || undefined),
      'notices.helpdesk.denied',
    );
  }

  protected approve(g: AccessGrantView): Promise<void> {
    const scopes = g.scopes.filter((s) => !this.dropped[g.id + s]);
    const minutes = this.minutes[g.id];
    return this.act(
      () => this.store.approve(g.id, { scopes, ...(minutes ? { minutes: Number(minutes) } : {}) }),
      'notices.helpdesk.approved',
    );
  }

  /** Runs a decision; when it is done, says so (a snackbar) and loads the page's data again. */
  protected async act(action: () => Promise<unknown>, done: string): Promise<void> {
    await this.runner.run(async () => {
      await action();
      this.notifier.success(done);
      await this.reload();
    });
  }

  private async reload(): Promise<void> {
    await Promise.all([
      this.requestsState.track(async () => {
        const grants = await this.store.requests();
        // The approve form proposes what was asked; the owner may give less.
        for (const g of grants)
          if (g.status === 'pending' && this.minutes[g.id] === undefined) this.minutes[g.id] = g.minutes;
        this.grants.set(grants);
      }),
      this.logState.track(async () => this.log.set(await this.store.log())),
    ]);
  }
}
