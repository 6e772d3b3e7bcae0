import { HttpClient } from '@angular/common/http';
import { Injectable, inject, isDevMode, type EnvironmentProviders, type Provider } from '@angular/core';
import {
  provideTransloco,
  provideTranslocoTranspiler,
  type Translation,
  type TranslocoLoader,
} from '@jsverse/transloco';
import { LANGUAGES } from '@mijn-account/shared-contracts';
import { forkJoin, from, map } from 'rxjs';
import { IcuTranspiler, loadIcu } from './locale';

@Injectable({ providedIn: 'root' })
export class TranslationLoader implements TranslocoLoader {
  private readonly http = inject(HttpClient);

  /** The language's texts, once the ICU interpreter their plurals need has loaded too (in parallel). */
  getTranslation(language: string) {
    return forkJoin([this.http.get<Translation>(`/i18n/${language}.json`), from(loadIcu())]).pipe(
      map(([translation]) => translation),
    );
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
