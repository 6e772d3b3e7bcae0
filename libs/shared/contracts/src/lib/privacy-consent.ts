/**
 * Issue 18 slice C: the optional cookie with its consent banner, and the age question of a Google or
 * Microsoft sign-up.
 */
import type { AgeConfirmation } from './privacy-overview';
import type { SignInResponse } from './api';
import type { Language } from './roles';

/**
 * Answers the age question a Google or Microsoft sign-up stops at (POST /api/auth/sign-up): the
 * token names the sign-up the portal holds since the provider's callback.
 */
export interface SocialSignUpRequest {
  token: string;
  /** Required where the tenant asks an age (a missing answer is a 422 on this field). */
  ageConfirmation?: AgeConfirmation;
}

/** Signed in (or a second factor, never for a new account), or the confirmation mail was sent. */
export type SocialSignUpResponse = SignInResponse | { status: 'verify-email' };

/**
 * The one optional cookie a tenant may turn on (issue 18 §7): it remembers on this browser which way
 * of signing in was used last (password, Google or Microsoft 365), so the sign-in page can say so.
 * Set by the page's script only after consent; removed when consent is withdrawn.
 */
export const OPTIONAL_COOKIE = 'ma_last_sign_in';
export const OPTIONAL_COOKIE_DAYS = 180;
export const SIGN_IN_METHODS_REMEMBERED = ['password', 'google', 'microsoft'] as const;
export type RememberedSignInMethod = (typeof SIGN_IN_METHODS_REMEMBERED)[number];

/** Strictly necessary: holds an anonymous visitor's answer to the banner, so it is asked once. */
export const COOKIE_CHOICE_COOKIE = 'ma_cookie_choice';
export const COOKIE_CHOICE_DAYS = 365;

export const COOKIE_CHOICES = ['accepted', 'refused'] as const;
export type CookieChoice = (typeof COOKIE_CHOICES)[number];

/** GET /api/cookie-consent: whether a banner is needed, and the choice made so far. */
export interface CookieConsentView {
  /** The tenant offers the optional cookie; without it nothing is asked. */
  enabled: boolean;
  /** This browser's (or, signed in, this person's) answer; null when not asked yet. */
  choice: CookieChoice | null;
}

/** PUT /api/cookie-consent. */
export interface CookieConsentUpdate {
  choice: CookieChoice;
}

/** GET/PUT /api/admin/privacy/cookies (tenant admin; ETag/If-Match like the privacy settings). */
export interface CookieSettingsView {
  optionalCookie: boolean;
}

/**
 * The question the banner asks, word for word: the consent ledger records it with each answer, so
 * the proof is what the person read.
 */
export const COOKIE_CONSENT_WORDING: Record<Language, string> = {
  nl: 'Mogen we in deze browser onthouden hoe je de vorige keer inlogde (wachtwoord, Google of Microsoft 365)? Daarvoor gebruiken we één cookie, ma_last_sign_in, 180 dagen lang. Zonder je toestemming zetten we hem niet.',
  en: 'May we remember on this browser how you signed in last time (password, Google or Microsoft 365)? We use one cookie for it, ma_last_sign_in, for 180 days. Without your consent we never set it.',
};
