import { ChangeDetectionStrategy, Component, type OnInit, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { PAGE_STYLES, ProblemAlertComponent } from '@mijn-account/web-ui';
import { SupportAgentSearchComponent } from './support/agent-search.component';
import { SupportMyGrantsComponent } from './support/my-grants.component';
import { SupportConsoleStore } from './support/support-console.store';
import { SupportSupervisorQueueComponent } from './support/supervisor-queue.component';
import { SupportViewComponent } from './support/support-view.component';

/**
 * The helpdesk console, composed by role: an agent finds accounts and requests access, follows
 * their requests and opens the support view of an active grant; a supervisor decides the queue of
 * technical requests. The parts share one state (and one alert for what went wrong) for this page.
 */
@Component({
  selector: 'ma-support-console-page',
  imports: [
    ProblemAlertComponent,
    SupportAgentSearchComponent,
    SupportMyGrantsComponent,
    SupportSupervisorQueueComponent,
    SupportViewComponent,
    TranslocoPipe,
  ],
  providers: [SupportConsoleStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      :host {
        max-width: 64rem;
      }
    `,
  ],
  template: `
    <h1>{{ 'support.title' | transloco }}</h1>
    <ma-problem-alert [problem]="console.runner.problem()" testId="support-error" />
    <!-- A list that did not load says so in its own card (with a retry), never as "no requests". -->
    @if (console.isAgent()) {
      <ma-support-agent-search />
      <ma-support-my-grants />
      @if (console.view(); as view) {
        <ma-support-view [view]="view" />
      }
    }
    @if (console.isSupervisor()) {
      <ma-support-supervisor-queue />
    }
  `,
})
export class SupportConsolePageComponent implements OnInit {
  protected readonly console = inject(SupportConsoleStore);

  ngOnInit(): void {
    void this.console.load();
  }
}
