import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FinanceAccountsStore } from './finance-accounts.store';
import { InvoicingSettingsStore } from './invoicing-settings.store';
import { PlansStore } from './plans.store';

const nextTurn = () => new Promise((resolve) => setTimeout(resolve));

describe('finance stores', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('InvoicingSettingsStore reads with the ETag and saves with If-Match', async () => {
    const store = TestBed.inject(InvoicingSettingsStore);
    const read = store.load();
    http
      .expectOne({ method: 'GET', url: '/api/admin/invoicing-settings' })
      .flush({ legalName: 'X', missing: [] }, { headers: { etag: '"v3"' } });
    await expect(read).resolves.toEqual({ value: { legalName: 'X', missing: [] }, etag: '"v3"' });
    const saved = store.save({ legalName: 'Y' } as never, '"v3"');
    const put = http.expectOne({ method: 'PUT', url: '/api/admin/invoicing-settings' });
    expect(put.request.headers.get('If-Match')).toBe('"v3"');
    expect(put.request.body).toEqual({ legalName: 'Y' });
    put.flush({ legalName: 'Y', missing: [] }, { headers: { etag: '"v4"' } });
    await expect(saved).resolves.toMatchObject({ etag: '"v4"' });
  });

  it('PlansStore creates, changes a price, archives and deletes, reloading the list after each', async () => {
    const store = TestBed.inject(PlansStore);
    const steps: [Promise<unknown>, string, string, unknown][] = [
      [store.create({ nameNl: 'B' } as never), 'POST', '/api/finance/plans', { nameNl: 'B' }],
      [
        store.changePrice('p-1', { priceMinor: 1250, effectiveFrom: '2027-01-01' }),
        'POST',
        '/api/finance/plans/p-1/prices',
        { priceMinor: 1250, effectiveFrom: '2027-01-01' },
      ],
      [store.archive('p-1'), 'POST', '/api/finance/plans/p-1/archive', {}],
      [store.remove('p-1'), 'DELETE', '/api/finance/plans/p-1', null],
    ];
    for (const [done, method, url, body] of steps) {
      const request = http.expectOne({ method, url });
      expect(request.request.body).toEqual(body);
      request.flush({});
      await nextTurn();
      http.expectOne({ method: 'GET', url: '/api/finance/plans' }).flush([{ id: 'p-1' }]);
      await done;
      expect(store.plans()).toEqual([{ id: 'p-1' }]);
    }
  });

  it('FinanceAccountsStore searches with q and the page cursor, and changes a subscription on its ETag', async () => {
    const store = TestBed.inject(FinanceAccountsStore);
    const first = store.search('  acme ');
    http.expectOne({ method: 'GET', url: '/api/finance/accounts?q=acme' }).flush({ items: [], next: 'C-9' });
    await expect(first).resolves.toEqual({ items: [], next: 'C-9' });
    const more = store.search('', 'C-9');
    http.expectOne({ method: 'GET', url: '/api/finance/accounts?after=C-9' }).flush({ items: [], next: null });
    await more;
    const created = store.createSubscription('a-1', { planId: 'p-1', quantity: 2, startDate: '2026-12-01' });
    const post = http.expectOne({ method: 'POST', url: '/api/finance/accounts/a-1/subscriptions' });
    expect(post.request.body).toEqual({ planId: 'p-1', quantity: 2, startDate: '2026-12-01' });
    post.flush({ id: 's-1' });
    await created;
    const read = store.subscription('s-1');
    http.expectOne({ method: 'GET', url: '/api/finance/subscriptions/s-1' }).flush({}, { headers: { etag: '"v2"' } });
    expect((await read).etag).toBe('"v2"');
    const update = { planId: 'p-1', quantity: 3, cancelAtPeriodEnd: false };
    const changed = store.updateSubscription('s-1', update, '"v2"');
    const put = http.expectOne({ method: 'PUT', url: '/api/finance/subscriptions/s-1' });
    expect(put.request.headers.get('If-Match')).toBe('"v2"');
    expect(put.request.body).toEqual(update);
    put.flush({ id: 's-1', quantity: 3 });
    await expect(changed).resolves.toEqual({ id: 's-1', quantity: 3 });
    const reads = [store.account('a-1'), store.subscriptions('a-1'), store.invoices('a-1')];
    http.expectOne('/api/finance/accounts/a-1').flush({ id: 'a-1' });
    http.expectOne('/api/finance/accounts/a-1/subscriptions').flush([]);
    http.expectOne('/api/finance/accounts/a-1/invoices').flush([]);
    await Promise.all(reads);
  });
});
