import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  AdminStatementView,
  AdminStatementsView,
  PublicStatementView,
  StatementDraftInput,
  StatementNotice,
  StatementVersionView,
} from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';

/**
 * The privacy statement: the public page, the signed-in person's banner (the version they have not
 * acknowledged), and the admin's draft, saved and published with the ETag it was loaded with.
 */
@Injectable({ providedIn: 'root' })
export class StatementsStore {
  private readonly http = inject(HttpClient);
  private readonly pendingVersion = signal<StatementVersionView | null>(null);
  /** The version the banner asks the user to read, or null. */
  readonly pending = this.pendingVersion.asReadonly();

  read(): Promise<PublicStatementView> {
    return firstValueFrom(this.http.get<PublicStatementView>(apiUrl('privacyStatement')));
  }

  async loadNotice(): Promise<void> {
    const notice = await firstValueFrom(this.http.get<StatementNotice>(`${apiUrl('privacyStatement')}/notice`));
    this.pendingVersion.set(notice.pending);
  }

  async acknowledge(version: number): Promise<void> {
    const notice = await firstValueFrom(
      this.http.post<StatementNotice>(`${apiUrl('privacyStatement')}/acknowledgements`, { version }),
    );
    this.pendingVersion.set(notice.pending);
  }

  async adminList(): Promise<AdminStatementsView & { etag: string | null }> {
    const response = await firstValueFrom(
      this.http.get<AdminStatementsView>(apiUrl('adminPrivacyStatements'), { observe: 'response' }),
    );
    return { ...(response.body as AdminStatementsView), etag: response.headers.get('etag') };
  }

  /** Creates the draft (no ETag) or saves it; answers the new ETag. */
  async saveDraft(input: StatementDraftInput, etag: string | null): Promise<string> {
    const response = await firstValueFrom(
      this.http.put<AdminStatementView>(`${apiUrl('adminPrivacyStatements')}/draft`, input, {
        observe: 'response',
        headers: etag ? { 'If-Match': etag } : {},
      }),
    );
    return response.headers.get('etag') ?? '';
  }

  async deleteDraft(etag: string): Promise<void> {
    await firstValueFrom(
      this.http.delete(`${apiUrl('adminPrivacyStatements')}/draft`, { headers: { 'If-Match': etag } }),
    );
  }

  async publish(etag: string): Promise<AdminStatementView> {
    return firstValueFrom(
      this.http.post<AdminStatementView>(`${apiUrl('adminPrivacyStatements')}/draft/publish`, null, {
        headers: { 'If-Match': etag },
      }),
    );
  }
}
