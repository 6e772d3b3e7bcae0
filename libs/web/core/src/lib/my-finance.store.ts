import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  InvoiceAccessSetting,
  MyInvoiceView,
  MySubscriptionChange,
  MySubscriptionOptions,
  SubscriptionView,
} from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';

/** The subscriber's own finance: Mijn abonnement (subscriptions, cancel, change) and Mijn facturen. */
@Injectable({ providedIn: 'root' })
export class MyFinanceStore {
  private readonly http = inject(HttpClient);

  subscriptions(): Promise<SubscriptionView[]> {
    return firstValueFrom(this.http.get<SubscriptionView[]>(apiUrl('mySubscription')));
  }

  /** Whether the tenant lets the subscriber change plan or quantity, and the plans to choose from. */
  options(): Promise<MySubscriptionOptions> {
    return firstValueFrom(this.http.get<MySubscriptionOptions>(`${apiUrl('mySubscription')}/options`));
  }

  /** Cancel at the end of the current period (`cancel`), or undo that (`resume`). */
  setCancel(id: string, cancel: boolean): Promise<SubscriptionView> {
    return firstValueFrom(
      this.http.post<SubscriptionView>(`${apiUrl('mySubscription')}/${id}/${cancel ? 'cancel' : 'resume'}`, {}),
    );
  }

  change(id: string, change: MySubscriptionChange): Promise<SubscriptionView> {
    return firstValueFrom(this.http.post<SubscriptionView>(`${apiUrl('mySubscription')}/${id}/change`, change));
  }

  invoices(): Promise<MyInvoiceView[]> {
    return firstValueFrom(this.http.get<MyInvoiceView[]>(apiUrl('myInvoices')));
  }

  /** Where the browser downloads an invoice's stored PDF or UBL (same origin, the session cookie). */
  fileUrl(invoiceId: string, format: 'pdf' | 'ubl'): string {
    return `${apiUrl('myInvoices')}/${invoiceId}/${format}`;
  }

  invoiceAccess(): Promise<InvoiceAccessSetting> {
    return firstValueFrom(this.http.get<InvoiceAccessSetting>(apiUrl('myInvoiceAccess')));
  }

  setInvoiceAccess(setting: InvoiceAccessSetting): Promise<InvoiceAccessSetting> {
    return firstValueFrom(this.http.put<InvoiceAccessSetting>(apiUrl('myInvoiceAccess'), setting));
  }
}
