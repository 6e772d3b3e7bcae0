import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tenant, TenantHost } from '@mijn-account/api-database';
import { APP_CONFIG, type AppConfig } from './config';
import { parseHost, type TenantContext } from './tenancy';

const TTL_MS = 30_000;
const MAX_ENTRIES = 1_000;

/**
 * Finds the tenant for a host name. Tenants change rarely and every request needs one, so answers
 * (including "no such tenant") are cached per process for 30 seconds.
 */
@Injectable()
export class TenantResolver {
  private readonly cache = new Map<string, { tenant: TenantContext | null; at: number }>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async resolve(host: string | undefined): Promise<TenantContext | null> {
    const lookup = parseHost(host, this.config.portalDomain);
    if (!lookup) return null;
    const key = lookup.by === 'slug' ? `s:${lookup.slug}` : `h:${lookup.host}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.tenant;
    const tenants = this.dataSource.getRepository(Tenant);
    let tenant: Tenant | null;
    if (lookup.by === 'slug') {
      tenant = await tenants.findOneBy({ slug: lookup.slug });
    } else {
      const row = await this.dataSource.getRepository(TenantHost).findOneBy({ host: lookup.host });
      tenant = row ? await tenants.findOneBy({ id: row.tenantId }) : null;
    }
    const context = tenant ? tenantContextOf(tenant) : null;
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(key, { tenant: context, at: Date.now() });
    return context;
  }
}

/** A tenant row as a request's tenant context. */
export function tenantContextOf(t: Tenant): TenantContext {
  return {
    id: t.id,
    slug: t.slug,
    displayName: t.displayName,
    defaultLanguage: t.defaultLanguage,
    currency: t.currency,
    brandColor: t.brandColor,
    logoUrl: t.logoUrl,
  };
}
