import type { IdentityProviderName } from '@mijn-account/shared-contracts';

/** Where a provider sends the browser back: one URL per tenant host, registered at the provider. */
export function redirectUri(origin: string, provider: IdentityProviderName): string {
  return `${origin}/api/auth/${provider}/callback`;
}

/** The stable key of an external identity: Google's `sub`; Microsoft's directory (`tid`) and object id (`oid`). */
export function subjectOf(provider: IdentityProviderName, claims: Record<string, unknown>): string | null {
  if (provider === 'microsoft') {
    return typeof claims['tid'] === 'string' && typeof claims['oid'] === 'string' ? `${claims['tid']}:${claims['oid']}` : null;
  }
  return typeof claims['sub'] === 'string' ? claims['sub'] : null;
}
