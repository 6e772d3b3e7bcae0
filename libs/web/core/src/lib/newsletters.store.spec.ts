import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NewslettersStore } from './newsletters.store';

describe('NewslettersStore', () => {
  let store: NewslettersStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(NewslettersStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it("sets the subscriber's own subscription on the list's URL", async () => {
    const set = store.setMine('l-1', true);
    const put = http.expectOne({ method: 'PUT', url: '/api/me/newsletters/l-1' });
    expect(put.request.body).toEqual({ subscribed: true });
    put.flush({ id: 'l-1', status: 'pending' });
    await expect(set).resolves.toEqual({ id: 'l-1', status: 'pending' });
  });

  it('manages subscriptions through the token of a mail link, the token as a query parameter', async () => {
    const view = store.fromLink('tok en');
    const get = http.expectOne((r) => r.url === '/api/newsletters/manage');
    expect(get.request.params.get('token')).toBe('tok en');
    get.flush({ email: 'eva@example.com', lists: [] });
    await expect(view).resolves.toEqual({ email: 'eva@example.com', lists: [] });

    const set = store.setFromLink('t', 'l-2', false);
    const put = http.expectOne((r) => r.method === 'PUT' && r.url === '/api/newsletters/manage/l-2');
    expect(put.request.params.get('token')).toBe('t');
    expect(put.request.body).toEqual({ subscribed: false });
    put.flush({ id: 'l-2' });
    await set;
  });

  it('unsubscribes with the token-only POST that mail programs make (no body)', async () => {
    const done = store.unsubscribe('t-1');
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/newsletters/unsubscribe');
    expect(post.request.params.get('token')).toBe('t-1');
    expect(post.request.body).toBeNull();
    post.flush(null);
    await expect(done).resolves.toBeUndefined();
  });

  it('creates a list when it has no id yet, and updates it when it has', async () => {
    const input = { nameNl: 'Nieuws', nameEn: 'News', descriptionNl: '', descriptionEn: '', visible: true };
    const created = store.saveList(null, input);
    const post = http.expectOne({ method: 'POST', url: '/api/admin/newsletters' });
    expect(post.request.body).toEqual(input);
    post.flush({});
    await created;
    const updated = store.saveList('l-1', { ...input, visible: false });
    const put = http.expectOne({ method: 'PUT', url: '/api/admin/newsletters/l-1' });
    expect(put.request.body.visible).toBe(false);
    put.flush({});
    await updated;
  });

  it('sends an issue and answers the number of recipients', async () => {
    const sent = store.sendIssue('l-1', { subject: 'Hello', body: 'Text' });
    const post = http.expectOne({ method: 'POST', url: '/api/admin/newsletters/l-1/issues' });
    expect(post.request.body).toEqual({ subject: 'Hello', body: 'Text' });
    post.flush({ recipients: 12 });
    await expect(sent).resolves.toBe(12);
    expect(store.exportUrl('l-1')).toBe('/api/admin/newsletters/l-1/subscribers.csv');
  });

  it('asks the number of recipients, a preview and a test send of an issue', async () => {
    const count = store.recipients('l-1');
    http.expectOne({ method: 'GET', url: '/api/admin/newsletters/l-1/recipients' }).flush({ recipients: 7 });
    await expect(count).resolves.toBe(7);

    const preview = store.previewIssue('l-1', { subject: 'Hello', body: 'Text' });
    const post = http.expectOne({ method: 'POST', url: '/api/admin/newsletters/l-1/issues/preview' });
    expect(post.request.body).toEqual({ subject: 'Hello', body: 'Text' });
    post.flush([{ language: 'nl', subject: 'Hello', html: '<p>x</p>', text: 'x' }]);
    await expect(preview).resolves.toEqual([{ language: 'nl', subject: 'Hello', html: '<p>x</p>', text: 'x' }]);

    const test = store.sendTestIssue('l-1', { subject: 'Hello', body: 'Text' });
    const testPost = http.expectOne({ method: 'POST', url: '/api/admin/newsletters/l-1/issues/test' });
    expect(testPost.request.body).toEqual({ subject: 'Hello', body: 'Text' });
    testPost.flush({ to: 'admin@example.com' });
    await expect(test).resolves.toBe('admin@example.com');
  });
});
