import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, RequestContext, type TenantContext, tenantById } from '@mijn-account/api-core';
import { BILLING_REMINDER_QUEUE } from '@mijn-account/api-database';
import { MailService } from '@mijn-account/api-mail';
import { BillingQueue } from '../runs/billing.queue';
import { todayIn } from '@mijn-account/shared-billing-periods';
import { invoiceRecipientSql } from '../accounts/invoice-recipient.sql';

interface DueReminder {
  invoice_id: string;
  number: string;
  language: 'nl' | 'en';
  currency: string;
  due_date: string;
  outstanding: string;
  recipient: string | null;
  reminder_no: number;
  country: string | null;
}

/** At most this many reminders per tenant and hour; the next hourly job takes the rest. */
const BATCH = 500;

/** Every hour, at minute 7 (UTC): pg-boss's schedule gives one job per tick, however many workers. */
const CRON = '7 * * * *';

/**
 * Payment reminders for overdue open invoices (issue 17 §6), every tenant in turn from one hourly job: an invoice gets
 * reminder k+1 once it is `afterDays` past due (and `intervalDays` after reminder k), up to `max`,
 * in the invoice's (the account's) language, to the billing e-mail or else the account's first
 * owner. Each reminder's row (primary key invoice + number) is inserted before its mail is queued,
 * in one transaction: a second worker running the same job meets the key and sends nothing.
 */
@Injectable()
export class PaymentReminders {
  private readonly logger = new Logger(PaymentReminders.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    queue: BillingQueue,
  ) {
    queue.whenWorking(BILLING_REMINDER_QUEUE, CRON, () => this.runAll());
  }

  /** The hourly job: every tenant's due reminders; one tenant's failure does not hold up the others. */
  async runAll(now = new Date()): Promise<void> {
    // SQL: the tenant table has no row-level security (the resolver reads it before a tenant is known).
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM tenant ORDER BY id`);
    for (const { id } of rows)
      await this.runFor(id, now).catch((error: unknown) =>
        this.logger.error({ err: error, tenant: id }, 'payment reminders failed'),
      );
  }

  /** The job: the tenant's reminders that are due now. */
  async runFor(tenantId: string, now = new Date()): Promise<number> {
    const tenant = await tenantById(this.dataSource, tenantId);
    return tenant ? this.run(tenant, now) : 0;
  }

  /** Sends what is due for the tenant now; returns how many reminders were queued. */
  async run(tenant: TenantContext, now = new Date()): Promise<number> {
    const ctx = new RequestContext(
      `reminders-${randomUUID()}`,
      tenant,
      '127.0.0.1',
      null,
      this.origin(tenant),
      this.dataSource,
    );
    try {
      const sent = await this.send(ctx, now);
      await ctx.commit();
      return sent;
    } catch (error) {
      await ctx.rollback();
      throw error;
    }
  }

  private async send(ctx: RequestContext, now: Date): Promise<number> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    const [settings] = (await db.query(
      `SELECT time_zone, reminder_after_days, reminder_max, reminder_interval_days, country
         FROM invoicing_settings WHERE tenant_id = $1`,
      [tenantId],
    )) as {
      time_zone: string;
      reminder_after_days: number;
      reminder_max: number;
      reminder_interval_days: number;
      country: string | null;
    }[];
    if (!settings || settings.reminder_max === 0) return 0;
    const today = todayIn(settings.time_zone, now);
    // SQL: open invoices past due by the setting, with fewer reminders than the maximum and the
    // last one at least the interval ago; what is still open after payments; whom to write to.
    const due: DueReminder[] = await db.query(
      `SELECT i.id AS invoice_id, i.number, i.language, i.currency, i.due_date::text,
              (i.gross_minor - COALESCE((SELECT sum(p.amount_minor) FROM payment p
                                          WHERE p.tenant_id = i.tenant_id AND p.invoice_id = i.id), 0))::text AS outstanding,
              ${invoiceRecipientSql('a')} AS recipient,
              r.sent + 1 AS reminder_no, $6::text AS country
         FROM invoice i
         JOIN subscriber_account a ON a.tenant_id = i.tenant_id AND a.id = i.account_id
         CROSS JOIN LATERAL (SELECT count(*)::int AS sent, max(sent_at) AS last_at FROM payment_reminder r
                              WHERE r.tenant_id = i.tenant_id AND r.invoice_id = i.id) r
        WHERE i.tenant_id = $1 AND i.kind = 'invoice' AND i.status = 'open'
          AND i.due_date + $2::int < $3::date
          AND r.sent < $4 AND (r.last_at IS NULL OR r.last_at <= $7::timestamptz - make_interval(days => $5))
        ORDER BY i.due_date, i.id LIMIT ${BATCH}`,
      [
        tenantId,
        settings.reminder_after_days,
        today,
        settings.reminder_max,
        settings.reminder_interval_days,
        settings.country,
        now,
      ],
    );
    let sent = 0;
    for (const reminder of due) {
      if (!reminder.recipient || Number(reminder.outstanding) <= 0) continue;
      // SQL: the reminder's row first; ON CONFLICT: another worker sent this one already.
      const inserted: unknown[] = await db.query(
        `INSERT INTO payment_reminder (tenant_id, invoice_id, reminder_no, recipient, language, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1`,
        [tenantId, reminder.invoice_id, reminder.reminder_no, reminder.recipient, reminder.language, now],
      );
      if (inserted.length === 0) continue;
      const locale = reminder.language === 'nl' ? 'nl-NL' : `en-${reminder.country ?? 'NL'}`;
      await this.mail.send(ctx, {
        to: reminder.recipient,
        template: 'payment-reminder',
        language: reminder.language,
        params: {
          number: reminder.number,
          amount: new Intl.NumberFormat(locale, { style: 'currency', currency: reminder.currency }).format(
            Number(reminder.outstanding) / 100,
          ),
          dueDate: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
            new Date(`${reminder.due_date}T00:00:00Z`),
          ),
          reminderNo: reminder.reminder_no,
          link: `${ctx.origin}/account/invoices`,
        },
      });
      sent++;
    }
    return sent;
  }

  /** The tenant's portal address, the base of the mail's link (the first custom host would need the tenant row). */
  private origin(tenant: TenantContext): string {
    return this.config.portalDomain === 'localhost'
      ? `http://${tenant.slug}.localhost:${this.config.port}`
      : `https://${tenant.slug}.${this.config.portalDomain}`;
  }
}
