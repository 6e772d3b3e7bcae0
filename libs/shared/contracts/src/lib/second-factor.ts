/**
 * What a person types as a second factor: the 6-digit code from their authenticator app, or one of
 * their recovery codes (`xxxx-xxxx-xxxxxxxx`, hex digits in either case, dashes optional). The one
 * pattern for the API's sign-in DTOs and the web app (which tells a code from a password with it).
 */
export const SECOND_FACTOR_CODE_PATTERN = /^(\d{6}|[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{8})$/i;
