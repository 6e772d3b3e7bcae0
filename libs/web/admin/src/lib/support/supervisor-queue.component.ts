import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AccessGrantView } from '@mijn-account/shared-contracts';
import { SessionStore, StepUpGate } from '@mijn-account/web-core';
import { StepUpPromptComponent } from '@mijn-account/web-ui';
import { SupportConsoleStore } from './support-console.store';
import { SUPPORT_PART_STYLES } from './support-styles';

/** The supervisor's queue of technical requests (which never reach the subscriber to decide). */
@Component({
  selector: 'ma-support-supervisor-queue',
  imports: [MatButtonModule, MatCardModule, StepUpPromptComponent, TranslocoPipe],
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
      @if (console.queue().length === 0) {
        <p>{{ 'support.queueEmpty' | transloco }}</p>
      }
      @for (g of console.queue(); track g.id) {
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
  `,
})
export class SupportSupervisorQueueComponent {
  protected readonly console = inject(SupportConsoleStore);
  protected readonly stepUp = new StepUpGate(inject(SessionStore));

  /** Approving a technical request needs a code from the supervisor's app in the last minutes. */
  protected decide(grant: AccessGrantView, approve: boolean): Promise<void> {
    return this.console.decide(grant, approve, this.stepUp);
  }
}
