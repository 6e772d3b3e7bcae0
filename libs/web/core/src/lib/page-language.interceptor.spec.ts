import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { LanguageService } from './language.service';
import { pageLanguageInterceptor } from './page-language.interceptor';

describe('pageLanguageInterceptor', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [TranslocoTestingModule.forRoot({ langs: { nl: {}, en: {} }, translocoConfig: { defaultLang: 'nl' } })],
      providers: [provideHttpClient(withInterceptors([pageLanguageInterceptor])), provideHttpClientTesting()],
    });
  });

  it("sends the page's language with every API request, and follows the switch", async () => {
    const http = TestBed.inject(HttpClient);
    const backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageService).show('en');
    const first = firstValueFrom(http.get('/api/me/newsletters'));
    backend.expectOne('/api/me/newsletters').flush([]);
    await first;
    TestBed.inject(LanguageService).show('nl');
    const second = firstValueFrom(http.get('/api/me/newsletters'));
    const request = backend.expectOne('/api/me/newsletters');
    expect(request.request.headers.get('Accept-Language')).toBe('nl');
    request.flush([]);
    await second;
    const translations = firstValueFrom(http.get('/i18n/nl.json'));
    const file = backend.expectOne('/i18n/nl.json');
    expect(file.request.headers.has('Accept-Language')).toBe(false);
    file.flush({});
    await translations;
    backend.verify();
  });
});
