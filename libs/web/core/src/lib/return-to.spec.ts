import { TestBed } from '@angular/core/testing';
import { Router, type ActivatedRouteSnapshot, type RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import { HOME_PATH, ReturnToStore, safeReturnPath } from './return-to';
import { signedInGuard } from './session.guard';
import { SessionStore } from './session.store';

describe('safeReturnPath', () => {
  it.each([
    ['/account/billing', '/account/billing'],
    ['/account/billing?tab=2#address', '/account/billing?tab=2#address'],
    ['/security', '/security'],
    ['/admin/../account/members', '/account/members'],
  ])('keeps a page of this portal: %s', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it.each([
    'https://evil.example/account',
    '//evil.example/account',
    '/\\evil.example',
    '/\tevil',
    '\\\\evil.example',
    'javascript:alert(1)',
    'account/billing',
    '',
    '/sign-in',
    '/sign-in/link?token=x',
    '/password-reset?token=x',
    '/invitation?token=x',
    '/api/me',
  ])('refuses %j', (input) => {
    expect(safeReturnPath(input)).toBeNull();
  });

  it('refuses what is not a string, and an over-long path', () => {
    expect(safeReturnPath(`/${'a'.repeat(2001)}`)).toBeNull();
    expect(safeReturnPath(undefined)).toBeNull();
    expect(safeReturnPath({ path: '/account' })).toBeNull();
  });
});

describe('ReturnToStore', () => {
  let store: ReturnToStore;
  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({});
    store = TestBed.inject(ReturnToStore);
  });

  it('returns to the page asked for, once', () => {
    store.remember('/account/billing');
    expect(store.take()).toBe('/account/billing');
    expect(store.take()).toBe(HOME_PATH);
  });

  it('goes home when nothing was asked for, or something unsafe was stored', () => {
    expect(store.take()).toBe(HOME_PATH);
    store.remember('//evil.example');
    expect(store.take()).toBe(HOME_PATH);
    sessionStorage.setItem('ma.returnTo', JSON.stringify({ path: 'https://evil.example', at: Date.now() }));
    expect(store.take()).toBe(HOME_PATH);
    sessionStorage.setItem('ma.returnTo', 'not json');
    expect(store.take()).toBe(HOME_PATH);
  });

  it('forgets a page asked for more than half an hour ago', () => {
    store.remember('/account/members');
    expect(store.take(Date.now() + 31 * 60_000)).toBe(HOME_PATH);
  });
});

describe('signedInGuard', () => {
  const ensureLoaded = jest.fn();
  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: SessionStore, useValue: { ensureLoaded } }],
    });
  });
  const run = (url: string) =>
    TestBed.runInInjectionContext(() => signedInGuard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot));

  it('sends a signed-out visitor to sign-in and remembers the deep link', async () => {
    ensureLoaded.mockResolvedValue(null);
    const result = await run('/account/billing');
    expect(result).toBeInstanceOf(UrlTree);
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe('/sign-in');
    expect(TestBed.inject(ReturnToStore).take()).toBe('/account/billing');
  });

  it('lets a signed-in user through without remembering anything', async () => {
    ensureLoaded.mockResolvedValue({ user: {} });
    await expect(run('/account/billing')).resolves.toBe(true);
    expect(TestBed.inject(ReturnToStore).take()).toBe(HOME_PATH);
  });
});
