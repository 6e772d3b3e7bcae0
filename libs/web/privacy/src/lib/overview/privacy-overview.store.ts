import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  DisclosureCreate,
  DisclosureView,
  PrivacyOverview,
  PrivacyQuestionReceipt,
  PrivacyQuestionRequest,
  PrivacySettingsUpdate,
  PrivacySettingsView,
  ProcessingActivityInput,
  ProcessingActivityView,
} from '@mijn-account/shared-contracts';
import { type Versioned, apiUrl } from '@mijn-account/web-core';

/** The If-Match of a row read at `version` (the API's strong ETag). */
const etagOf = (version: number) => `"v${version}"`;

/**
 * The privacy page's data (what is held and why, the contact, disclosures), questions to the privacy
 * contact, and the tenant admin's processing record, privacy settings and disclosures register.
 */
@Injectable({ providedIn: 'root' })
export class PrivacyOverviewStore {
  private readonly http = inject(HttpClient);

  overview(): Promise<PrivacyOverview> {
    return firstValueFrom(this.http.get<PrivacyOverview>(apiUrl('myPrivacy')));
  }

  ask(request: PrivacyQuestionRequest): Promise<PrivacyQuestionReceipt> {
    return firstValueFrom(this.http.post<PrivacyQuestionReceipt>(`${apiUrl('myPrivacy')}/questions`, request));
  }

  activities(): Promise<ProcessingActivityView[]> {
    return firstValueFrom(this.http.get<ProcessingActivityView[]>(apiUrl('privacyProcessing')));
  }

  addActivity(input: ProcessingActivityInput): Promise<ProcessingActivityView> {
    return firstValueFrom(this.http.post<ProcessingActivityView>(apiUrl('privacyProcessing'), input));
  }

  /** Saves a row from the version it was read at; a 412 (someone saved first) is thrown like any problem. */
  saveActivity(row: ProcessingActivityView, input: ProcessingActivityInput): Promise<ProcessingActivityView> {
    return firstValueFrom(
      this.http.put<ProcessingActivityView>(`${apiUrl('privacyProcessing')}/${row.id}`, input, {
        headers: { 'If-Match': etagOf(row.version) },
      }),
    );
  }

  async removeActivity(row: ProcessingActivityView): Promise<void> {
    await firstValueFrom(
      this.http.delete(`${apiUrl('privacyProcessing')}/${row.id}`, { headers: { 'If-Match': etagOf(row.version) } }),
    );
  }

  async settings(): Promise<Versioned<PrivacySettingsView>> {
    const response = await firstValueFrom(
      this.http.get<PrivacySettingsView>(apiUrl('privacySettings'), { observe: 'response' }),
    );
    return { value: response.body as PrivacySettingsView, etag: response.headers.get('etag') ?? '' };
  }

  async saveSettings(update: PrivacySettingsUpdate, etag: string): Promise<Versioned<PrivacySettingsView>> {
    const response = await firstValueFrom(
      this.http.put<PrivacySettingsView>(apiUrl('privacySettings'), update, {
        observe: 'response',
        headers: { 'If-Match': etag },
      }),
    );
    return { value: response.body as PrivacySettingsView, etag: response.headers.get('etag') ?? '' };
  }

  disclosures(): Promise<DisclosureView[]> {
    return firstValueFrom(this.http.get<DisclosureView[]>(apiUrl('privacyDisclosures')));
  }

  disclose(input: DisclosureCreate): Promise<DisclosureView> {
    return firstValueFrom(this.http.post<DisclosureView>(apiUrl('privacyDisclosures'), input));
  }
}
