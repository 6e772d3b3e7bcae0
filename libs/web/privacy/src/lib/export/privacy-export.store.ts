import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API_PREFIX, PRIVACY_EXPORTS_ROUTE, type PrivacyExportView } from '@mijn-account/shared-contracts';

const BASE = `/${API_PREFIX}/${PRIVACY_EXPORTS_ROUTE}`;

/** The person's data exports: ask for one, list them (components never call HttpClient). */
@Injectable({ providedIn: 'root' })
export class PrivacyExportStore {
  private readonly http = inject(HttpClient);

  list(): Promise<PrivacyExportView[]> {
    return firstValueFrom(this.http.get<PrivacyExportView[]>(BASE));
  }

  request(): Promise<PrivacyExportView> {
    return firstValueFrom(this.http.post<PrivacyExportView>(BASE, {}));
  }

  /** Where the browser downloads an export with the signed token of a mail link (same origin, the session cookie). */
  downloadUrl(exportId: string, token: string): string {
    return `${BASE}/${encodeURIComponent(exportId)}/download?token=${encodeURIComponent(token)}`;
  }
}
