/**
 * Secrets that are public because this repository publishes them: the development fallbacks of
 * `config.ts` and the example values that `docker/compose.yaml` and `docker/postgres/init.sql`
 * used to ship. Production refuses every one of them (and demo data), so a copy-pasted example can
 * never guard real data. Keys are compared as bytes, so another spelling of the same key is caught.
 */

/** The development fallbacks `loadConfig` uses when a secret is not set (only outside production). */
export const DEVELOPMENT_SESSION_SECRET = 'development-only-session-secret-change-me';
export const DEVELOPMENT_DATA_KEY = Buffer.alloc(32, 7);
export const DEVELOPMENT_AUDIT_SEED = Buffer.alloc(32, 9);

const SESSION_SECRETS = [DEVELOPMENT_SESSION_SECRET, 'change-me-to-at-least-32-random-characters'];

const KEYS = [
  DEVELOPMENT_DATA_KEY,
  DEVELOPMENT_AUDIT_SEED,
  // docker/compose.yaml's example DATA_KEY and AUDIT_SIGNING_KEY before secrets moved to docker/.env
  Buffer.from('Y2hhbmdlLW1lLWNoYW5nZS1tZS1jaGFuZ2UtbWUtMzI=', 'base64'),
  Buffer.from('ZXhhbXBsZS1vbmx5LWF1ZGl0LXNlZWQtcmVwbGFjZS0=', 'base64'),
];

/** Database passwords docker/postgres/init.sql and docker/compose.yaml used to ship. */
const DATABASE_PASSWORDS = ['portal-app-change-me', 'portal-owner-change-me', 'postgres-superuser-change-me'];

export function isPublishedSessionSecret(value: string): boolean {
  return SESSION_SECRETS.includes(value);
}

/** A published key, or one without any randomness (the same byte 32 times, like the fallbacks). */
export function isPublishedKey(key: Buffer): boolean {
  return KEYS.some((published) => published.equals(key)) || key.every((byte) => byte === key[0]);
}

export function hasPublishedPassword(databaseUrl: string): boolean {
  if (!databaseUrl) return false;
  const password = decodeURIComponent(new URL(databaseUrl).password);
  return DATABASE_PASSWORDS.includes(password);
}
