import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type RequestContext, problems } from '@mijn-account/api-core';
import type { BillingRunStart, BillingRunView, FieldError, RunSkip } from '@mijn-account/shared-contracts';
import { BillingRun } from '../entities/billing-run.entity';
import { isRealDate } from '@mijn-account/api-core';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { todayIn } from '@mijn-account/shared-billing-periods';
import { daysBetween } from '@mijn-account/shared-billing-periods';
import { BillingQueue } from './billing.queue';
import { finaliseProblemSql } from './finalise-check';

/**
 * Billing runs over a period: started by finance (never worked in the request: jobs do it in
 * batches), watched through their progress counts, finalised by finance or after the review window.
 */
@Injectable()
export class BillingRunsService {
  constructor(
    private readonly settings: InvoicingSettingsService,
    private readonly queue: BillingQueue,
  ) {}

  /**
   * Starts a run for the period, or — when one for it is still unfinished — takes that one up again
   * (its next step is queued anew: a run whose worker died goes on with its undone batches). 201 for a new run.
   */
  async start(ctx: RequestContext, input: BillingRunStart): Promise<{ status: number; body: BillingRunView }> {
    const db = await ctx.db();
    const settings = await this.settings.requireComplete(db, ctx.tenant.id);
    const today = todayIn(settings.timeZone);
    const errors: FieldError[] = [];
    for (const field of ['periodStart', 'periodEnd'] as const)
      if (!isRealDate(input[field])) errors.push({ field, code: 'isDate', message: 'A date such as 2026-11-01' });
    if (errors.length === 0) {
      if (input.periodStart > today)
        errors.push({
          field: 'periodStart',
          code: 'notInFuture',
          message: 'A period that has begun (today or earlier)',
        });
      if (input.periodEnd < input.periodStart)
        errors.push({ field: 'periodEnd', code: 'notBeforeStart', message: 'On or after the first day' });
      else if (daysBetween(input.periodStart, input.periodEnd) > 366)
        errors.push({ field: 'periodEnd', code: 'atMostAYear', message: 'A period of at most a year' });
    }
    if (errors.length > 0) throw problems.validation(errors);
    const user = ctx.requireUser();
    const { runId, created } = await this.open(db, ctx.tenant.id, input, { id: user.id, name: user.displayName });
    return { status: created ? 201 : 200, body: await this.get(ctx, runId) };
  }

  /**
   * Makes the period's run, or takes up its unfinished one (queuing its next step again), in the
   * caller's transaction. Finance's start and the scheduled run both come here.
   */
  async open(
    db: EntityManager,
    tenantId: string,
    period: BillingRunStart,
    startedBy: { id: string | null; name: string },
  ): Promise<{ runId: string; created: boolean }> {
    // SQL: one unfinished run per period (billing_run_open_key); a start while one runs meets it here.
    const created: { id: string }[] = await db.query(
      `INSERT INTO billing_run (tenant_id, period_start, period_end, started_by, started_by_name, to_bill)
       SELECT $1, $2, $3, $4, $5, count(*)::int FROM subscription
        WHERE tenant_id = $1 AND start_date <= $3 AND (end_date IS NULL OR end_date >= $2)
       ON CONFLICT (tenant_id, period_start, period_end, open) DO NOTHING RETURNING id`,
      [tenantId, period.periodStart, period.periodEnd, startedBy.id, startedBy.name],
    );
    const job = { tenantId, runId: created[0]?.id ?? '' };
    if (created[0]) {
      await this.queue.enqueue(db, 'draft', job);
      return { runId: job.runId, created: true };
    }
    const open = await db.findOneOrFail(BillingRun, {
      where: { tenantId, periodStart: period.periodStart, periodEnd: period.periodEnd, open: 1 },
    });
    job.runId = open.id;
    if (open.status === 'drafting') await this.queue.enqueue(db, 'draft', job);
    else if (open.status === 'finalising') await this.queue.enqueue(db, 'finalise', job);
    else if (open.status === 'review') await this.queue.enqueue(db, 'finalise', job, open.finaliseAfter ?? undefined);
    return { runId: open.id, created: false };
  }

