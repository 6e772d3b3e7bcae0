import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { ACCESS_REASONS, ACCESS_SCOPES, type AccessReason, type AccessScope } from '@mijn-account/shared-contracts';
import { type AccountHit, SupportConsoleStore } from './support-console.store';
import { SUPPORT_PART_STYLES } from './support-styles';
import { EnumLabelPipe } from '@mijn-account/web-core';

/** The agent finds an account (customer number and name only) and requests access to it. */
@Component({
  selector: 'ma-support-agent-search',
  imports: [
    EnumLabelPipe,
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    SUPPORT_PART_STYLES,
    `
      ul {
        padding-left: 0;
        list-style: none;
      }
      .hit {
        height: auto;
        min-height: 36px;
        white-space: normal;
        text-align: left;
        overflow-wrap: anywhere;
      }
    `,
  ],
  template: `
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
              class="hit"
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
                <mat-option [value]="r">{{ r | maLabel: 'reason' }}</mat-option>
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
        <mat-form-field appearance="outline" class="wide">
          <mat-label>{{ 'support.justification' | transloco }}</mat-label>
          <textarea matInput rows="3" [(ngModel)]="justification"></textarea>
        </mat-form-field>
        <div class="row" role="group" [attr.aria-label]="'support.scopes' | transloco">
          @for (s of scopes; track s) {
            <mat-checkbox [checked]="chosen().includes(s)" (change)="toggle(s, $event.checked)">{{
              s | maLabel: 'scope'
            }}</mat-checkbox>
          }
        </div>
        <button mat-flat-button type="button" (click)="request(a.id)" data-testid="send-request">
          {{ 'support.send' | transloco }}
        </button>
      }
    </mat-card>
  `,
})
export class SupportAgentSearchComponent {
  private readonly console = inject(SupportConsoleStore);
  protected readonly reasons = ACCESS_REASONS;
  protected readonly scopes = ACCESS_SCOPES;
  protected readonly results = signal<AccountHit[]>([]);
  protected readonly selected = signal<AccountHit | null>(null);
  protected readonly chosen = signal<AccessScope[]>(['billing:read']);
  protected query = '';
  protected reason: AccessReason = 'service';
  protected ticket = '';
  protected justification = '';
  protected minutes = 60;

  protected toggle(scope: AccessScope, on: boolean): void {
    this.chosen.update((list) => (on ? [...list, scope] : list.filter((s) => s !== scope)));
  }

  protected async search(): Promise<void> {
    const found = await this.console.search(this.query);
    if (found) this.results.set(found);
  }

  protected async request(accountId: string): Promise<void> {
    const sent = await this.console.request({
      accountId,
      reason: this.reason,
      ticket: this.ticket,
      justification: this.justification,
      scopes: this.chosen(),
      minutes: Number(this.minutes),
    });
    if (sent) this.selected.set(null);
  }
}
