import type { IdentityProviderName } from '@mijn-account/shared-contracts';

/** Where a provider sends the browser back: one URL per tenant host, registered at the provider. */
export function redirectUri(origin: string, provider: IdentityProviderName): string {
  return `${origin}/api/auth/${provider}/callback`;
}

/** The stable key of an external identity: Google's `sub`; Microsoft's directory (`tid`) and object id (`oid`). */
export function subjectOf(provider: IdentityProviderName, claims: Record<string, unknown>): string | null {
  if (provider === 'microsoft') {
    return typeof claims['tid'] === 'string' && typeof claims['oid'] === 'string'
      ? `${claims['tid']}:${claims['oid']}`
      : null;
  }
  return typeof claims['sub'] === 'string' ? claims['sub'] : null;
}

/**
 * The e-mail address an ID token names, and whether the provider vouches for it: only
 * `email_verified: true` (Google) or Entra ID's `xms_edov: true` (the domain owner verified it)
 * count. Entra's `email` and `preferred_username` are otherwise whatever the directory holds.
 */
export function emailOf(claims: Record<string, unknown>): { email: string; verified: boolean } {
  const raw =
    typeof claims['email'] === 'string'
      ? claims['email']
      : typeof claims['preferred_username'] === 'string'
        ? claims['preferred_username']
        : '';
  const email = raw.trim().toLowerCase();
  const fromEmailClaim = typeof claims['email'] === 'string';
  return {
    email,
    verified: email !== '' && fromEmailClaim && (claims['email_verified'] === true || claims['xms_edov'] === true),
  };
}
