import { TranslocoTestingModule } from '@jsverse/transloco';

/**
 * Transloco for a component spec that reads keys, not words: one language (English) with no
 * translations, so every text renders as its key ('billing.edit') and a missing key is not logged.
 */
export function keysOnlyTransloco() {
  return TranslocoTestingModule.forRoot({
    langs: { en: {} },
    translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
  });
}
