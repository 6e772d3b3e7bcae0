import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { InvoicingSettingsUpdate, InvoicingSettingsView } from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';
import type { Versioned } from './account-details.store';

/**
 * The tenant's invoicing settings (the admin saves with a step-up, finance reads), versioned: a save
 * sends the ETag it started from; a 412 (someone saved first) is thrown like any problem.
 */
@Injectable({ providedIn: 'root' })
export class InvoicingSettingsStore {
  private readonly http = inject(HttpClient);

  async load(): Promise<Versioned<InvoicingSettingsView>> {
    const response = await firstValueFrom(
      this.http.get<InvoicingSettingsView>(apiUrl('invoicingSettings'), { observe: 'response' }),
    );
    return { value: response.body as InvoicingSettingsView, etag: response.headers.get('etag') ?? '' };
  }

  async save(update: InvoicingSettingsUpdate, etag: string): Promise<Versioned<InvoicingSettingsView>> {
    const response = await firstValueFrom(
      this.http.put<InvoicingSettingsView>(apiUrl('invoicingSettings'), update, {
        observe: 'response',
        headers: { 'If-Match': etag },
      }),
    );
    return { value: response.body as InvoicingSettingsView, etag: response.headers.get('etag') ?? '' };
  }
}
