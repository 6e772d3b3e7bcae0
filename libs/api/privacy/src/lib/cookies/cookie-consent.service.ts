import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type RequestContext, problems, staleVersion } from '@mijn-account/api-core';
import {
  COOKIE_CHOICES,
  COOKIE_CONSENT_WORDING,
  type CookieChoice,
  type CookieConsentView,
  type CookieSettingsView,
} from '@mijn-account/shared-contracts';
import { PrivacySettings } from '../settings/privacy-settings.entity';

export type VersionedCookieSettings = CookieSettingsView & { version: number };

/**
 * The optional cookie and its consent (issue 18 §7). A tenant admin turns the one optional cookie
 * on; only then is anyone asked. The answer is kept per browser in a strictly necessary choice
 * cookie (set by the controller) and, for a signed-in person, in the consent ledger (purpose
 * `cookies`, method `banner`) with the question word for word.
 */
@Injectable()
export class CookieConsentService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether to ask, and the answer so far: this browser's choice cookie, else the person's last ledger entry. */
  async view(ctx: RequestContext, browserChoice: string | undefined): Promise<CookieConsentView> {
    const db = await ctx.db();
    const settings = await db.findOne(PrivacySettings, { where: { tenantId: ctx.tenant.id } });
    const enabled = settings?.optionalCookie ?? false;
    let choice: CookieChoice | null = isChoice(browserChoice) ? browserChoice : null;
    if (choice === null && ctx.user) {
      // SQL: the consent ledger is the newsletters library's table; the latest answer counts.
      const [last]: { action: string }[] = await db.query(
        `SELECT action FROM consent_record WHERE tenant_id = $1 AND user_id = $2 AND purpose = 'cookies'
          ORDER BY at DESC, id DESC LIMIT 1`,
        [ctx.tenant.id, ctx.user.id],
      );
      if (last) choice = last.action === 'given' ? 'accepted' : 'refused';
    }
    return { enabled, choice };
  }

  /** Records an answer. Accepting a cookie the tenant does not offer is refused (422 on `choice`). */
  async choose(ctx: RequestContext, choice: CookieChoice): Promise<CookieConsentView> {
    const db = await ctx.db();
    const settings = await db.findOne(PrivacySettings, { where: { tenantId: ctx.tenant.id } });
    const enabled = settings?.optionalCookie ?? false;
    if (choice === 'accepted' && !enabled)
      throw problems.validation([
        { field: 'choice', code: 'cookieNotOffered', message: 'This portal sets no optional cookie to consent to' },
      ]);
    if (ctx.user) {
      const [statement]: { version: string | null }[] = await db.query(
        `SELECT max(version)::text AS version FROM privacy_statement WHERE tenant_id = $1 AND published_at IS NOT NULL`,
        [ctx.tenant.id],
      );
      // SQL: the consent ledger is the newsletters library's table (this library does not import its entities).
      await db.query(
        `INSERT INTO consent_record (tenant_id, purpose, user_id, email, action, method, ip, wording, privacy_version)
         VALUES ($1, 'cookies', $2, $3, $4, 'banner', $5, $6, $7)`,
        [
          ctx.tenant.id,
          ctx.user.id,
          ctx.user.email,
          choice === 'accepted' ? 'given' : 'withdrawn',
          ctx.ip,
          COOKIE_CONSENT_WORDING[ctx.readsIn ?? ctx.tenant.defaultLanguage],
          statement?.version ?? this.config.newsletters.privacyVersion,
        ],
      );
    }
    return { enabled, choice };
  }

  // ---- The tenant admin's switch ----

  async settings(ctx: RequestContext): Promise<VersionedCookieSettings> {
    const row = await (await ctx.db()).findOne(PrivacySettings, { where: { tenantId: ctx.tenant.id } });
    return { optionalCookie: row?.optionalCookie ?? false, version: row?.optionalCookieVersion ?? 1 };
  }

  /** With its own version (ETag/If-Match): a stale edit is refused (412) with the switch as it is. */
  async updateSettings(
    ctx: RequestContext,
    baseVersion: number | null,
    input: CookieSettingsView,
  ): Promise<VersionedCookieSettings> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    await db.query(`INSERT INTO privacy_settings (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING`, [
      tenantId,
    ]);
    const before = await db.findOne(PrivacySettings, { where: { tenantId }, lock: { mode: 'pessimistic_write' } });
    const current = { optionalCookie: before?.optionalCookie ?? false, version: before?.optionalCookieVersion ?? 1 };
    if (current.version !== baseVersion) throw staleVersion(current);
    await db.update(
      PrivacySettings,
      { tenantId },
      {
        optionalCookie: input.optionalCookie,
        optionalCookieVersion: () => 'optional_cookie_version + 1',
        updatedAt: () => 'now()',
      },
    );
    return this.settings(ctx);
  }
}

export function isChoice(value: unknown): value is CookieChoice {
  return (COOKIE_CHOICES as readonly unknown[]).includes(value);
}
