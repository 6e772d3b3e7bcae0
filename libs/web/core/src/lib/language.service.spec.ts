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
});
