import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { MeResponse } from '@mijn-account/shared-contracts';
import { LanguageService } from './language.service';
import { SessionStore } from './session.store';

const ME: MeResponse = {
  user: {
    id: 'u1',
    email: 'eva@example.com',
    displayName: 'Eva',
    kind: 'subscriber',
    preferredLanguage: null,
    timeZone: null,
    twoFactorEnabled: false,
  },
  account: { id: 'a1', customerNumber: 'CM-1', name: 'Bakkerij', role: 'owner' },
  staffRoles: [],
  session: { expiresAt: '2026-01-01T12:00:00Z', idleExpiresAt: '2026-01-01T10:30:00Z' },
};

describe('SessionStore', () => {
  let store: SessionStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [TranslocoTestingModule.forRoot({ langs: { nl: {}, en: {} }, translocoConfig: { defaultLang: 'nl' } })],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(SessionStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('treats 401 from /api/me as signed out, and loads only once', async () => {
    const first = store.ensureLoaded();
    http.expectOne('/api/me').flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await expect(first).resolves.toBeNull();
    expect(store.signedIn()).toBe(false);
    await expect(store.ensureLoaded()).resolves.toBeNull();
    http.expectNone('/api/me');
  });

  it('signs in, then loads who is signed in', async () => {
    const done = store.signIn({ email: 'eva@example.com', password: 'secret' });
    const post = http.expectOne({ method: 'POST', url: '/api/session' });
    expect(post.request.body).toEqual({ email: 'eva@example.com', password: 'secret' });
    post.flush({ status: 'signed-in' });
    await Promise.resolve();
    http.expectOne('/api/me').flush(ME);
    await done;
    expect(store.me()?.account?.role).toBe('owner');
    expect(store.signedIn()).toBe(true);
  });

  it('shows the page in the user’s own language once signed in, when the API set it', async () => {
    const language = TestBed.inject(LanguageService);
    language.init('nl');
    const done = store.signIn({ email: 'eva@example.com', password: 'secret' });
    document.cookie = 'ma_lang=en; Path=/'; // what the sign-in answer's Set-Cookie leaves in the browser
    http.expectOne({ method: 'POST', url: '/api/session' }).flush({ status: 'signed-in' });
    await Promise.resolve();
    http.expectOne('/api/me').flush({ ...ME, user: { ...ME.user, preferredLanguage: 'en' } });
    await done;
    expect(language.language()).toBe('en');
    document.cookie = 'ma_lang=; Max-Age=0; Path=/';
  });

  it('passes a failed sign-in on to the page and stays signed out', async () => {
    const done = store.signIn({ email: 'eva@example.com', password: 'wrong' });
    http
      .expectOne('/api/session')
      .flush({ status: 401, title: 'Sign-in failed' }, { status: 401, statusText: 'Unauthorized' });
    await expect(done).rejects.toMatchObject({ status: 401 });
    expect(store.signedIn()).toBe(false);
  });

  it('rethrows errors other than 401 when loading', async () => {
    const load = store.refresh();
    http.expectOne('/api/me').flush({ status: 500 }, { status: 500, statusText: 'Server Error' });
    await expect(load).rejects.toMatchObject({ status: 500 });
  });

  it('does not load the user while a second factor is still needed', async () => {
    const done = store.signIn({ email: 'eva@example.com', password: 'secret' });
    http.expectOne('/api/session').flush({ status: 'second-factor', challenge: 'abc' });
    await expect(done).resolves.toEqual({ status: 'second-factor', challenge: 'abc' });
    http.expectNone('/api/me');
    expect(store.signedIn()).toBe(false);
  });
});
