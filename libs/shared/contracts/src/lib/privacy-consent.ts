/**
 * Issue 18 slice C: the optional cookie with its consent banner, and the age question of a Google or
 * Microsoft sign-up.
 */
import type { AgeConfirmation } from './privacy-overview';
import type { SignInResponse } from './api';

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