  async get(ctx: RequestContext, runId: string): Promise<BillingRunView> {
    const db = await ctx.db();
    const run = await db.findOne(BillingRun, { where: { tenantId: ctx.tenant.id, id: runId } });
    if (!run) throw problems.notFound();
    if (run.status === 'drafting') return toView(run);
    // SQL: the drafts finalising will not number (the rule of finalise-check.ts), while there are drafts to check.
    const [{ n: willFail }] = (await db.query(
      `SELECT count(*)::int AS n FROM invoice i JOIN subscriber_account a ON a.tenant_id = i.tenant_id AND a.id = i.account_id
        WHERE i.tenant_id = $1 AND i.run_id = $2 AND i.status = 'draft' AND i.failure IS NULL AND ${finaliseProblemSql('a')} IS NOT NULL`,
      [ctx.tenant.id, runId],
    )) as { n: number }[];
    // SQL: the subscriptions running in the period (as the run counted them when drafting) with no invoice
    // of this run, and why: the account erased, the period billed by another run, or none of its periods
    // starts in the run's period (a yearly plan, say).
    const skips: RunSkip[] = await db.query(
      `SELECT s.id AS "subscriptionId", s.account_id AS "accountId", a.customer_number AS "customerNumber",
              COALESCE(a.company_name, a.name) AS "customerName",
              CASE WHEN a.erased_at IS NOT NULL THEN 'erased'
                   WHEN EXISTS (SELECT 1 FROM invoice o WHERE o.tenant_id = s.tenant_id AND o.subscription_id = s.id
                                   AND o.period_start BETWEEN $3 AND $4) THEN 'alreadyBilled'
                   ELSE 'nothingStarts' END AS reason
         FROM subscription s JOIN subscriber_account a ON a.tenant_id = s.tenant_id AND a.id = s.account_id
        WHERE s.tenant_id = $1 AND s.start_date <= $4 AND (s.end_date IS NULL OR s.end_date >= $3)
          AND s.created_at <= COALESCE($5, now())
          AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.tenant_id = s.tenant_id AND i.subscription_id = s.id AND i.run_id = $2)
        ORDER BY a.customer_number, s.id LIMIT 50`,
      [ctx.tenant.id, runId, run.periodStart, run.periodEnd, run.draftedAt ?? null],
    );
    return { ...toView(run), willFail, skips };
  }

  async list(ctx: RequestContext): Promise<BillingRunView[]> {
    const db = await ctx.db();
    const runs = await db.find(BillingRun, {
      where: { tenantId: ctx.tenant.id },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return runs.map(toView);
  }

  /** Finance confirms the drafts: finalisation starts now instead of after the review window. */
  async finalise(ctx: RequestContext, runId: string): Promise<BillingRunView> {
    const db = await ctx.db();
    const run = await db.findOne(BillingRun, {
      where: { tenantId: ctx.tenant.id, id: runId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!run) throw problems.notFound();
    if (run.status === 'drafting')
      throw problems.conflict('The run is still drafting; finalise it when its drafts are ready');
    if (run.status === 'review') {
      await db.update(BillingRun, { tenantId: ctx.tenant.id, id: runId }, { status: 'finalising' });
      await this.queue.enqueue(db, 'finalise', { tenantId: ctx.tenant.id, runId });
    }
    return this.get(ctx, runId);
  }
}

export function toView(run: BillingRun): BillingRunView {
  return {
    id: run.id,
    periodStart: run.periodStart,
    periodEnd: run.periodEnd,
    status: run.status,
    toBill: run.toBill,
    drafted: run.drafted,
    skipped: run.skipped,
    finalised: run.finalised,
    failed: run.failed,
    failures: run.failures,
    startedBy: run.startedByName,
    createdAt: run.createdAt.toISOString(),
    finaliseAfter: run.finaliseAfter?.toISOString() ?? null,
    completedAt: run.completedAt?.toISOString() ?? null,
  };
}
