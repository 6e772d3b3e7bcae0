import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { APP_CONFIG, type AppConfig, type RequestContext, problems } from '@mijn-account/api-core';
import {
  IDENTITY_PROVIDERS,
  type IdentityProviderName,
  type IdentityProviderSettings,
} from '@mijn-account/shared-contracts';
import { redirectUri } from './identity-keys';
import { type GuardedFetch, checkIssuer, guardedFetch } from './issuer-guard';
import { SecretBox } from './secret-box';

interface ProviderRow {
  provider: IdentityProviderName;
  enabled: boolean;
  issuer: string;
  client_id: string;
  client_secret_enc: string;
  version: number;
}

/**
 * Per-tenant OpenID Connect providers (Google, Microsoft 365): settings, discovery (openid-client),
 * client secret sealed at rest and never returned, and the discovered client cached until the
 * tenant changes its settings. Every request to a provider goes through the issuer guard
 * (public https hosts only, checked on saving and on every connection; issuer-guard.ts).
 */
@Injectable()
export class IdentityProvidersService {
  private readonly logger = new Logger(IdentityProvidersService.name);
  private readonly cache = new Map<string, { at: number; version: number; client: Promise<ProviderClient> }>();

  constructor(
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
  ) {}

  async enabled(ctx: RequestContext): Promise<IdentityProviderName[]> {
    const db = await ctx.db();
    const rows: { provider: IdentityProviderName }[] = await db.query(
      `SELECT provider FROM tenant_identity_provider WHERE tenant_id = $1 AND enabled ORDER BY provider`,
      [ctx.tenant.id],
    );
    return rows.map((r) => r.provider);
  }

  async list(ctx: RequestContext): Promise<IdentityProviderSettings[]> {
    const db = await ctx.db();
    const rows: ProviderRow[] = await db.query(`SELECT * FROM tenant_identity_provider WHERE tenant_id = $1`, [
      ctx.tenant.id,
    ]);
    return IDENTITY_PROVIDERS.map((provider) => {
      const row = rows.find((r) => r.provider === provider);
      return {
        provider,
        enabled: row?.enabled ?? false,
        issuer:
          row?.issuer ??
          (provider === 'google'
            ? 'https://accounts.google.com'
            : 'https://login.microsoftonline.com/<directory-id>/v2.0'),
        clientId: row?.client_id ?? '',
        hasClientSecret: Boolean(row?.client_secret_enc),
        redirectUri: redirectUri(ctx.origin, provider),
      };
    });
  }

  /** Saves a provider; an omitted secret keeps the stored one. */
  async save(
    ctx: RequestContext,
    provider: IdentityProviderName,
    input: { enabled: boolean; issuer: string; clientId: string; clientSecret?: string },
  ): Promise<void> {
    const refused = await checkIssuer(input.issuer, this.appConfig.oidcAllowHttp);
    if (refused) throw problems.validation([{ field: 'issuer', ...refused }]);
    const db = await ctx.db();
    const sealed = input.clientSecret ? this.box.seal(input.clientSecret) : null;
    const rows: { n: number }[] = await db.query(
      `WITH saved AS (
         INSERT INTO tenant_identity_provider AS p (tenant_id, provider, enabled, issuer, client_id, client_secret_enc)
         -- The row to insert carries the stored secret when none is given (NOT NULL is checked before ON CONFLICT).
         SELECT $1, $2, $3, $4, $5, coalesce($6::text, stored.client_secret_enc)
           FROM (SELECT 1) one LEFT JOIN tenant_identity_provider stored ON stored.tenant_id = $1 AND stored.provider = $2
          WHERE coalesce($6::text, stored.client_secret_enc) IS NOT NULL
         ON CONFLICT (tenant_id, provider) DO UPDATE SET
           enabled = $3, issuer = $4, client_id = $5, client_secret_enc = coalesce($6, p.client_secret_enc),
           updated_at = now(), version = p.version + 1
         RETURNING 1)
       SELECT count(*)::int AS n FROM saved`,
      [ctx.tenant.id, provider, input.enabled, input.issuer, input.clientId, sealed],
    );
    if (rows[0].n === 0) {
      throw problems.validation([{ field: 'clientSecret', code: 'isNotEmpty', message: 'Enter the client secret' }]);
    }
  }

  /**
   * The client of an enabled provider: its discovered configuration and its credentials; 404 when
   * the tenant has not switched it on. The same object is answered until the tenant changes the
   * settings (`version`) or ten minutes have passed (discovery is then fetched again), so a
   * Passport strategy built from it (provider-strategies.ts) can be cached by it.
   */
  async client(ctx: RequestContext, provider: IdentityProviderName): Promise<ProviderClient> {
    const db = await ctx.db();
    const rows: ProviderRow[] = await db.query(
      `SELECT * FROM tenant_identity_provider WHERE tenant_id = $1 AND provider = $2 AND enabled`,
      [ctx.tenant.id, provider],
    );
    const row = rows[0];
    if (!row) throw problems.notFound(`Sign-in with ${provider} is not available on this portal`);
    const slot = `${ctx.tenant.id}:${provider}`;
    // What follows may call the provider (discovery, then the round's token exchange): the request
    // holds no connection meanwhile (ADR 0016); it has only read so far.
    await ctx.commit();
    const cached = this.cache.get(slot);
    if (cached && cached.version === row.version && Date.now() - cached.at < 10 * 60_000) return cached.client;
    const insecure = row.issuer.startsWith('http://') && this.appConfig.oidcAllowHttp;
    const clientSecret = this.box.open(row.client_secret_enc);
    const fetch = guardedFetch(this.appConfig.oidcAllowHttp);
    const client = oidc
      .discovery(new URL(row.issuer), row.client_id, undefined, oidc.ClientSecretPost(clientSecret), {
        execute: insecure ? [oidc.allowInsecureRequests] : [],
        [oidc.customFetch]: fetch,
      })
      .then((config): ProviderClient => ({ provider, config, clientId: row.client_id, clientSecret, fetch }))
      .catch((error: unknown) => {
        if (this.cache.get(slot)?.client === client) this.cache.delete(slot);
        this.logger.warn({ err: error, provider, tenant: ctx.tenant.slug }, 'OpenID discovery failed');
        throw problems.notFound(`Sign-in with ${provider} is not reachable right now`);
      });
    // One entry per tenant and provider: a settings change replaces the client, never leaves the old one usable.
    this.cache.set(slot, { at: Date.now(), version: row.version, client });
    return client;
  }
}

/** An enabled provider's discovered configuration and credentials, with the guarded fetch every request to it uses. */
export interface ProviderClient {
  provider: IdentityProviderName;
  config: oidc.Configuration;
  clientId: string;
  clientSecret: string;
  fetch: GuardedFetch;
}
