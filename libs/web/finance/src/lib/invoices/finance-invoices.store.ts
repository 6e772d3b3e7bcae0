import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  API_PREFIX,
  type CreditNoteCreate,
  FINANCE_INVOICE_ROUTES,
  type FinanceInvoiceDetail,
  type FinanceInvoicePage,
  type DocumentKindCode,
  type FinanceInvoiceQuery,
  type InvoiceStatus,
  type Language,
  type PaymentCreate,
} from '@mijn-account/shared-contracts';

/** Each status's text, written out so the key check finds every one. */
export const STATUS_KEYS: Record<InvoiceStatus, string> = {
  draft: 'finance.invoices.statuses.draft',
  open: 'finance.invoices.statuses.open',
  paid: 'finance.invoices.statuses.paid',
  void: 'finance.invoices.statuses.void',
  uncollectible: 'finance.invoices.statuses.uncollectible',
};

/** An invoice's or credit note's status in words: an issued credit note asks nothing, so it is "issued", never "open". */
export function statusKeyOf(document: { kind: DocumentKindCode; status: InvoiceStatus }): string {
  return document.kind === 'credit-note' && document.status === 'open'
    ? 'finance.invoices.statuses.issued'
    : STATUS_KEYS[document.status];
}

const INVOICES = `/${API_PREFIX}/${FINANCE_INVOICE_ROUTES.invoices}`;
const EXPORTS = `/${API_PREFIX}/${FINANCE_INVOICE_ROUTES.exports}`;

/** Finance's invoices and credit notes: the one place the finance invoice pages reach the API. */
@Injectable({ providedIn: 'root' })
export class FinanceInvoicesStore {
  private readonly http = inject(HttpClient);

  list(query: FinanceInvoiceQuery): Promise<FinanceInvoicePage> {
    let params = new HttpParams();
    if (query.status?.length) params = params.set('status', query.status.join(','));
    if (query.kind) params = params.set('kind', query.kind);
    if (query.overdue) params = params.set('overdue', 'true');
    if (query.from) params = params.set('from', query.from);
    if (query.to) params = params.set('to', query.to);
    if (query.accountId) params = params.set('accountId', query.accountId);
    if (query.q) params = params.set('q', query.q);
    if (query.after) params = params.set('after', query.after);
    return firstValueFrom(this.http.get<FinanceInvoicePage>(INVOICES, { params }));
  }

  detail(id: string): Promise<FinanceInvoiceDetail> {
    return firstValueFrom(this.http.get<FinanceInvoiceDetail>(`${INVOICES}/${id}`));
  }

  async pay(id: string, payment: PaymentCreate): Promise<void> {
    await firstValueFrom(this.http.post(`${INVOICES}/${id}/payments`, payment));
  }

  async move(id: string, to: 'void' | 'uncollectible', reason: string): Promise<void> {
    await firstValueFrom(this.http.post(`${INVOICES}/${id}/${to}`, { reason }));
  }

  /** The key is made once per credit-note form, so a retry after a lost answer replays, never issues twice. */
  creditNote(id: string, request: CreditNoteCreate, idempotencyKey: string): Promise<FinanceInvoiceDetail> {
    return firstValueFrom(
      this.http.post<FinanceInvoiceDetail>(`${INVOICES}/${id}/credit-notes`, request, {
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    );
  }

  fileUrl(id: string, format: 'pdf' | 'ubl'): string {
    return `${INVOICES}/${id}/${format}`;
  }

  csvUrl(from: string, to: string, language: Language): string {
    return `${EXPORTS}/invoices.csv?${new URLSearchParams({ from, to, language }).toString()}`;
  }

  zipUrl(from: string, to: string): string {
    return `${EXPORTS}/ubl.zip?${new URLSearchParams({ from, to }).toString()}`;
  }
}
