import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { EmptyStateComponent, LoadFailedComponent, Notifier, SkeletonComponent } from '@mijn-account/web-ui';
import { SupportConsoleStore } from './support-console.store';
import { SUPPORT_PART_STYLES } from './support-styles';

/** The agent's own requests and grants: open the support view of an active one, or close it with a note. */
@Component({
  selector: 'ma-support-my-grants',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    EmptyStateComponent,
    LoadFailedComponent,
    SkeletonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: SUPPORT_PART_STYLES,
  template: `
    <mat-card appearance="outlined">
      <h2>{{ 'support.mine' | transloco }}</h2>
      @if (console.lists.loading()) {
        <ma-skeleton [lines]="2" />
      } @else if (console.lists.failed()) {
        <ma-load-failed message="states.support.failed" testId="my-requests-failed" (retry)="console.lists.retry()" />
      } @else if (console.mine().length === 0) {
        <ma-empty-state
          icon="inbox"
          title="states.support.noRequests"
          text="states.support.noRequestsNext"
          testId="my-requests-empty"
        />
      } @else {
      <table class="stacked" data-testid="my-requests">
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
          @for (g of console.mine(); track g.id) {
            <tr>
              <td>{{ g.customerNumber }} {{ g.accountName }}</td>
              <td [attr.data-label]="'helpdesk.reason' | transloco">
                {{ 'helpdesk.reasons.' + g.reason | transloco }} (<span class="nowrap">{{ g.ticket }}</span>)
              </td>
              <td [attr.data-label]="'helpdesk.status' | transloco">
                {{ 'helpdesk.statuses.' + g.status | transloco }}
                @if (g.status === 'active') {
                  · {{ g.minutes }} min
                }
                @if (g.status === 'denied' && g.denyReason) {
                  <span class="deny-reason" data-testid="deny-reason-shown"
                    >· {{ 'support.denyReasonShown' | transloco: { name: g.decidedBy, reason: g.denyReason } }}</span
                  >
                }
              </td>
              <td>
                @if (g.status === 'active') {
                  <button mat-stroked-button type="button" (click)="console.open(g)" data-testid="open-support-view">
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
      }
    </mat-card>

    @if (closing(); as id) {
      <mat-card appearance="outlined">
        <mat-form-field appearance="outline" class="wide">
          <mat-label>{{ 'support.closeNote' | transloco }}</mat-label>
          <textarea matInput rows="3" [(ngModel)]="closeNote"></textarea>
        </mat-form-field>
        <button mat-flat-button type="button" (click)="close(id)">{{ 'support.close' | transloco }}</button>
      </mat-card>
    }
  `,
})
export class SupportMyGrantsComponent {
  protected readonly console = inject(SupportConsoleStore);
  private readonly notifier = inject(Notifier);
  /** The grant whose closing note is being written. */
  protected readonly closing = signal<string | null>(null);
  protected closeNote = '';

  protected async close(id: string): Promise<void> {
    if (!(await this.console.close(id, this.closeNote))) return;
    this.closing.set(null);
    this.closeNote = '';
    this.notifier.success('notices.support.closed');
  }
}
