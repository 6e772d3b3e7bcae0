import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  API_PREFIX,
  STATISTICS_ROUTES,
  USAGE_SECTIONS,
  type UsageSection,
  type UsageStatistics,
} from '@mijn-account/shared-contracts';

/** The same section again within this long is not sent again (the server throttles too). */
export const PAGE_VIEW_REPEAT_MS = 60_000;

/** The section a signed-in page belongs to (the path's first segment), or null when it is none of them. */
export function sectionOf(url: string): UsageSection | null {
  const first = url.split(/[?#]/)[0].split('/').filter(Boolean)[0] ?? '';
  return (USAGE_SECTIONS as readonly string[]).includes(first) ? (first as UsageSection) : null;
}

/**
 * Usage statistics: the tenant admin's dashboard figures, and the shell's page-view beacon, which
 * sends the section's name and nothing else, at most once a minute per section (a failure is
 * ignored: a statistic is never worth an error on the page).
 */
@Injectable({ providedIn: 'root' })
export class UsageStatisticsStore {
  private readonly http = inject(HttpClient);
  private readonly sent = new Map<UsageSection, number>();

  statistics(period: { from?: string; to?: string } = {}): Promise<UsageStatistics> {
    const params: Record<string, string> = {};
    if (period.from) params['from'] = period.from;
    if (period.to) params['to'] = period.to;
    return firstValueFrom(this.http.get<UsageStatistics>(`/${API_PREFIX}/${STATISTICS_ROUTES.statistics}`, { params }));
  }

  /** Counts a view of the page at `url` (signed-in pages only), throttled per section. */
  pageView(url: string, now = Date.now()): void {
    const section = sectionOf(url);
    if (!section) return;
    const last = this.sent.get(section);
    if (last !== undefined && now - last < PAGE_VIEW_REPEAT_MS) return;
    this.sent.set(section, now);
    this.http.post(`/${API_PREFIX}/${STATISTICS_ROUTES.pageViews}`, { section }).subscribe({ error: () => undefined });
  }
}
