import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { PAGE_VIEW_REPEAT_MS, UsageStatisticsStore, sectionOf } from './usage-statistics.store';

describe('UsageStatisticsStore', () => {
  let store: UsageStatisticsStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(UsageStatisticsStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('knows a page’s section by the first segment of its path only (no ids, no query)', () => {
    expect(sectionOf('/account/invoices/3f1c2f43?x=1')).toBe('account');
    expect(sectionOf('/admin/statistics#top')).toBe('admin');
    expect(sectionOf('/sign-in')).toBeNull();
    expect(sectionOf('/')).toBeNull();
  });

  it('sends the section’s name and nothing else, once a minute per section', () => {
    store.pageView('/privacy/export', 1_000);
    const post = http.expectOne({ method: 'POST', url: '/api/statistics/page-views' });
    expect(post.request.body).toEqual({ section: 'privacy' });
    post.flush(null, { status: 204, statusText: 'No Content' });
    store.pageView('/privacy/requests', 2_000);
    http.expectNone('/api/statistics/page-views');
    store.pageView('/privacy', 1_000 + PAGE_VIEW_REPEAT_MS);
    http.expectOne('/api/statistics/page-views').flush(null, { status: 204, statusText: 'No Content' });
  });

  it('asks for the chosen period, or none (the server’s last 30 days)', async () => {
    const none = store.statistics();
    const all = http.expectOne((r) => r.url === '/api/admin/statistics');
    expect(all.request.params.keys()).toEqual([]);
    all.flush({ from: '2026-01-01', to: '2026-01-30', days: [], features: [] });
    await none;
    const chosen = store.statistics({ from: '2026-01-01', to: '2026-01-31' });
    const req = http.expectOne((r) => r.url === '/api/admin/statistics');
    expect(req.request.params.get('from')).toBe('2026-01-01');
    expect(req.request.params.get('to')).toBe('2026-01-31');
    req.flush({ from: '2026-01-01', to: '2026-01-31', days: [], features: [] });
    await chosen;
  });
});
