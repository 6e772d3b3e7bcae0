import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { COOKIE_CONSENT_WORDING } from '@mijn-account/shared-contracts';
import { CookieConsentStore, LanguageService } from '@mijn-account/web-core';
import { CookieBannerComponent } from './cookie-banner.component';
import { settle } from '@mijn-account/web-testing';

const en = { cookieConsent: { banner: { title: 'Cookies', accept: 'Accept', refuse: 'Refuse', more: 'More' } } };

// The first render compiles Material's button: slow on a busy machine.
jest.setTimeout(30_000);

describe('CookieBannerComponent', () => {
  function render(load: () => Promise<unknown>, language: 'nl' | 'en' = 'en') {
    const ask = signal(true);
    const choose = jest.fn().mockImplementation(async () => ask.set(false));
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
        }),
      ],
      providers: [
        provideNoopAnimations(),
        provideRouter([]),
        { provide: CookieConsentStore, useValue: { askInBanner: ask, load: jest.fn(load), choose } },
        { provide: LanguageService, useValue: { language: signal(language) } },
      ],
    });
    const fixture = TestBed.createComponent(CookieBannerComponent);
    fixture.detectChanges();
    return { fixture, ask, choose, el: fixture.nativeElement as HTMLElement };
  }
  it('asks the question word for word as the ledger records it, with Accept and Refuse, and goes once answered', async () => {
    const { fixture, choose, el } = render(async () => undefined, 'nl');
    const banner = el.querySelector('[data-testid="cookie-banner"]');
    expect(banner?.textContent).toContain(COOKIE_CONSENT_WORDING.nl);
    expect(el.querySelector('[data-testid="cookie-refuse"]')?.textContent?.trim()).toBe('Refuse');
    (el.querySelector('[data-testid="cookie-accept"]') as HTMLButtonElement).click();
    await settle(fixture);
    expect(choose).toHaveBeenCalledWith('accepted');
    expect(el.querySelector('[data-testid="cookie-banner"]')).toBeNull();
  });

  it('records a refusal the same way', async () => {
    const { fixture, choose, el } = render(async () => undefined);
    expect(el.querySelector('[data-testid="cookie-banner"]')?.textContent).toContain(COOKIE_CONSENT_WORDING.en);
    (el.querySelector('[data-testid="cookie-refuse"]') as HTMLButtonElement).click();
    await settle(fixture);
    expect(choose).toHaveBeenCalledWith('refused');
  });

  it('shows nothing when nothing is to be asked, and a banner that cannot load breaks nothing', async () => {
    const { fixture, ask, el } = render(() => Promise.reject(new Error('offline')));
    ask.set(false);
    await settle(fixture);
    expect(el.querySelector('[data-testid="cookie-banner"]')).toBeNull();
  });
});
