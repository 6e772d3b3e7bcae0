import { provideHttpClient, withFetch, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import { isPlatformServer } from '@angular/common';
import {
  type ApplicationConfig,
  PLATFORM_ID,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideClientHydration, withHttpTransferCacheOptions } from '@angular/platform-browser';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { XSRF_COOKIE, XSRF_HEADER } from '@mijn-account/shared-contracts';
import {
  LanguageService,
  TenantStore,
  pageLanguageInterceptor,
  provideI18n,
  renderContext,
} from '@mijn-account/web-core';
import { appRoutes } from './app.routes';
import { TranslatedTitleStrategy } from './translated-title.strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // Sign-in, home and billing come rendered by the server (app.routes.server.ts) and are hydrated;
    // the API's answers to the render come in the page (the transfer cache), so the browser does not
    // ask again — with their ETag, which a form sends back as If-Match when it saves. Not the
    // translations: the browser has them preloaded (the page's Link header). No event replay: it
    // needs an inline script, which the CSP (`script-src 'self'`) does not allow.
    provideClientHydration(
      withHttpTransferCacheOptions({
        includeHeaders: ['etag'],
        filter: (request) => !request.url.startsWith('/i18n/'),
      }),
    ),
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
      // On the server without a page to render, the build is only listing the routes: no tenant to load.
      if (isPlatformServer(inject(PLATFORM_ID)) && !renderContext()) return;
      const [tenants, language, transloco] = [inject(TenantStore), inject(LanguageService), inject(TranslocoService)];
      // Without its tenant (the service cannot reach its data) the app still starts, in the browser's
      // language, and shows a neutral page with a retry (TenantStore.unavailable, issue 19 §1).
      const tenant = await tenants.load().catch(() => null);
      language.init(tenant?.defaultLanguage ?? null);
      await firstValueFrom(transloco.load(language.language()));
    }),
  ],
};
