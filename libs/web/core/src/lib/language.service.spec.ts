import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { LanguageService } from './language.service';

describe('LanguageService', () => {
  const clear = () => (document.cookie = 'ma_lang=; Max-Age=0; Path=/');
  beforeEach(() => {
    clear();
    TestBed.configureTestingModule({
      imports: [TranslocoTestingModule.forRoot({ langs: { nl: {}, en: {} }, translocoConfig: { defaultLang: 'nl' } })],
    });
  });
  afterEach(clear);

  it("shows the tenant's language until the visitor chooses, and remembers the choice in the cookie the server reads", () => {
    const language = TestBed.inject(LanguageService);
    language.init('nl');
    expect(language.language()).toBe('nl');
    expect(document.documentElement.lang).toBe('nl');
    language.use('en');
    expect(document.cookie).toContain('ma_lang=en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('starts in the chosen language on the next visit, and ignores a value that is no language', () => {
    document.cookie = 'ma_lang=en; Path=/';
    const language = TestBed.inject(LanguageService);
    language.init('nl');
    expect(language.language()).toBe('en');
    document.cookie = 'ma_lang=de; Path=/';
    language.init('nl');
    expect(language.language()).toBe('nl');
  });

  it('shows a page in the language of its mail without remembering it', () => {
    const language = TestBed.inject(LanguageService);
    language.show('en');
    expect(language.language()).toBe('en');
    expect(document.cookie).not.toContain('ma_lang');
  });

  it("without a tenant (the service away) takes the browser's first language the portal speaks, else English", () => {
    const languages = jest.spyOn(window.navigator, 'languages', 'get');
    try {
      const language = TestBed.inject(LanguageService);
      languages.mockReturnValue(['de-DE', 'nl-BE', 'en']);
      language.init(null);
      expect(language.language()).toBe('nl');
      languages.mockReturnValue(['fr-FR', 'de']);
      language.init(null);
      expect(language.language()).toBe('en');
      // A choice made in this browser still comes first.
      document.cookie = 'ma_lang=nl; Path=/';
      language.init(null);
      expect(language.language()).toBe('nl');
    } finally {
      languages.mockRestore();
    }
  });
});
