import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  type BillingDetails,
  type BillingUpdate,
  type ChangeHistoryEntry,
  PROBLEM_TYPES,
  type Profile,
  type ProfileUpdate,
  type ProblemDetails,
} from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';

/** A resource as loaded, with the ETag an edit must send back in If-Match. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** A save either lands, or finds that someone saved first: then `current` is their version. */
export type SaveResult<T> = { status: 'saved'; saved: Versioned<T> } | { status: 'conflict'; current: Versioned<T> };

const billingUrl = (accountId?: string) =>
  accountId ? `${apiUrl('support')}/accounts/${accountId}/billing` : apiUrl('billing');

/** Profile and billing details, with optimistic concurrency; other errors are thrown as problem details. */
@Injectable({ providedIn: 'root' })
export class AccountDetailsStore {
  private readonly http = inject(HttpClient);

  loadProfile(): Promise<Versioned<Profile>> {
    return this.load<Profile>(apiUrl('profile'));
  }

  saveProfile(update: ProfileUpdate, etag: string): Promise<SaveResult<Profile>> {
    return this.save<Profile>(apiUrl('profile'), update, etag);
  }

  profileHistory(): Promise<ChangeHistoryEntry[]> {
    return firstValueFrom(this.http.get<ChangeHistoryEntry[]>(`${apiUrl('profile')}/history`));
  }

  /** The signed-in subscriber's billing details; with `accountId`, an agent's, under a grant. */
  loadBilling(accountId?: string): Promise<Versioned<BillingDetails>> {
    return this.load<BillingDetails>(billingUrl(accountId));
  }

  saveBilling(update: BillingUpdate, etag: string, accountId?: string): Promise<SaveResult<BillingDetails>> {
    return this.save<BillingDetails>(billingUrl(accountId), update, etag);
  }

  billingHistory(): Promise<ChangeHistoryEntry[]> {
    return firstValueFrom(this.http.get<ChangeHistoryEntry[]>(`${apiUrl('billing')}/history`));
  }

  private async load<T>(url: string): Promise<Versioned<T>> {
    const response = await firstValueFrom(this.http.get<T>(url, { observe: 'response' }));
    return { value: response.body as T, etag: response.headers.get('etag') ?? '' };
  }

  private async save<T>(url: string, body: unknown, etag: string): Promise<SaveResult<T>> {
    try {
      const response = await firstValueFrom(
        this.http.put<T>(url, body, { observe: 'response', headers: { 'If-Match': etag } }),
      );
      return { status: 'saved', saved: { value: response.body as T, etag: response.headers.get('etag') ?? '' } };
    } catch (error) {
      const problem = error instanceof HttpErrorResponse ? (error.error as ProblemDetails | null) : null;
      if (
        problem?.type === PROBLEM_TYPES.preconditionFailed &&
        problem.current &&
        typeof problem.current === 'object'
      ) {
        const { etag: currentEtag, ...value } = problem.current as T & { etag: string };
        return { status: 'conflict', current: { value: value as T, etag: currentEtag } };
      }
      throw error;
    }
  }
}
