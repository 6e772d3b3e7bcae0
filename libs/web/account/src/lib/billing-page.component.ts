import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ChangeHistoryEntry } from '@mijn-account/shared-contracts';
import { AccountDetailsStore, LoadState, SessionStore } from '@mijn-account/web-core';
import { BillingFormComponent } from './billing-form.component';
import { ChangeHistoryComponent } from './change-history.component';
import { PAGE_STYLES } from '@mijn-account/web-ui';

/** Company and billing details of the account: owners edit, members read; with their history. */
@Component({
  selector: 'ma-billing-page',
  imports: [TranslocoPipe, BillingFormComponent, ChangeHistoryComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: PAGE_STYLES,
  template: `
    <h1>{{ 'billing.title' | transloco }}</h1>
    @if (!canEdit()) {
      <p>{{ 'billing.readOnly' | transloco }}</p>
    }
    <ma-billing-form [canEdit]="canEdit()" (saved)="reloadHistory()" />
    <ma-change-history [entries]="history()" [state]="historyState" />
  `,
})
export class BillingPageComponent implements OnInit {
  private readonly store = inject(AccountDetailsStore);
  private readonly session = inject(SessionStore);
  protected readonly canEdit = computed(() => this.session.me()?.account?.role === 'owner');
  protected readonly history = signal<ChangeHistoryEntry[]>([]);
  protected readonly historyState = new LoadState();

  ngOnInit(): void {
    void this.session.ensureLoaded();
    void this.reloadHistory();
  }

  protected readonly reloadHistory = () =>
    this.historyState.track(async () => this.history.set(await this.store.billingHistory()));
}
