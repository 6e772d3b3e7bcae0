import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  API_PREFIX,
  type AdminPrivacyRequestView,
  type MyRestrictionView,
  type ObjectionPurpose,
  PRIVACY_REQUEST_ROUTES,
  type PrivacyRequestClosing,
  type PrivacyRequestExtension,
  type PrivacyRequestRegistration,
  type PrivacyRequestState,
  type PrivacyRequestView,
  type RestrictedPersonView,
  type RestrictionUpdate,
} from '@mijn-account/shared-contracts';

const url = (route: keyof typeof PRIVACY_REQUEST_ROUTES) => `/${API_PREFIX}/${PRIVACY_REQUEST_ROUTES[route]}`;
const ifMatch = (version: number) => ({ headers: { 'If-Match': `"v${version}"` } });

/** Privacy requests, restriction and objection: the person's own, and the tenant admin's register. */
@Injectable({ providedIn: 'root' })
export class PrivacyRequestsStore {
  private readonly http = inject(HttpClient);

  myRequests(): Promise<PrivacyRequestView[]> {
    return firstValueFrom(this.http.get<PrivacyRequestView[]>(url('myRequests')));
  }

  myRestriction(): Promise<MyRestrictionView> {
    return firstValueFrom(this.http.get<MyRestrictionView>(url('myRestriction')));
  }

  requestRestriction(details: string): Promise<MyRestrictionView> {
    return firstValueFrom(this.http.post<MyRestrictionView>(`${url('myRestriction')}/requests`, { details }));
  }

  object(purpose: ObjectionPurpose, objected: boolean): Promise<MyRestrictionView> {
    return firstValueFrom(this.http.put<MyRestrictionView>(`${url('myObjections')}/${purpose}`, { objected }));
  }

  requests(status: PrivacyRequestState | null): Promise<AdminPrivacyRequestView[]> {
    const params: Record<string, string> = status ? { status } : {};
    return firstValueFrom(this.http.get<AdminPrivacyRequestView[]>(url('adminRequests'), { params }));
  }

  register(input: PrivacyRequestRegistration): Promise<AdminPrivacyRequestView> {
    return firstValueFrom(this.http.post<AdminPrivacyRequestView>(url('adminRequests'), input));
  }

  extend(request: AdminPrivacyRequestView, input: PrivacyRequestExtension): Promise<AdminPrivacyRequestView> {
    return firstValueFrom(
      this.http.post<AdminPrivacyRequestView>(
        `${url('adminRequests')}/${request.id}/extension`,
        input,
        ifMatch(request.version),
      ),
    );
  }

  close(request: AdminPrivacyRequestView, input: PrivacyRequestClosing): Promise<AdminPrivacyRequestView> {
    return firstValueFrom(
      this.http.post<AdminPrivacyRequestView>(
        `${url('adminRequests')}/${request.id}/closing`,
        input,
        ifMatch(request.version),
      ),
    );
  }

  restrictions(): Promise<RestrictedPersonView[]> {
    return firstValueFrom(this.http.get<RestrictedPersonView[]>(url('adminRestrictions')));
  }

  /** The person's current restriction with its version (the ETag the edit must carry). */
  async person(userId: string): Promise<RestrictedPersonView> {
    const response = await firstValueFrom(
      this.http.get<Omit<RestrictedPersonView, 'version'>>(`${url('adminRestrictions')}/${userId}`, {
        observe: 'response',
      }),
    );
    const version = Number(/"v(\d+)"/.exec(response.headers.get('etag') ?? '')?.[1] ?? 0);
    return { ...(response.body as Omit<RestrictedPersonView, 'version'>), version };
  }

  setRestriction(userId: string, version: number, update: RestrictionUpdate): Promise<RestrictedPersonView> {
    return firstValueFrom(
      this.http.put<RestrictedPersonView>(`${url('adminRestrictions')}/${userId}`, update, ifMatch(version)),
    );
  }
}
