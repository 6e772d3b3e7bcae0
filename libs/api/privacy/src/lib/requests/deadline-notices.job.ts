import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, RequestContext, type TenantContext, tenantById } from '@mijn-account/api-core';
import { PRIVACY_DEADLINE_QUEUE } from '@mijn-account/api-database';
import { MailService, PRIVACY_WORDS } from '@mijn-account/api-mail';
import { DUE_SOON_DAYS, type PrivacyRequestKind } from '@mijn-account/shared-contracts';
import { PrivacyQueue } from '../privacy.queue';
import { PrivacyRequests } from './privacy-requests.service';

/** Every day at 06:15 UTC: pg-boss's schedule gives one job per tick, however many workers. */
const CRON = '15 6 * * *';

/**
 * The daily notice (issue 18 §5): each tenant's privacy contact (privacy_settings.contact_email) is
 * mailed about the open requests due within seven days, overdue ones included. The notice's row
 * (tenant, day) is inserted before the mail is queued, in one transaction: a second worker, or the
 * job run again the same day, meets the key and mails nothing.
 */
@Injectable()
export class DeadlineNotices {
  private readonly logger = new Logger(DeadlineNotices.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly requests: PrivacyRequests,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    queue: PrivacyQueue,
  ) {
    queue.handle(PRIVACY_DEADLINE_QUEUE, () => this.runAll(), CRON);
  }

  /** The daily job: every tenant in turn; one tenant's failure does not hold up the others. */
  async runAll(): Promise<void> {
    // SQL: the tenant table has no row-level security (the resolver reads it before a tenant is known).
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM tenant ORDER BY id`);
    for (const { id } of rows)
      await this.runFor(id).catch((error: unknown) =>
        this.logger.error({ err: error, tenant: id }, 'privacy deadline notice failed'),
      );
  }

  /** The tenant's notice for today; returns how many requests it named (0: no mail). */
  async runFor(tenantId: string): Promise<number> {
    const tenant = await tenantById(this.dataSource, tenantId);
    if (!tenant) return 0;
    const ctx = new RequestContext(
      `privacy-deadlines-${randomUUID()}`,
      tenant,
      '127.0.0.1',
      null,
      this.origin(tenant),
      this.dataSource,
    );
    try {
      const named = await this.send(ctx);
      await ctx.commit();
      return named;
    } catch (error) {
      await ctx.rollback();
      throw error;
    }
  }

  private async send(ctx: RequestContext): Promise<number> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    const [settings]: { contact_email: string | null }[] = await db.query(
      `SELECT contact_email FROM privacy_settings WHERE tenant_id = $1`,
      [tenantId],
    );
    if (!settings?.contact_email) return 0;
    const today = await this.requests.today(db, tenantId);
    const due: { type: PrivacyRequestKind; received_on: string; due_on: string; overdue: boolean }[] = await db.query(
      `SELECT type, received_on::text, coalesce(extended_until, deadline)::text AS due_on,
              coalesce(extended_until, deadline) < $2::date AS overdue
         FROM privacy_request
        WHERE tenant_id = $1 AND status = 'open' AND coalesce(extended_until, deadline) <= $2::date + $3::int
        ORDER BY coalesce(extended_until, deadline), received_on`,
      [tenantId, today, DUE_SOON_DAYS],
    );
    if (due.length === 0) return 0;
    // SQL: today's notice row first; ON CONFLICT: another worker (or an earlier run) sent it already.
    const inserted: unknown[] = await db.query(
      `INSERT INTO privacy_deadline_notice (tenant_id, day, recipient, requests) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [tenantId, today, settings.contact_email, due.length],
    );
    if (inserted.length === 0) return 0;
    const language = ctx.tenant.defaultLanguage;
    const day = (isoDay: string) =>
      new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${isoDay}T00:00:00Z`),
      );
    const lines = due.map((r) =>
      language === 'nl'
        ? `${capitalise(PRIVACY_WORDS.nl[r.type])}, ontvangen ${day(r.received_on)}: uiterlijk ${day(r.due_on)}${r.overdue ? ' (te laat)' : ''}`
        : `${capitalise(PRIVACY_WORDS.en[r.type])}, received ${day(r.received_on)}: due ${day(r.due_on)}${r.overdue ? ' (overdue)' : ''}`,
    );
    await this.mail.send(ctx, {
      to: settings.contact_email,
      template: 'privacy-deadlines',
      language,
      params: {
        count: due.length,
        overdue: due.filter((r) => r.overdue).length,
        lines,
        link: `${ctx.origin}/admin/privacy/requests`,
      },
    });
    return due.length;
  }

  /** The tenant's portal address, the base of the mail's link. */
  private origin(tenant: TenantContext): string {
    return this.config.portalDomain === 'localhost'
      ? `http://${tenant.slug}.localhost:${this.config.port}`
      : `https://${tenant.slug}.${this.config.portalDomain}`;
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
