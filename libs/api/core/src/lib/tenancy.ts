import type { TenantInfo } from '@mijn-account/shared-contracts';

/** The tenant serving the current request, as resolved from its host name: its public branding and its id. */
export interface TenantContext extends TenantInfo {
  id: string;
}

/** How a host name maps to a tenant: `<slug>.<portalDomain>` by slug, anything else by custom host. */
export type HostLookup = { by: 'slug'; slug: string } | { by: 'host'; host: string } | null;

export function parseHost(rawHost: string | undefined, portalDomain: string): HostLookup {
  if (!rawHost) return null;
  const host = rawHost.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  if (!/^[a-z0-9.-]{1,253}$/.test(host)) return null;
  const suffix = `.${portalDomain}`;
  if (host.endsWith(suffix)) {
    const slug = host.slice(0, -suffix.length);
    return /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/.test(slug) ? { by: 'slug', slug } : null;
  }
  if (host === portalDomain || /^[0-9.]+$/.test(host)) return null;
  return { by: 'host', host };
}
