import { DOCUMENT } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { OPTIONAL_COOKIE } from '@mijn-account/shared-contracts';
import { CookieConsentStore } from './cookie-consent.store';

/** A document whose cookie jar records what is written to it (jsdom's would do, but keeps no Max-Age=0 history). */
function fakeDocument() {
  const writes: string[] = [];
  let jar = '';
  return {
    writes,
    location: { protocol: 'https:' },
    get cookie() {
      return jar;
    },
    set cookie(value: string) {
      writes.push(value);
      const [pair] = value.split(';');
      const [name, content] = pair.split('=');
      const others = jar
        .split(';')
        .map((p) => p.trim())
        .filter((p) => p && !p.startsWith(`${name}=`));
      jar = [...others, ...(/Max-Age=0(;|$)/.test(value) ? [] : [`${name}=${content}`])].join('; ');
    },
  };
}

describe('CookieConsentStore', () => {
  let store: CookieConsentStore;
  let http: HttpTestingController;
  let doc: ReturnType<typeof fakeDocument>;

  beforeEach(() => {
    doc = fakeDocument();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: DOCUMENT, useValue: doc }],
    });
    store = TestBed.inject(CookieConsentStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  const load = async (view: { enabled: boolean; choice: 'accepted' | 'refused' | null }) => {
    const loaded = store.load();
    http.expectOne({ method: 'GET', url: '/api/cookie-consent' }).flush(view);
    await loaded;
  };

  it('asks only where the tenant offers the cookie and nobody answered', async () => {
    expect(store.ask()).toBe(false);
    await load({ enabled: false, choice: null });
    expect(store.ask()).toBe(false);
    await load({ enabled: true, choice: null });
    expect(store.ask()).toBe(true);
    await load({ enabled: true, choice: 'refused' });
    expect(store.ask()).toBe(false);
  });

  it('leaves the question to a choice card while one is on screen: one question at a time', async () => {
    await load({ enabled: true, choice: null });
    expect(store.askInBanner()).toBe(true);
    const gone = store.choiceShown();
    expect(store.askInBanner()).toBe(false);
    expect(store.ask()).toBe(true);
    gone();
    expect(store.askInBanner()).toBe(true);
  });

  it('sets nothing optional before "accepted", and remembers the sign-in method after it', async () => {
    await load({ enabled: true, choice: null });
    store.remember('google');
    expect(doc.writes).toEqual([]);
    expect(store.lastSignIn()).toBeNull();

    const chosen = store.choose('accepted');
    const put = http.expectOne({ method: 'PUT', url: '/api/cookie-consent' });
    expect(put.request.body).toEqual({ choice: 'accepted' });
    put.flush({ enabled: true, choice: 'accepted' });
    await chosen;
    store.remember('google');
    expect(doc.writes).toEqual([`${OPTIONAL_COOKIE}=google; Max-Age=15552000; Path=/; SameSite=Lax; Secure`]);
    expect(store.lastSignIn()).toBe('google');
  });

  it('removes the cookie when the answer becomes "refused" or the tenant stops offering it, and ignores a forged value', async () => {
    await load({ enabled: true, choice: 'accepted' });
    store.remember('password');
    const refused = store.choose('refused');
    http.expectOne({ method: 'PUT', url: '/api/cookie-consent' }).flush({ enabled: true, choice: 'refused' });
    await refused;
    expect(doc.writes.at(-1)).toBe(`${OPTIONAL_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax; Secure`);
    expect(doc.cookie).not.toContain(OPTIONAL_COOKIE);
    expect(store.lastSignIn()).toBeNull();

    await load({ enabled: true, choice: 'accepted' });
    store.remember('microsoft');
    await load({ enabled: false, choice: 'accepted' });
    expect(doc.cookie).not.toContain(OPTIONAL_COOKIE);

    await load({ enabled: true, choice: 'accepted' });
    doc.cookie = `${OPTIONAL_COOKIE}=somebody-else`;
    expect(store.lastSignIn()).toBeNull();
  });
});
