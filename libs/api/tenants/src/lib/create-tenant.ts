import { validate, IsIn, IsOptional, IsString, IsUrl, Length, Matches, IsFQDN } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import type { DataSource } from 'typeorm';
import { withTenant } from '@mijn-account/api-database';
import { Tenant, TenantHost } from './entities';
import { LANGUAGES, type Language } from '@mijn-account/shared-contracts';

/** A tenant's country when none is given, as migration 1795580000000 chose for the tenants before it. */
const COUNTRY_BY_CURRENCY: Record<string, string> = { CAD: 'CA', USD: 'US', GBP: 'GB' };

export class CreateTenantInput {
  @Matches(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$/, { message: '2-40 lower-case letters, digits or dashes' })
  slug!: string;

  @IsString()
  @Length(1, 100)
  displayName!: string;

  @IsIn(LANGUAGES)
  defaultLanguage!: Language;

  @Matches(/^[A-Z]{3}$/, { message: 'an ISO 4217 code such as EUR' })
  currency!: string;

  /** Where phone numbers without +country are read; by default the currency's (CAD → CA …, else NL). */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'an ISO 3166-1 alpha-2 code such as NL' })
  country?: string;

  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'a colour as #rrggbb' })
  brandColor!: string;

  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  logoUrl?: string;

  @IsOptional()
  @IsFQDN({}, { each: true })
  hosts?: string[];
}

/**
 * Creates a tenant and its custom host names. A platform-operator task (run from the command line
 * as the owner role), never a web page.
 */
export async function createTenant(ownerDataSource: DataSource, raw: Record<string, unknown>): Promise<Tenant> {
  const input = plainToInstance(CreateTenantInput, raw);
  const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`));
    throw new Error(`Invalid tenant:\n${lines.join('\n')}`);
  }
  const tenant = await ownerDataSource.getRepository(Tenant).save({
    slug: input.slug,
    displayName: input.displayName,
    defaultLanguage: input.defaultLanguage,
    currency: input.currency,
    country: input.country ?? COUNTRY_BY_CURRENCY[input.currency] ?? 'NL',
    brandColor: input.brandColor,
    logoUrl: input.logoUrl ?? null,
  });
  const hosts = (input.hosts ?? []).map((h) => h.toLowerCase());
  await withTenant(ownerDataSource, tenant.id, async (db) => {
    // Sign-in settings start at their defaults: invitation only, the default brute-force limits.
    // SQL: these default rows belong to tables of the auth and support libraries, which this one does not import.
    await db.query(`INSERT INTO tenant_sign_in_settings (tenant_id) VALUES ($1)`, [tenant.id]);
    await db.query(`INSERT INTO tenant_access_settings (tenant_id) VALUES ($1)`, [tenant.id]);
    if (hosts.length > 0)
      await db.insert(
        TenantHost,
        hosts.map((host) => ({ host, tenantId: tenant.id })),
      );
  });
  return tenant;
}
