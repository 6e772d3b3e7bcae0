import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  AccessGrantView,
  AccessReason,
  AccessScope,
  BillingDetails,
  MyInvoiceView,
} from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';

export interface AccessLogEvent {
  id: string;
  /** Null for the few seconds until the event is chained. */
  seq: number | null;
  at: string;
  actorName: string;
  actorKind: string;
  action: string;
  resource: string;
  fields: string[];
  /** Of an access (a read or a write); null for a step of a grant (request made, approved, denied …). */
  outcome: 'allowed' | 'refused' | 'failed' | null;
  reason: string | null;
  ticket: string | null;
  ip: string | null;
  hash: string | null;
}

export interface AccessLogView {
  events: AccessLogEvent[];
  verification: {
    intact: boolean;
    events: number;
    unsealed: number;
    firstBroken: { seq: number; problem: string } | null;
    checkpoints: { total: number; valid: number };
  };
}

/** A person of the account, as the support view shows them (profile:read). */
export interface SupportProfile {
  displayName: string;
  email: string;
  phone: string | null;
  preferredLanguage: string | null;
  timeZone: string | null;
  role: string;
}

/** A newsletter subscription of one of the account's people (newsletters:read). */
export interface SupportSubscription {
  email: string;
  /** The list's name in both languages. */
  list: { nl: string; en: string };
  status: string;
}

/** What a supervisor's decision carries: for an approval less time or fewer scopes, for a denial its reason. */
export interface SupervisorDecision {
  minutes?: number;
  scopes?: AccessScope[];
  reason?: string;
}

/** The helpdesk's side: find accounts, request access, use and close grants; the supervisor's queue. */
@Injectable({ providedIn: 'root' })
export class SupportStore {
  private readonly http = inject(HttpClient);
  private readonly base = apiUrl('support');

  search(q: string): Promise<{ id: string; customerNumber: string; name: string }[]> {
    return firstValueFrom(
      this.http.get<{ id: string; customerNumber: string; name: string }[]>(`${this.base}/accounts`, { params: { q } }),
    );
  }

  request(body: {
    accountId: string;
    reason: AccessReason;
    ticket: string;
    justification: string;
    scopes: AccessScope[];
    minutes: number;
  }): Promise<AccessGrantView> {
    return firstValueFrom(this.http.post<AccessGrantView>(`${this.base}/requests`, body));
  }

  mine(): Promise<AccessGrantView[]> {
    return firstValueFrom(this.http.get<AccessGrantView[]>(`${this.base}/requests`));
  }

  close(id: string, note: string): Promise<AccessGrantView> {
    return firstValueFrom(
      this.http.post<AccessGrantView>(`${this.base}/requests/${id}/close`, { note: note || undefined }),
    );
  }

  billing(accountId: string): Promise<BillingDetails> {
    return firstValueFrom(this.http.get<BillingDetails>(`${this.base}/accounts/${accountId}/billing`));
  }

  profiles(accountId: string): Promise<SupportProfile[]> {
    return firstValueFrom(this.http.get<SupportProfile[]>(`${this.base}/accounts/${accountId}/profiles`));
  }

  newsletters(accountId: string): Promise<SupportSubscription[]> {
    return firstValueFrom(this.http.get<SupportSubscription[]>(`${this.base}/accounts/${accountId}/newsletters`));
  }

  /** The account's issued invoices and credit notes (invoices:read). */
  invoices(accountId: string): Promise<MyInvoiceView[]> {
    return firstValueFrom(this.http.get<MyInvoiceView[]>(`${this.base}/accounts/${accountId}/invoices`));
  }

  /** The address of an issued invoice's PDF under the grant (each download is in the access log). */
  invoicePdfUrl(accountId: string, invoiceId: string): string {
    return `${this.base}/accounts/${accountId}/invoices/${invoiceId}/pdf`;
  }

  queue(): Promise<AccessGrantView[]> {
    return firstValueFrom(this.http.get<AccessGrantView[]>(`${this.base}/queue`));
  }

  /** An approval may be shorter or with fewer scopes than asked; a denial says why (the agent reads it). */
  decide(id: string, approve: boolean, decision: SupervisorDecision = {}): Promise<AccessGrantView> {
    return firstValueFrom(
      this.http.post<AccessGrantView>(`${this.base}/queue/${id}/${approve ? 'approve' : 'deny'}`, decision),
    );
  }

  /** Technical requests decided lately (by any supervisor), newest first. */
  decided(): Promise<AccessGrantView[]> {
    return firstValueFrom(this.http.get<AccessGrantView[]>(`${this.base}/queue/decided`));
  }
}

/** The subscriber's "Helpdesk access": requests for their account, decisions, and the access log. */
@Injectable({ providedIn: 'root' })
export class HelpdeskAccessStore {
  private readonly http = inject(HttpClient);

  requests(): Promise<AccessGrantView[]> {
    return firstValueFrom(this.http.get<AccessGrantView[]>(apiUrl('accessRequests')));
  }

  approve(id: string, change: { minutes?: number; scopes?: AccessScope[] }): Promise<AccessGrantView> {
    return firstValueFrom(this.http.post<AccessGrantView>(`${apiUrl('accessRequests')}/${id}/approve`, change));
  }

  /** The reason, if given, is shown to the agent. */
  deny(id: string, reason?: string): Promise<AccessGrantView> {
    return firstValueFrom(
      this.http.post<AccessGrantView>(`${apiUrl('accessRequests')}/${id}/deny`, reason ? { reason } : {}),
    );
  }

  revoke(id: string): Promise<AccessGrantView> {
    return firstValueFrom(this.http.post<AccessGrantView>(`${apiUrl('accessRequests')}/${id}/revoke`, {}));
  }

  log(): Promise<AccessLogView> {
    return firstValueFrom(this.http.get<AccessLogView>(apiUrl('accessLog')));
  }

  exportUrl(format: 'json' | 'csv'): string {
    return `${apiUrl('accessLog')}/export.${format}`;
  }
}
