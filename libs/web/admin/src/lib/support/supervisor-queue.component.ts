import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import { LocaleDatePipe, SessionStore, StepUpGate } from '@mijn-account/web-core';
import {
  EmptyStateComponent,
  LoadFailedComponent,
  SkeletonComponent,
  StepUpPromptComponent,
} from '@mijn-account/web-ui';
import { SupportQueueRequestComponent } from './queue-request.component';
import { SupportConsoleStore } from './support-console.store';
import { SUPPORT_PART_STYLES } from './support-styles';

/**
 * The supervisor's queue of technical requests (which never reach the subscriber to decide), each in
 * full with its decision form, and the history of technical requests decided lately.
 */
@Component({
  selector: 'ma-support-supervisor-queue',
  imports: [
    LocaleDatePipe,
    MatCardModule,
    StepUpPromptComponent,
    SupportQueueRequestComponent,
    TranslocoPipe,
    EmptyStateComponent,
    LoadFailedComponent,
    SkeletonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: SUPPORT_PART_STYLES,
  template: `
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
      @if (console.lists.loading()) {
        <ma-skeleton [lines]="2" />
      } @else if (console.lists.failed()) {
        <ma-load-failed message="states.support.failed" testId="queue-failed" (retry)="console.lists.retry()" />
      } @else if (console.queue().length === 0) {
        <ma-empty-state icon="inbox" title="support.queueEmpty" text="states.support.queueEmptyNext" testId="queue-empty" />
      }
      @for (g of console.queue(); track g.id) {
        <ma-support-queue-request [grant]="g" [stepUp]="stepUp" data-testid="queue-request" />
      }
    </mat-card>
    <mat-card appearance="outlined">
      <h2>{{ 'support.decided' | transloco }}</h2>
      @if (console.lists.loaded() && console.decided().length === 0) {
        <ma-empty-state icon="history" title="support.decidedEmpty" testId="decided-empty" />
      } @else if (console.decided().length > 0) {
        <table class="stacked" data-testid="supervisor-decided">
          <thead>
            <tr>
              <th scope="col">{{ 'support.decidedAt' | transloco }}</th>
              <th scope="col">{{ 'support.account' | transloco }}</th>
              <th scope="col">{{ 'helpdesk.agent' | transloco }}</th>
              <th scope="col">{{ 'helpdesk.reason' | transloco }}</th>
              <th scope="col">{{ 'support.decision' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (g of console.decided(); track g.id) {
              <tr>
                <td [attr.data-label]="'support.decidedAt' | transloco">{{ g.decidedAt | maDate }}</td>
                <td [attr.data-label]="'support.account' | transloco">{{ g.customerNumber }} {{ g.accountName }}</td>
                <td [attr.data-label]="'helpdesk.agent' | transloco">{{ g.requestedBy }}</td>
                <td [attr.data-label]="'helpdesk.reason' | transloco">
                  {{ 'helpdesk.reasons.' + g.reason | transloco }} (<span class="nowrap">{{ g.ticket }}</span>)
                </td>
                <td [attr.data-label]="'support.decision' | transloco">
                  {{
                    (g.status === 'denied' ? 'support.deniedBy' : 'support.approvedBy')
                      | transloco: { name: g.decidedBy }
                  }}
                  @if (g.status === 'denied') {
                    @if (g.denyReason) {
                      — {{ g.denyReason }}
                    }
                  } @else {
                    · {{ 'support.askedMinutes' | transloco: { minutes: g.minutes } }}
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
    </mat-card>
  `,
})
export class SupportSupervisorQueueComponent {
  protected readonly console = inject(SupportConsoleStore);
  protected readonly stepUp = new StepUpGate(inject(SessionStore));
}
