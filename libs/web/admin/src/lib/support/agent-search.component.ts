import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
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
import { EnumLabelPipe, fieldError } from '@mijn-account/web-core';
import { EmptyStateComponent, Notifier } from '@mijn-account/web-ui';

/** The agent finds an account (customer number and name only) and requests access to it. */
@Component({
  selector: 'ma-support-agent-search',
  imports: [
    EnumLabelPipe,
    FormsModule,
    ReactiveFormsModule,
    EmptyStateComponent,
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
      .error {
        color: #b00020;
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
      @if (results()?.length === 0) {
        <ma-empty-state
          icon="search"
          title="states.support.noResults"
          text="states.support.noResultsNext"
          [params]="{ query: searchedFor() }"
          testId="search-empty"
        />
      }
      <ul>
        @for (a of results() ?? []; track a.id) {
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
        <!-- The server's field errors show at their fields (a missing ticket, a too long time …). -->
        <form [formGroup]="form" (ngSubmit)="request(a)" novalidate>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'helpdesk.reason' | transloco }}</mat-label>
              <mat-select formControlName="reason">
                @for (r of reasons; track r) {
                  <mat-option [value]="r">{{ r | maLabel: 'reason' }}</mat-option>
                }
              </mat-select>
              @if (form.controls.reason.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'helpdesk.ticket' | transloco }}</mat-label>
              <input matInput formControlName="ticket" />
              @if (form.controls.ticket.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'helpdesk.minutes' | transloco }}</mat-label>
              <input matInput type="number" min="5" formControlName="minutes" />
              @if (form.controls.minutes.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
          </div>
          <mat-form-field appearance="outline" class="wide">
            <mat-label>{{ 'support.justification' | transloco }}</mat-label>
            <textarea matInput rows="3" formControlName="justification"></textarea>
            @if (form.controls.justification.errors?.['server']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <div class="row" role="group" [attr.aria-label]="'support.scopes' | transloco">
            @for (s of scopes; track s) {
              <mat-checkbox [checked]="chosen().includes(s)" (change)="toggle(s, $event.checked)">{{
                s | maLabel: 'scope'
              }}</mat-checkbox>
            }
          </div>
          @if (scopesError(); as message) {
            <p class="error" role="alert" data-testid="scopes-error">{{ message }}</p>
          }
          <button mat-flat-button type="submit" data-testid="send-request">
            {{ 'support.send' | transloco }}
          </button>
        </form>
      }
    </mat-card>
  `,
})
export class SupportAgentSearchComponent {
  private readonly console = inject(SupportConsoleStore);
  private readonly notifier = inject(Notifier);
  protected readonly reasons = ACCESS_REASONS;
  protected readonly scopes = ACCESS_SCOPES;
  /** Null before the first search; an empty list is "nothing found", said with what to try. */
  protected readonly results = signal<AccountHit[] | null>(null);
  protected readonly searchedFor = signal('');
  protected readonly selected = signal<AccountHit | null>(null);
  protected readonly chosen = signal<AccessScope[]>(['billing:read']);
  protected query = '';
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['service' as AccessReason],
    ticket: [''],
    justification: [''],
    minutes: [60],
  });
  /** The scopes have no control of their own: their error shows below the boxes. */
  protected readonly scopesError = computed(() => fieldError(this.console.runner.problem(), 'scopes'));

  protected toggle(scope: AccessScope, on: boolean): void {
    this.chosen.update((list) => (on ? [...list, scope] : list.filter((s) => s !== scope)));
  }

  protected async search(): Promise<void> {
    const query = this.query;
    const found = await this.console.search(query);
    if (!found) return;
    this.searchedFor.set(query);
    this.results.set(found);
  }

  /** Sent: the form closes (and starts afresh next time) and a notice says so; refused: errors at their fields. */
  protected async request(account: AccountHit): Promise<void> {
    const { reason, ticket, justification, minutes } = this.form.getRawValue();
    const sent = await this.console.request(
      { accountId: account.id, reason, ticket, justification, scopes: this.chosen(), minutes: Number(minutes) },
      this.form,
    );
    if (!sent) return;
    this.selected.set(null);
    this.form.reset();
    this.notifier.success('notices.support.requested', { account: `${account.customerNumber} ${account.name}` });
  }
}
