import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  FinanceAccountPage,
  FinanceAccountView,
  FinanceInvoiceView,
  SubscriptionCreate,
  SubscriptionUpdate,
  SubscriptionView,
} from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';
import type { Versioned } from './account-details.store';

/**
 * Finance's customers: the searchable list (keyset pages), one customer's billing details, its
 * subscriptions (each read is logged in the account's access log by the API) and its invoices.
 */
@Injectable({ providedIn: 'root' })
export class FinanceAccountsStore {
  private readonly http = inject(HttpClient);

  search(q: string, after: string | null = null): Promise<FinanceAccountPage> {
    let params = new HttpParams();
    if (q.trim()) params = params.set('q', q.trim());
    if (after) params = params.set('after', after);
    return firstValueFrom(this.http.get<FinanceAccountPage>(apiUrl('financeAccounts'), { params }));
  }

  account(accountId: string): Promise<FinanceAccountView> {
    return firstValueFrom(this.http.get<FinanceAccountView>(`${apiUrl('financeAccounts')}/${accountId}`));
  }

  subscriptions(accountId: string): Promise<SubscriptionView[]> {
    return firstValueFrom(this.http.get<SubscriptionView[]>(`${apiUrl('financeAccounts')}/${accountId}/subscriptions`));
  }

  invoices(accountId: string): Promise<FinanceInvoiceView[]> {
    return firstValueFrom(this.http.get<FinanceInvoiceView[]>(`${apiUrl('financeAccounts')}/${accountId}/invoices`));
  }

  createSubscription(accountId: string, subscription: SubscriptionCreate): Promise<SubscriptionView> {
    return firstValueFrom(
      this.http.post<SubscriptionView>(`${apiUrl('financeAccounts')}/${accountId}/subscriptions`, subscription),
    );
  }

  /** One subscription with the ETag a change must send. */
  async subscription(subscriptionId: string): Promise<Versioned<SubscriptionView>> {
    const response = await firstValueFrom(
      this.http.get<SubscriptionView>(`${apiUrl('financeSubscriptions')}/${subscriptionId}`, { observe: 'response' }),
    );
    return { value: response.body as SubscriptionView, etag: response.headers.get('etag') ?? '' };
  }

  /** Changes plan, quantity or cancel-at-period-end, on the version the user started from (412 when stale). */
  updateSubscription(subscriptionId: string, update: SubscriptionUpdate, etag: string): Promise<SubscriptionView> {
    return firstValueFrom(
      this.http.put<SubscriptionView>(`${apiUrl('financeSubscriptions')}/${subscriptionId}`, update, {
        headers: { 'If-Match': etag },
      }),
    );
  }
}
