import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type RequestContext } from '@mijn-account/api-core';
import { BILLING_SCHEDULE_QUEUE, withTenant } from '@mijn-account/api-database';
import type { BillingScheduleUpdate, BillingScheduleView } from '@mijn-account/shared-contracts';
import { BillingSchedule } from '../entities/billing-schedule.entity';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { todayIn } from '@mijn-account/shared-billing-periods';
import { BillingQueue } from './billing.queue';
import { BillingRunsService } from './billing-runs.service';
import { monthOf, nextScheduledRun } from './billing-schedule';

/** Who the run list names for a run the schedule started. */
export const SCHEDULE_STARTER = 'schedule';

/** Every 15 minutes: a run day begins at midnight in each tenant's own time zone. */
const CRON = '*/15 * * * *';

/**
 * The scheduled billing run per tenant: on the tenant's run day (its own time zone) the month is
 * billed as if finance had started it. A pg-boss cron job (singleton queue) wakes the worker; each
 * tenant's month is claimed by one UPDATE of `billing_schedule.last_period_start`, so a tick
 * delivered twice or worked by two processes starts the month once. A tenant whose invoicing
 * settings are incomplete is not claimed: its month starts on the first tick after they are.
 */
@Injectable()
export class BillingScheduler {
  private readonly logger = new Logger(BillingScheduler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: InvoicingSettingsService,
    private readonly runs: BillingRunsService,
    queue: BillingQueue,
  ) {
    queue.whenWorking(BILLING_SCHEDULE_QUEUE, CRON, () => this.tick());
  }

  async get(ctx: RequestContext): Promise<BillingScheduleView> {
    return this.view(await ctx.db(), ctx.tenant.id);
  }

  /** Sets the run day; a day already past this month starts from next month (no surprise run today). */
  async update(ctx: RequestContext, input: BillingScheduleUpdate): Promise<BillingScheduleView> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    const today = todayIn((await this.settings.read(db, tenantId, false)).timeZone);
    const month = monthOf(today);
    const skipThisMonth = input.runDay !== null && Number(today.slice(8)) > input.runDay;
    // SQL: one row per tenant; the month is marked started only when its run day has passed already.
    await db.query(
      `INSERT INTO billing_schedule (tenant_id, run_day, last_period_start) VALUES ($1, $2, CASE WHEN $3 THEN $4::date END)
       ON CONFLICT (tenant_id) DO UPDATE SET run_day = EXCLUDED.run_day, updated_at = now(),
         last_period_start = CASE WHEN $3 THEN GREATEST(billing_schedule.last_period_start, $4::date)
                                  ELSE billing_schedule.last_period_start END`,
      [tenantId, input.runDay, skipThisMonth, month.start],
    );
    return this.view(db, tenantId);
  }

  /** The next scheduled run of a tenant (null when none), in its own calendar. */
  async nextRun(db: EntityManager, tenantId: string, timeZone: string, now = new Date()): Promise<string | null> {
    const row = await db.findOne(BillingSchedule, { where: { tenantId } });
    return nextScheduledRun(row?.runDay ?? null, row?.lastPeriodStart ?? null, todayIn(timeZone, now));
  }

  /** Starts every tenant's month whose run day has come; returns the runs started (for tests and logs). */
  async tick(now = new Date()): Promise<{ tenantId: string; runId: string }[]> {
    const tenants: { id: string }[] = await this.dataSource.query(`SELECT id FROM tenant ORDER BY id`);
    const started: { tenantId: string; runId: string }[] = [];
    for (const { id: tenantId } of tenants) {
      try {
        const runId = await withTenant(this.dataSource, tenantId, (db) => this.startDue(db, tenantId, now));
        if (runId) started.push({ tenantId, runId });
      } catch (error) {
        this.logger.error({ err: error, tenantId }, 'scheduled billing run failed to start');
      }
    }
    return started;
  }

  private async startDue(db: EntityManager, tenantId: string, now: Date): Promise<string | null> {
    const schedule = await db.findOne(BillingSchedule, { where: { tenantId } });
    if (!schedule?.runDay) return null;
    const settings = await this.settings.read(db, tenantId, false);
    if (settings.missing.length > 0) return null;
    const today = todayIn(settings.timeZone, now);
    if (Number(today.slice(8)) < schedule.runDay) return null;
    const month = monthOf(today);
    // SQL: the claim — only the first tick of the month's run day gets a row back.
    const [claimed] = (await db.query(
      `UPDATE billing_schedule SET last_period_start = $2
        WHERE tenant_id = $1 AND (last_period_start IS NULL OR last_period_start < $2) RETURNING 1`,
      [tenantId, month.start],
    )) as [unknown[], number];
    if (claimed.length === 0) return null;
    const { runId } = await this.runs.open(
      db,
      tenantId,
      { periodStart: month.start, periodEnd: month.end },
      { id: null, name: SCHEDULE_STARTER },
    );
    this.logger.log({ tenantId, runId, period: month.start }, 'scheduled billing run started');
    return runId;
  }

  private async view(db: EntityManager, tenantId: string): Promise<BillingScheduleView> {
    const { timeZone } = await this.settings.read(db, tenantId, false);
    const row = await db.findOne(BillingSchedule, { where: { tenantId } });
    return { runDay: row?.runDay ?? null, timeZone, nextRun: await this.nextRun(db, tenantId, timeZone) };
  }
}
