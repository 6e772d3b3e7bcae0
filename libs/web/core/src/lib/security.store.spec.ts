import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { SecurityStore } from './security.store';
import { SessionStore } from './session.store';

/** Lets a store's next request go out (it is made after the previous one resolved). */
const nextTurn = () => new Promise((resolve) => setTimeout(resolve));

describe('SecurityStore', () => {
  let store: SecurityStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(SecurityStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  function answerLoad(enabled: boolean, sessions = [{ id: 's-1' }]) {
    http.expectOne({ method: 'GET', url: '/api/me/security' }).flush({ twoFactor: { enabled } });
    http.expectOne('/api/me/security/sessions').flush(sessions);
    http.expectOne('/api/me/security/sign-ins').flush([{ at: '2026-11-28T10:00:00Z' }]);
  }

  it('loads the overview, the sessions and the sign-ins into its signals', async () => {
    const loaded = store.load();
    answerLoad(false);
    await loaded;
    expect(store.overview()?.twoFactor.enabled).toBe(false);
    expect(store.sessions()).toEqual([{ id: 's-1' }]);
    expect(store.signIns()).toHaveLength(1);
  });

  it('ends another session by its (encoded) id, then shows the sessions left', async () => {
    const ended = store.endSession('a/b');
    http.expectOne({ method: 'DELETE', url: '/api/me/security/sessions/a%2Fb' }).flush(null);
    await nextTurn();
    answerLoad(false, []);
    await ended;
    expect(store.sessions()).toEqual([]);
  });

  it('turns two-factor on with the code, answers the recovery codes, and shows it on — here and in who is signed in', async () => {
    const enabled = store.enableTwoFactor('123456');
    const post = http.expectOne({ method: 'POST', url: '/api/me/security/two-factor/enable' });
    expect(post.request.body).toEqual({ code: '123456' });
    post.flush({ recoveryCodes: ['aaaa-bbbb-cccccccc'] });
    await nextTurn();
    answerLoad(true);
    // The staff pages' guard reads two-factor from GET /api/me: the session store learns it at once.
    http.expectOne({ method: 'GET', url: '/api/me' }).flush({ user: { twoFactorEnabled: true } });
    await expect(enabled).resolves.toEqual(['aaaa-bbbb-cccccccc']);
    expect(store.overview()?.twoFactor.enabled).toBe(true);
    expect(TestBed.inject(SessionStore).me()?.user.twoFactorEnabled).toBe(true);
  });

  it('passes a refused password change on and reloads nothing', async () => {
    const changed = store.changePassword('short');
    const put = http.expectOne({ method: 'PUT', url: '/api/me/security/password' });
    expect(put.request.body).toEqual({ password: 'short' });
    put.flush({ status: 422 }, { status: 422, statusText: 'Unprocessable Entity' });
    await expect(changed).rejects.toMatchObject({ status: 422 });
    http.expectNone('/api/me/security');
  });

  it("goes to the provider's page the API answers when linking", async () => {
    const assign = jest.fn();
    const document = TestBed.inject(DOCUMENT);
    TestBed.resetTestingModule().configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: DOCUMENT, useValue: { cookie: '', location: { assign }, defaultView: document.defaultView } },
      ],
    });
    store = TestBed.inject(SecurityStore);
    http = TestBed.inject(HttpTestingController);
    const linked = store.link('google');
    http
      .expectOne({ method: 'POST', url: '/api/me/security/identities/google' })
      .flush({ url: 'https://accounts.google.com/x' });
    await linked;
    expect(assign).toHaveBeenCalledWith('https://accounts.google.com/x');
  });
});
