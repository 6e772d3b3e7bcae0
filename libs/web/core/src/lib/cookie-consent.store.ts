import { DOCUMENT } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  type CookieChoice,
  type CookieConsentView,
  type CookieSettingsView,
  OPTIONAL_COOKIE,
  OPTIONAL_COOKIE_DAYS,
  type RememberedSignInMethod,
  SIGN_IN_METHODS_REMEMBERED,
} from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';
import { readCookie, writeCookie } from './browser-cookies';

/**
 * The optional cookie and its consent (issue 18 §7). The optional cookie (`ma_last_sign_in`) is
 * written and read only here, and only while the tenant offers it and this browser's answer is
 * "accepted"; any other answer removes it.
 */
@Injectable({ providedIn: 'root' })
export class CookieConsentStore {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  private readonly state = signal<CookieConsentView | null>(null);
  private readonly choicesOnScreen = signal(0);

  readonly view = this.state.asReadonly();
  /** The banner asks when the tenant offers the cookie and nobody answered yet. */
  readonly ask = computed(() => this.state()?.enabled === true && this.state()?.choice === null);
  /** …but not while the page itself shows the choice (the cookie page, the privacy page): one question at a time. */
  readonly askInBanner = computed(() => this.ask() && this.choicesOnScreen() === 0);
  readonly allowed = computed(() => this.state()?.enabled === true && this.state()?.choice === 'accepted');

  async load(): Promise<CookieConsentView> {
    const view = await firstValueFrom(this.http.get<CookieConsentView>(apiUrl('cookieConsent')));
    this.state.set(view);
    if (!this.allowed()) this.forget();
    return view;
  }

  async choose(choice: CookieChoice): Promise<void> {
    const view = await firstValueFrom(this.http.put<CookieConsentView>(apiUrl('cookieConsent'), { choice }));
    this.state.set(view);
    if (!this.allowed()) this.forget();
  }

  /** A choice card on screen; the returned function says it has gone. */
  choiceShown(): () => void {
    this.choicesOnScreen.update((n) => n + 1);
    return () => this.choicesOnScreen.update((n) => n - 1);
  }

  /** After a sign-in (or when leaving for Google or Microsoft): remembered only with consent. */
  remember(method: RememberedSignInMethod): void {
    if (!this.allowed()) return;
    writeCookie(this.document, OPTIONAL_COOKIE, method, OPTIONAL_COOKIE_DAYS * 24 * 3600);
  }

  /** The way of signing in used last on this browser, when remembered with consent. */
  lastSignIn(): RememberedSignInMethod | null {
    if (!this.allowed()) return null;
    const value = readCookie(this.document, OPTIONAL_COOKIE);
    return (SIGN_IN_METHODS_REMEMBERED as readonly string[]).includes(value ?? '')
      ? (value as RememberedSignInMethod)
      : null;
  }

  private forget(): void {
    if (readCookie(this.document, OPTIONAL_COOKIE) !== null) writeCookie(this.document, OPTIONAL_COOKIE, '', 0);
  }

  // ---- The tenant admin's switch ----

  async settings(): Promise<{ value: CookieSettingsView; etag: string }> {
    const response = await firstValueFrom(
      this.http.get<CookieSettingsView>(apiUrl('privacyCookieSettings'), { observe: 'response' }),
    );
    return { value: response.body as CookieSettingsView, etag: response.headers.get('etag') ?? '' };
  }

  async saveSettings(update: CookieSettingsView, etag: string): Promise<{ value: CookieSettingsView; etag: string }> {
    const response = await firstValueFrom(
      this.http.put<CookieSettingsView>(apiUrl('privacyCookieSettings'), update, {
        observe: 'response',
        headers: { 'If-Match': etag },
      }),
    );
    const saved = { value: response.body as CookieSettingsView, etag: response.headers.get('etag') ?? '' };
    await this.load().catch(() => undefined);
    return saved;
  }
}
