import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import type { PrivacyRequestView } from '@mijn-account/shared-contracts';
import { EnumLabelPipe, LoadState, LocaleDatePipe } from '@mijn-account/web-core';
import { EmptyStateComponent, LoadFailedComponent, PAGE_STYLES, SkeletonComponent } from '@mijn-account/web-ui';
import { PrivacyRequestsStore } from './privacy-requests.store';
import { REQUEST_LIST_STYLES } from './request-styles';

/** The person's privacy requests: what they asked, by when the answer is due (the law's deadline), and the outcome. */
@Component({
  selector: 'ma-my-privacy-requests-page',
  imports: [
    LocaleDatePipe,
    TranslocoPipe,
    EnumLabelPipe,
    MatCardModule,
    SkeletonComponent,
    LoadFailedComponent,
    EmptyStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [PAGE_STYLES, REQUEST_LIST_STYLES],
  template: `
    <h1>{{ 'privacy.requests.title' | transloco }}</h1>
    <p>{{ 'privacy.requests.intro' | transloco }}</p>
    <mat-card appearance="outlined">
      @if (page.loading()) {
        <ma-skeleton [lines]="4" testId="my-requests-loading" />
      } @else if (page.failed()) {
        <ma-load-failed testId="my-requests-failed" (retry)="page.retry()" />
      } @else if (requests().length === 0) {
        <ma-empty-state
          title="privacy.requests.empty"
          text="privacy.requests.emptyText"
          actionLabel="privacy.requests.toPrivacy"
          actionLink="/privacy"
          testId="my-requests-empty"
        />
      } @else {
        <ul class="requests" data-testid="my-requests">
          @for (r of requests(); track r.id) {
            <li [class]="r.deadlineState" data-testid="my-request" [attr.data-type]="r.type">
              <strong>{{ r.type | maLabel: 'privacyRequestType' }}</strong>
              · <span [class]="'badge ' + r.deadlineState">{{ r.deadlineState | maLabel: 'deadlineState' }}</span>
              <dl>
                <dt>{{ 'privacy.requests.received' | transloco }}</dt>
                <dd>{{ r.receivedOn | maDate: 'long' }} · {{ r.channel | maLabel: 'privacyRequestChannel' }}</dd>
                <dt>{{ 'privacy.requests.dueOn' | transloco }}</dt>
                <dd data-testid="my-request-due">{{ r.dueOn | maDate: 'long' }}</dd>
                @if (r.extendedUntil) {
                  <dt>{{ 'privacy.requests.extended' | transloco }}</dt>
                  <dd data-testid="my-request-extension">
                    {{ 'privacy.requests.extendedFrom' | transloco: { date: (r.deadline | maDate: 'long') } }} “{{ r.extensionReason }}”
                  </dd>
                }
                <dt>{{ 'privacy.requests.status' | transloco }}</dt>
                <dd data-testid="my-request-status">{{ r.status | maLabel: 'privacyRequestStatus' }}</dd>
                @if (r.outcome) {
                  <dt>{{ 'privacy.requests.outcome' | transloco }}</dt>
                  <dd data-testid="my-request-outcome">{{ r.outcome }}</dd>
                }
              </dl>
            </li>
          }
        </ul>
      }
    </mat-card>
  `,
})
export class MyPrivacyRequestsPageComponent implements OnInit {
  private readonly store = inject(PrivacyRequestsStore);
  protected readonly page = new LoadState();
  protected readonly requests = signal<PrivacyRequestView[]>([]);

  ngOnInit(): void {
    void this.page.track(async () => this.requests.set(await this.store.myRequests()));
  }
}
