import { HttpClient } from '@angular/common/http';
import { Injectable, inject, isDevMode, type EnvironmentProviders, type Provider } from '@angular/core';
import {
  provideTransloco,
  provideTranslocoTranspiler,
  type Translation,
  type TranslocoLoader,
} from '@jsverse/transloco';
import { LANGUAGES } from '@mijn-account/shared-contracts';
import { IcuTranspiler } from './locale';

@Injectable({ providedIn: 'root' })
export class TranslationLoader implements TranslocoLoader {
  private readonly http = inject(HttpClient);

  getTranslation(language: string) {
    return this.http.get<Translation>(`/i18n/${language}.json`);
  }
}

/** Dutch and English, loaded from /i18n/<lang>.json; counted texts are ICU messages (IcuTranspiler). */
export function provideI18n(): (Provider | EnvironmentProviders)[] {
  return [
    ...provideTransloco({
      config: {
        availableLangs: [...LANGUAGES],
        defaultLang: 'nl',
        fallbackLang: 'en',
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
        missingHandler: { logMissingKey: isDevMode() },
      },
      loader: TranslationLoader,
    }),
    provideTranslocoTranspiler(IcuTranspiler),
  ];
}
