import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withTenant } from '@mijn-account/api-database';
import { APP_CONFIG, type AppConfig } from './config';
import { type HostLookup, parseHost, type TenantContext } from './tenancy';

const MAX_ENTRIES = 1_000;

/**
 * Finds the tenant for a host name. Tenants change rarely and every request needs one, so answers
 * (including "no such tenant") are cached per process (`TENANT_CACHE_SECONDS`, 30 s). When the
 * database cannot answer, an older answer is used rather than none: the pages of a tenant this
 * process has served keep their branding through an outage (issue 19 §1), while its API answers 503.
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
    if (hit && Date.now() - hit.at < this.config.tenantCacheMs) return hit.tenant;
    let context: TenantContext | null;
    try {
      context = await this.read(lookup);
    } catch (error) {
      if (hit) return hit.tenant;
      throw error;
    }
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(key, { tenant: context, at: Date.now() });
    return context;
  }

  private async read(lookup: NonNullable<HostLookup>): Promise<TenantContext | null> {
    // SQL rather than the tenants library's repositories: core sits below the domain libraries.
    // `tenant` and `tenant_host` are platform tables (no RLS), read before any tenant transaction.
    const [row] = (await this.dataSource.query(
      lookup.by === 'slug'
        ? `SELECT ${TENANT_COLUMNS} FROM tenant t WHERE t.slug = $1`
        : `SELECT ${TENANT_COLUMNS} FROM tenant_host h JOIN tenant t ON t.id = h.tenant_id WHERE h.host = $1`,
      [lookup.by === 'slug' ? lookup.slug : lookup.host],
    )) as TenantRow[];
    return row ? tenantContextOf(row, await tenantTimeZone(this.dataSource, row.id)) : null;
  }
}

/** The time zone a tenant without invoicing settings keeps its calendar in (`invoicing_settings.time_zone`'s default). */
export const DEFAULT_TENANT_TIME_ZONE = 'Europe/Amsterdam';

/**
 * The tenant's time zone: the one its invoicing settings name (billing periods, due dates and "today"
 * in every date field are days in it). A tenant table under row-level security, so read in a
 * transaction of that tenant.
 */
export async function tenantTimeZone(dataSource: DataSource, tenantId: string): Promise<string> {
  const rows: { time_zone: string }[] = await withTenant(dataSource, tenantId, (db) =>
    db.query(`SELECT time_zone FROM invoicing_settings WHERE tenant_id = $1`, [tenantId]),
  );
  return rows[0]?.time_zone ?? DEFAULT_TENANT_TIME_ZONE;
}

/** The tenant with this id as a context for background work (null: no such tenant). */
export async function tenantById(dataSource: DataSource, tenantId: string): Promise<TenantContext | null> {
  const [row] = (await dataSource.query(`SELECT ${TENANT_COLUMNS} FROM tenant t WHERE t.id = $1`, [
    tenantId,
  ])) as TenantRow[];
  return row ? tenantContextOf(row, await tenantTimeZone(dataSource, row.id)) : null;
}

const TENANT_COLUMNS = `t.id, t.slug, t.display_name AS "displayName", t.default_language AS "defaultLanguage", t.currency, t.country, t.brand_color AS "brandColor", t.logo_url AS "logoUrl"`;

/** The columns of a `tenant` row a request's context needs (the `Tenant` entity has them). */
export type TenantRow = Omit<TenantContext, 'timeZone'>;

/** A tenant row and its time zone as a request's tenant context. */
export function tenantContextOf(t: TenantRow, timeZone: string): TenantContext {
  return {
    id: t.id,
    slug: t.slug,
    displayName: t.displayName,
    defaultLanguage: t.defaultLanguage,
    currency: t.currency,
    country: t.country,
    brandColor: t.brandColor,
    logoUrl: t.logoUrl,
    timeZone,
  };
}
