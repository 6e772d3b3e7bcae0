import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { API_PREFIX } from '@mijn-account/shared-contracts';
import { LanguageService } from './language.service';

/**
 * Tells the API which language this page shows (`Accept-Language`), so that what it answers for the
 * page to show — newsletter names and descriptions, the consent words it then records — is in the
 * page's language, not in a language stored for the person. Mails keep the recipient's own.
 */
export const pageLanguageInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith(`/${API_PREFIX}/`)) return next(request);
  const language = inject(LanguageService).language();
  return next(request.clone({ setHeaders: { 'Accept-Language': language } }));
};
