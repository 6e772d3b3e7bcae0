import { provideHttpClient, withFetch, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { XSRF_COOKIE, XSRF_HEADER } from '@mijn-account/shared-contracts';
import { LanguageService, TenantStore, pageLanguageInterceptor, provideI18n } from '@mijn-account/web-core';
import { appRoutes } from './app.routes';
import { TranslatedTitleStrategy } from './translated-title.strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(
      withFetch(),
      withXsrfConfiguration({ cookieName: XSRF_COOKIE, headerName: XSRF_HEADER }),
      withInterceptors([pageLanguageInterceptor]),
    ),
    provideRouter(appRoutes, withComponentInputBinding()),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    provideI18n(),
    // Branding and language before the first page renders (the tenant comes inline in index.html).
    provideAppInitializer(async () => {
      const [tenants, language, transloco] = [inject(TenantStore), inject(LanguageService), inject(TranslocoService)];
      const tenant = await tenants.load();
      language.init(tenant.defaultLanguage);
      await firstValueFrom(transloco.load(language.language()));
    }),
  ],
};
