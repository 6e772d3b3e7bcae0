import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { LANGUAGES, LANGUAGE_COOKIE, isLanguage, type Language } from '@mijn-account/shared-contracts';
import { readCookie, writeCookie } from './browser-cookies';
import { renderContext } from './render-backend';

/** How long the choice is remembered in this browser. */
const LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600;

/**
 * The interface language: the visitor's choice (remembered in this browser, for this portal) or
 * else the tenant's default. Kept in a cookie (`ma_lang`) so that the server writes the page's first
 * screen and `<html lang>` in the same language the app will show (ADR 0017).
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly render = renderContext();
  private readonly current = signal<Language>('nl');

  readonly languages = LANGUAGES;
  readonly language = this.current.asReadonly();

  /**
   * `tenantDefault` null: the tenant could not be loaded (the service away) — then the browser's
   * first language the portal speaks, else English, as the server's page for an unknown host does.
   */
  init(tenantDefault: Language | null): void {
    // On the server the API has chosen already, by the same rule (its `pageLanguageOf`).
    if (this.render) return this.apply(this.render.language);
    const chosen = readCookie(this.document, LANGUAGE_COOKIE);
    this.apply(isLanguage(chosen) ? chosen : (tenantDefault ?? this.browserLanguage()));
  }

  /**
   * Takes up the language the server remembered for this browser at sign-in (the user's own, from
   * their profile), when it set one.
   */
  followChoice(): void {
    const chosen = readCookie(this.document, LANGUAGE_COOKIE);
    if (isLanguage(chosen) && chosen !== this.current()) this.apply(chosen);
  }

  use(language: Language): void {
    writeCookie(this.document, LANGUAGE_COOKIE, language, LANGUAGE_COOKIE_SECONDS);
    this.apply(language);
  }

  /**
   * Shows this page in a language the page knows better than the browser does (a mail link in its
   * reader's language), without remembering it; the switch still changes it.
   */
  show(language: Language): void {
    this.apply(language);
  }

  private browserLanguage(): Language {
    const wanted = this.document.defaultView?.navigator.languages ?? [];
    for (const tag of wanted) {
      const language = tag.slice(0, 2).toLowerCase();
      if (isLanguage(language)) return language;
    }
    return 'en';
  }

  private apply(language: Language): void {
    this.current.set(language);
    this.transloco.setActiveLang(language);
    this.document.documentElement.lang = language;
  }
}
