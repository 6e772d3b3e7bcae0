import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { LANGUAGES, isLanguage, type Language } from '@mijn-account/shared-contracts';

const STORAGE_KEY = 'ma.language';

/**
 * The interface language: the visitor's choice (remembered in this browser, for this portal) or
 * else the tenant's default. Kept in localStorage, not a cookie: it never leaves the browser.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Language>('nl');

  readonly languages = LANGUAGES;
  readonly language = this.current.asReadonly();

  init(tenantDefault: Language): void {
    const stored = this.read();
    this.apply(stored ?? tenantDefault);
  }

  use(language: Language): void {
    try {
      this.document.defaultView?.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // storage may be disabled; the choice then lasts for this page only
    }
    this.apply(language);
  }

  /**
   * Shows this page in a language the page knows better than the browser does (a mail link in its
   * reader's language), without remembering it; the switch still changes it.
   */
  show(language: Language): void {
    this.apply(language);
  }

  private read(): Language | null {
    try {
      const value = this.document.defaultView?.localStorage.getItem(STORAGE_KEY);
      return isLanguage(value) ? value : null;
    } catch {
      return null;
    }
  }

  private apply(language: Language): void {
    this.current.set(language);
    this.transloco.setActiveLang(language);
    this.document.documentElement.lang = language;
  }
}
