import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HelpdeskAccessStore, SupportStore } from './support.store';

describe('SupportStore', () => {
  let store: SupportStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(SupportStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('searches accounts with the query as a parameter', async () => {
    const found = store.search('CM-10001');
    const get = http.expectOne((r) => r.url === '/api/support/accounts');
    expect(get.request.params.get('q')).toBe('CM-10001');
    get.flush([{ id: 'a-1', customerNumber: 'CM-10001', name: 'Bakkerij' }]);
    await expect(found).resolves.toHaveLength(1);
  });

  it('sends an access request as the agent wrote it', async () => {
    const body = {
      accountId: 'a-1',
      reason: 'service' as const,
      ticket: 'T-42',
      justification: 'Why',
      scopes: ['billing:read' as const],
      minutes: 60,
    };
    const sent = store.request(body);
    const post = http.expectOne({ method: 'POST', url: '/api/support/requests' });
    expect(post.request.body).toEqual(body);
    post.flush({ id: 'g-1', status: 'pending' });
    await expect(sent).resolves.toMatchObject({ status: 'pending' });
  });

  it('closes a grant with its note, and sends no empty note', async () => {
    const withNote = store.close('g-1', 'Done.');
    const first = http.expectOne({ method: 'POST', url: '/api/support/requests/g-1/close' });
    expect(first.request.body).toEqual({ note: 'Done.' });
    first.flush({ status: 'closed' });
    await expect(withNote).resolves.toEqual({ status: 'closed' });
    const withoutNote = store.close('g-2', '');
    const second = http.expectOne('/api/support/requests/g-2/close');
    expect(second.request.body).toEqual({ note: undefined });
    second.flush({ status: 'closed' });
    await withoutNote;
  });

  it('reads what a grant covers under the account of the grant', async () => {
    const billing = store.billing('a-1');
    const profiles = store.profiles('a-1');
    const newsletters = store.newsletters('a-1');
    http.expectOne('/api/support/accounts/a-1/billing').flush({ companyName: 'X' });
    http.expectOne('/api/support/accounts/a-1/profiles').flush([]);
    http.expectOne('/api/support/accounts/a-1/newsletters').flush([]);
    await expect(billing).resolves.toEqual({ companyName: 'X' });
    await Promise.all([profiles, newsletters]);
  });

  it("approves and denies on the queue entry's URL", async () => {
    const approved = store.decide('g-1', true);
    http.expectOne({ method: 'POST', url: '/api/support/queue/g-1/approve' }).flush({ status: 'active' });
    await expect(approved).resolves.toEqual({ status: 'active' });
    const denied = store.decide('g-1', false);
    http.expectOne({ method: 'POST', url: '/api/support/queue/g-1/deny' }).flush({ status: 'denied' });
    await expect(denied).resolves.toEqual({ status: 'denied' });
  });

  it('sends a supervisor’s narrowing or reason as the body, and reads the decided requests', async () => {
    const approved = store.decide('g-1', true, { minutes: 20, scopes: ['profile:read'] });
    const approval = http.expectOne({ method: 'POST', url: '/api/support/queue/g-1/approve' });
    expect(approval.request.body).toEqual({ minutes: 20, scopes: ['profile:read'] });
    approval.flush({ status: 'active' });
    await approved;
    const denied = store.decide('g-2', false, { reason: 'No outage' });
    const denial = http.expectOne({ method: 'POST', url: '/api/support/queue/g-2/deny' });
    expect(denial.request.body).toEqual({ reason: 'No outage' });
    denial.flush({ status: 'denied' });
    await denied;
    const decided = store.decided();
    http.expectOne({ method: 'GET', url: '/api/support/queue/decided' }).flush([{ id: 'g-2' }]);
    await expect(decided).resolves.toEqual([{ id: 'g-2' }]);
  });
});

describe('HelpdeskAccessStore', () => {
  let store: HelpdeskAccessStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(HelpdeskAccessStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('approves with the shorter time and narrower scopes the owner chose', async () => {
    const approved = store.approve('g-1', { minutes: 15, scopes: ['billing:read'] });
    const post = http.expectOne({ method: 'POST', url: '/api/account/access-requests/g-1/approve' });
    expect(post.request.body).toEqual({ minutes: 15, scopes: ['billing:read'] });
    post.flush({ status: 'active' });
    await approved;
  });

  it('denies and revokes, and reads the access log', async () => {
    const denied = store.deny('g-1');
    http.expectOne({ method: 'POST', url: '/api/account/access-requests/g-1/deny' }).flush({});
    const revoked = store.revoke('g-2');
    http.expectOne({ method: 'POST', url: '/api/account/access-requests/g-2/revoke' }).flush({});
    const log = store.log();
    http
      .expectOne({ method: 'GET', url: '/api/account/access-log' })
      .flush({ events: [], verification: { intact: true } });
    await Promise.all([denied, revoked]);
    await expect(log).resolves.toMatchObject({ verification: { intact: true } });
    expect(store.exportUrl('csv')).toBe('/api/account/access-log/export.csv');
  });

  it('sends the owner’s reason for a denial when there is one', async () => {
    const denied = store.deny('g-1', 'Solved by phone');
    const req = http.expectOne({ method: 'POST', url: '/api/account/access-requests/g-1/deny' });
    expect(req.request.body).toEqual({ reason: 'Solved by phone' });
    req.flush({});
    await denied;
  });
});
