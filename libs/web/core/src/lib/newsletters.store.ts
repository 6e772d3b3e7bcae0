import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  Language,
  NewsletterIssuePreview,
  NewsletterListAdmin,
  NewsletterListView,
  NewsletterUnsubscribeView,
} from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';

export interface NewsletterListInput {
  nameNl: string;
  nameEn: string;
  descriptionNl: string;
  descriptionEn: string;
  visible: boolean;
}

/** Newsletters: a subscriber's own (signed in, or through the signed link in a mail), and the admin's lists. */
@Injectable({ providedIn: 'root' })
export class NewslettersStore {
  private readonly http = inject(HttpClient);

  mine(): Promise<NewsletterListView[]> {
    return firstValueFrom(this.http.get<NewsletterListView[]>(apiUrl('myNewsletters')));
  }

  setMine(listId: string, subscribed: boolean): Promise<NewsletterListView> {
    return firstValueFrom(this.http.put<NewsletterListView>(`${apiUrl('myNewsletters')}/${listId}`, { subscribed }));
  }

  fromLink(token: string): Promise<{ email: string; lists: NewsletterListView[] }> {
    return firstValueFrom(
      this.http.get<{ email: string; lists: NewsletterListView[] }>(`${apiUrl('newsletters')}/manage`, {
        params: { token },
      }),
    );
  }

  setFromLink(token: string, listId: string, subscribed: boolean): Promise<NewsletterListView> {
    return firstValueFrom(
      this.http.put<NewsletterListView>(
        `${apiUrl('newsletters')}/manage/${listId}`,
        { subscribed },
        { params: { token } },
      ),
    );
  }

  confirm(token: string): Promise<NewsletterListView> {
    return firstValueFrom(this.http.post<NewsletterListView>(`${apiUrl('newsletters')}/confirm`, { token }));
  }

  /** What an unsubscribe link is for (reads only). */
  unsubscribeView(token: string): Promise<NewsletterUnsubscribeView> {
    return firstValueFrom(
      this.http.get<NewsletterUnsubscribeView>(`${apiUrl('newsletters')}/unsubscribe/status`, { params: { token } }),
    );
  }

  /** The one click: the same token-only POST that mail programs make (RFC 8058). */
  async unsubscribe(token: string): Promise<void> {
    await firstValueFrom(this.http.post(`${apiUrl('newsletters')}/unsubscribe`, null, { params: { token } }));
  }

  adminLists(): Promise<NewsletterListAdmin[]> {
    return firstValueFrom(this.http.get<NewsletterListAdmin[]>(apiUrl('adminNewsletters')));
  }

  async saveList(id: string | null, input: NewsletterListInput): Promise<void> {
    await firstValueFrom(
      id
        ? this.http.put(`${apiUrl('adminNewsletters')}/${id}`, input)
        : this.http.post(apiUrl('adminNewsletters'), input),
    );
  }

  async sendIssue(id: string, issue: { subject: string; body: string }): Promise<number> {
    const { recipients } = await firstValueFrom(
      this.http.post<{ recipients: number }>(`${apiUrl('adminNewsletters')}/${id}/issues`, issue),
    );
    return recipients;
  }

  /** How many people an issue would reach now (shown in the confirmation before sending). */
  async recipients(id: string): Promise<number> {
    const { recipients } = await firstValueFrom(
      this.http.get<{ recipients: number }>(`${apiUrl('adminNewsletters')}/${id}/recipients`),
    );
    return recipients;
  }

  /** The issue as its mail will look, in each language of the list; sends nothing. */
  previewIssue(id: string, issue: { subject: string; body: string }): Promise<NewsletterIssuePreview[]> {
    return firstValueFrom(
      this.http.post<NewsletterIssuePreview[]>(`${apiUrl('adminNewsletters')}/${id}/issues/preview`, issue),
    );
  }

  /** Mails the issue to the signed-in admin only; answers the address it went to. */
  async sendTestIssue(id: string, issue: { subject: string; body: string }): Promise<string> {
    const { to } = await firstValueFrom(
      this.http.post<{ to: string }>(`${apiUrl('adminNewsletters')}/${id}/issues/test`, issue),
    );
    return to;
  }

  /** The consent export; with a language, its column names and sign-up ways are words of it (else code names). */
  exportUrl(id: string, language?: Language): string {
    const url = `${apiUrl('adminNewsletters')}/${id}/subscribers.csv`;
    return language ? `${url}?language=${language}` : url;
  }
}
