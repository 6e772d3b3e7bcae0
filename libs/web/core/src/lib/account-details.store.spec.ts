import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { AccountDetailsStore } from './account-details.store';

describe('AccountDetailsStore', () => {
  let store: AccountDetailsStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AccountDetailsStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('loads the profile with the ETag an edit must send back', async () => {
    const loaded = store.loadProfile();
    http
      .expectOne({ method: 'GET', url: '/api/me/profile' })
      .flush({ displayName: 'Eva' }, { headers: { ETag: 'W/"3"' } });
    await expect(loaded).resolves.toEqual({ value: { displayName: 'Eva' }, etag: 'W/"3"' });
  });

  it('saves with If-Match and returns the new version', async () => {
    const saved = store.saveProfile({ displayName: 'Eva B.' } as never, 'W/"3"');
    const put = http.expectOne({ method: 'PUT', url: '/api/me/profile' });
    expect(put.request.headers.get('If-Match')).toBe('W/"3"');
    expect(put.request.body).toEqual({ displayName: 'Eva B.' });
    put.flush({ displayName: 'Eva B.' }, { headers: { ETag: 'W/"4"' } });
    await expect(saved).resolves.toEqual({
      status: 'saved',
      saved: { value: { displayName: 'Eva B.' }, etag: 'W/"4"' },
    });
  });

  it('turns a 412 with the current version into a conflict, the ETag taken out of the value', async () => {
    const saved = store.saveBilling({ companyName: 'Mine' } as never, 'W/"1"');
    http.expectOne({ method: 'PUT', url: '/api/account/billing' }).flush(
      {
        type: PROBLEM_TYPES.preconditionFailed,
        title: 'Changed',
        status: 412,
        current: { companyName: 'Theirs', etag: 'W/"2"' },
      },
      { status: 412, statusText: 'Precondition Failed' },
    );
    await expect(saved).resolves.toEqual({
      status: 'conflict',
      current: { value: { companyName: 'Theirs' }, etag: 'W/"2"' },
    });
  });

  it('passes other refusals on as they are (the page shows them at the fields)', async () => {
    const saved = store.saveBilling({ companyName: '' } as never, 'W/"1"');
    http.expectOne('/api/account/billing').flush(
      {
        type: PROBLEM_TYPES.validation,
        title: 'Invalid',
        status: 422,
        errors: [{ field: 'companyName', code: 'isNotEmpty', message: 'x' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await expect(saved).rejects.toMatchObject({ status: 422, error: { type: PROBLEM_TYPES.validation } });
  });

  it("reads and saves an agent's billing of another account through the support route", async () => {
    const loaded = store.loadBilling('a-7');
    http
      .expectOne({ method: 'GET', url: '/api/support/accounts/a-7/billing' })
      .flush({ companyName: 'X' }, { headers: { ETag: '"9"' } });
    await expect(loaded).resolves.toEqual({ value: { companyName: 'X' }, etag: '"9"' });
    const saved = store.saveBilling({ companyName: 'Y' } as never, '"9"', 'a-7');
    http
      .expectOne({ method: 'PUT', url: '/api/support/accounts/a-7/billing' })
      .flush({ companyName: 'Y' }, { headers: { ETag: '"10"' } });
    await expect(saved).resolves.toMatchObject({ status: 'saved' });
  });

  it('loads the change histories', async () => {
    const profile = store.profileHistory();
    http.expectOne('/api/me/profile/history').flush([{ at: '2026-11-01T10:00:00Z' }]);
    await expect(profile).resolves.toHaveLength(1);
    const billing = store.billingHistory();
    http.expectOne('/api/account/billing/history').flush([]);
    await expect(billing).resolves.toEqual([]);
  });
});
