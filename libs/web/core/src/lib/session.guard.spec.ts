import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { type ActivatedRouteSnapshot, Router, type RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import { HOME_PATH } from './return-to';
import { signedOutGuard } from './session.guard';
import { SessionStore } from './session.store';

describe('signedOutGuard (the sign-in page)', () => {
  let http: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });
  const run = () =>
    TestBed.runInInjectionContext(() =>
      signedOutGuard({} as ActivatedRouteSnapshot, { url: '/sign-in' } as RouterStateSnapshot),
    );

  it('shows the page at once, before the session check answers, and asks /api/me only once', async () => {
    const router = TestBed.inject(Router);
    jest.spyOn(router, 'url', 'get').mockReturnValue('/sign-in');
    const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    expect(run()).toBe(true);
    // The shell's guard asking at the same moment shares the request.
    const shared = TestBed.inject(SessionStore).ensureLoaded();
    http.expectOne('/api/me').flush({ user: { id: 'u1' } });
    await shared;
    expect(navigate).toHaveBeenCalledWith(HOME_PATH);
    http.verify();
  });

  it('stays on the page when nobody is signed in', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl');
    expect(run()).toBe(true);
    http.expectOne('/api/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    await TestBed.inject(SessionStore).ensureLoaded();
    expect(navigate).not.toHaveBeenCalled();
    // Known by now: the next visit decides at once.
    expect(run()).toBe(true);
    http.verify();
  });

  it('sends a signed-in user to the account at once when the session is already known', async () => {
    const store = TestBed.inject(SessionStore);
    const loaded = store.ensureLoaded();
    http.expectOne('/api/me').flush({ user: { id: 'u1' } });
    await loaded;
    const result = run();
    expect(result).toBeInstanceOf(UrlTree);
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe(HOME_PATH);
  });

  describe('with the signed-in hint cookie', () => {
    beforeEach(() => (document.cookie = 'ma_signed_in=1; Path=/'));
    afterEach(() => (document.cookie = 'ma_signed_in=; Max-Age=0; Path=/'));

    it('waits for the session check and sends a signed-in user to the account, never showing the page', async () => {
      const result = run();
      expect(result).toBeInstanceOf(Promise);
      http.expectOne('/api/me').flush({ user: { id: 'u1' } });
      const decided = await result;
      expect(decided).toBeInstanceOf(UrlTree);
      expect(TestBed.inject(Router).serializeUrl(decided as UrlTree)).toBe(HOME_PATH);
      http.verify();
    });

    it('shows the page after the check when the hint was stale (the session had ended)', async () => {
      const result = run();
      expect(result).toBeInstanceOf(Promise);
      http.expectOne('/api/me').flush(null, { status: 401, statusText: 'Unauthorized' });
      expect(await result).toBe(true);
    });
  });
});
