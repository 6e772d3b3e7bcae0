import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type RequestContext, problems, staleVersion } from '@mijn-account/api-core';
import { ChangeHistoryService } from '@mijn-account/api-accounts';
import { AuditWriterService } from '@mijn-account/api-audit';
import type {
  AccessLogField,
  FieldChange,
  FieldError,
  MyPlanOption,
  MySubscriptionChange,
  MySubscriptionOptions,
  SubscriptionCreate,
  SubscriptionStatus,
  SubscriptionUpdate,
  SubscriptionView,
} from '@mijn-account/shared-contracts';
import { FINANCE_READ_REASON } from '@mijn-account/shared-contracts';
import { Plan } from '../entities/plan.entity';
import { Proration } from '../entities/proration.entity';
import { Subscription } from '../entities/subscription.entity';
import { isRealDate } from '@mijn-account/api-core';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { todayIn } from '@mijn-account/shared-billing-periods';
import {
  type PeriodSchedule,
  addMonthsClamped,
  daysBetween,
  periodContaining,
  prorate,
} from '@mijn-account/shared-billing-periods';
import { refuseIfErased } from '../accounts/erased-accounts';
import { BillingSchedule } from '../entities/billing-schedule.entity';
import { nextBilling } from '../runs/billing-schedule';

export type VersionedSubscription = SubscriptionView & { version: number };

/**
 * Subscriptions of an account to plans. Finance creates and changes them; the owner may cancel at
 * the end of the period and undo that before the end. A plan or quantity change inside a period
 * leaves a proration record (credit of the old, debit of the new, for the rest of the period by
 * days) that the subscription's next invoice takes up. Every change goes to the account's history.
 */

@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly settings: InvoicingSettingsService,
    private readonly history: ChangeHistoryService,
    private readonly audit: AuditWriterService,
  ) {}

  async list(ctx: RequestContext, accountId: string): Promise<SubscriptionView[]> {
    const db = await ctx.db();
    await this.requireAccount(db, ctx, accountId);
    const today = await this.today(db, ctx);
    const rows = await db.find(Subscription, {
      where: { tenantId: ctx.tenant.id, accountId },
      order: { startDate: 'ASC', id: 'ASC' },
    });
    const views: SubscriptionView[] = [];
    for (const row of rows) views.push(strip(await this.view(db, ctx, row, today)));
    await logStaffRead(this.audit, ctx, accountId, 'subscriptions', SUBSCRIPTION_FIELDS);
    return views;
  }

  async get(ctx: RequestContext, subscriptionId: string): Promise<VersionedSubscription> {
    const db = await ctx.db();
    const row = await this.load(db, ctx, null, subscriptionId, false);
    return this.view(db, ctx, row, await this.today(db, ctx));
  }

  async create(ctx: RequestContext, accountId: string, input: SubscriptionCreate): Promise<VersionedSubscription> {
    const db = await ctx.db();
    await this.requireAccount(db, ctx, accountId);
    await refuseIfErased(db, ctx, accountId);
    const errors: FieldError[] = [];
    const plan = await this.checkPlan(db, ctx, input.planId, errors);
    if (!isRealDate(input.startDate))
      errors.push({ field: 'startDate', code: 'isDate', message: 'A date such as 2026-11-01' });
    const anchor = input.billingAnchor || input.startDate;
    if (input.billingAnchor && !isRealDate(input.billingAnchor))
      errors.push({ field: 'billingAnchor', code: 'isDate', message: 'A date such as 2026-11-01' });
    else if (plan && isRealDate(input.startDate) && !anchorFits(input.startDate, anchor, plan.interval))
      errors.push({
        field: 'billingAnchor',
        code: 'anchorInFirstPeriod',
        message: 'The billing anchor lies on or after the start date, within one interval of it',
      });
    if (errors.length > 0 || !plan) throw problems.validation(errors);
    const saved = await db.insert(Subscription, {
      tenantId: ctx.tenant.id,
      accountId,
      planId: plan.id,
      quantity: input.quantity,
      startDate: input.startDate,
      billingAnchor: anchor,
    });
    const id = (saved.identifiers[0] as Pick<Subscription, 'id'>).id;
    await this.history.record(ctx, 'subscription', accountId, [
      { field: 'subscription', from: null, to: `${planName(plan, ctx)} × ${input.quantity} from ${input.startDate}` },
    ]);
    return this.get(ctx, id);
  }

  async update(
    ctx: RequestContext,
    subscriptionId: string,
    baseVersion: number | null,
    input: SubscriptionUpdate,
  ): Promise<VersionedSubscription> {
    const db = await ctx.db();
    const row = await this.load(db, ctx, null, subscriptionId, true);
    const today = await this.today(db, ctx);
    const before = await this.view(db, ctx, row, today);
    if (baseVersion !== row.version) throw staleVersion(before);
    const errors: FieldError[] = [];
    const changesPlan = input.planId !== row.planId;
    const plan = changesPlan
      ? await this.checkPlan(db, ctx, input.planId, errors)
      : await this.planOf(db, ctx, row.planId);
    const from = await this.planOf(db, ctx, row.planId);
    if (plan && changesPlan && (plan.interval !== from.interval || plan.currency !== from.currency))
      errors.push({
        field: 'planId',
        code: 'samePlanTerms',
        message: 'A plan with the same interval and currency (end this subscription and start another otherwise)',
      });
    const effective = input.effectiveDate || today;
    if (input.effectiveDate && !isRealDate(input.effectiveDate))
      errors.push({ field: 'effectiveDate', code: 'isDate', message: 'A date such as 2026-11-01' });
    else if (effective < row.startDate || (row.endDate !== null && effective > row.endDate))
      errors.push({ field: 'effectiveDate', code: 'inSubscription', message: 'A day on which the subscription runs' });
    if (errors.length > 0 || !plan) throw problems.validation(errors);

    const changes: FieldChange[] = [];
    if (changesPlan || input.quantity !== row.quantity) {
      await this.prorate(db, ctx, row, from, plan, input.quantity, effective);
      if (changesPlan) changes.push({ field: 'plan', from: planName(from, ctx), to: planName(plan, ctx) });
      if (input.quantity !== row.quantity)
        changes.push({ field: 'quantity', from: String(row.quantity), to: String(input.quantity) });
    }
    let endDate = row.endDate;
    if (input.cancelAtPeriodEnd !== row.cancelAtPeriodEnd) {
      endDate = input.cancelAtPeriodEnd ? currentPeriodEnd(row, from.interval, today) : null;
      changes.push({
        field: 'cancelAtPeriodEnd',
        from: String(row.cancelAtPeriodEnd),
        to: String(input.cancelAtPeriodEnd),
      });
      changes.push({ field: 'endDate', from: row.endDate, to: endDate });
    }
    if (changes.length === 0) return before;
    await db.update(
      Subscription,
      { tenantId: ctx.tenant.id, id: row.id },
      {
        planId: plan.id,
        quantity: input.quantity,
        cancelAtPeriodEnd: input.cancelAtPeriodEnd,
        endDate,
        version: () => 'version + 1',
      },
    );
    await this.history.record(ctx, 'subscription', row.accountId, changes);
    return this.get(ctx, row.id);
  }

  /** The subscriber's own subscriptions (owners and members read). */
  async mine(ctx: RequestContext, accountId: string): Promise<SubscriptionView[]> {
    return this.list(ctx, accountId);
  }

  /** The owner cancels at the end of the current period (`cancel`) or undoes that before then. */
  async setCancel(
    ctx: RequestContext,
    accountId: string,
    subscriptionId: string,
    cancel: boolean,
  ): Promise<SubscriptionView> {
    const db = await ctx.db();
    const row = await this.load(db, ctx, accountId, subscriptionId, true);
    const today = await this.today(db, ctx);
    const plan = await this.planOf(db, ctx, row.planId);
    if (row.endDate !== null && row.endDate < today) throw problems.conflict('This subscription has ended');
    if (cancel === row.cancelAtPeriodEnd) return strip(await this.view(db, ctx, row, today));
    const endDate = cancel ? currentPeriodEnd(row, plan.interval, today) : null;
    await db.update(
      Subscription,
      { tenantId: ctx.tenant.id, id: row.id },
      { cancelAtPeriodEnd: cancel, endDate, version: () => 'version + 1' },
    );
    await this.history.record(ctx, 'subscription', accountId, [
      { field: 'cancelAtPeriodEnd', from: String(!cancel), to: String(cancel) },
      { field: 'endDate', from: row.endDate, to: endDate },
    ]);
    return strip(await this.get(ctx, row.id));
  }

  /**
   * The owner changes plan or quantity, where the tenant allows it: as finance's change does, from
   * today, prorated by days for the rest of the period, and in the account's change history.
   */
  async changeAsOwner(
    ctx: RequestContext,
    accountId: string,
    subscriptionId: string,
    input: MySubscriptionChange,
  ): Promise<SubscriptionView> {
    const db = await ctx.db();
    // The subscription first: another account's or an unknown id is a 404 whatever the tenant allows.
    const row = await this.load(db, ctx, accountId, subscriptionId, true);
    if (!(await this.settings.read(db, ctx.tenant.id, false)).subscribersMayChangePlan)
      throw problems.forbidden('Plan and quantity changes go through the customer service of this portal');
    const today = await this.today(db, ctx);
    if (row.endDate !== null && row.endDate < today) throw problems.conflict('This subscription has ended');
    return strip(
      await this.update(ctx, row.id, row.version, {
        planId: input.planId,
        quantity: input.quantity,
        cancelAtPeriodEnd: row.cancelAtPeriodEnd,
        effectiveDate: null,
      }),
    );
  }

  /** Whether the subscriber may change plan or quantity, and the plans they may choose (not archived). */
  async optionsForSubscriber(ctx: RequestContext): Promise<MySubscriptionOptions> {
    const db = await ctx.db();
    const settings = await this.settings.read(db, ctx.tenant.id, false);
    if (!settings.subscribersMayChangePlan) return { mayChangePlan: false, plans: [] };
    const today = todayIn(settings.timeZone);
    const plans = await db.find(Plan, { where: { tenantId: ctx.tenant.id }, order: { nameEn: 'ASC', id: 'ASC' } });
    const options: MyPlanOption[] = [];
    for (const plan of plans.filter((p) => !p.archivedAt))
      options.push({
        id: plan.id,
        name: { nl: plan.nameNl, en: plan.nameEn },
        description: { nl: plan.descriptionNl, en: plan.descriptionEn },
        currency: plan.currency,
        interval: plan.interval,
        priceMinor: await this.priceAt(db, ctx, plan.id, today),
      });
    return { mayChangePlan: true, plans: options };
  }

  /** The plan's price per unit in force on `date` (prices apply from their date on). */
  async priceAt(db: EntityManager, ctx: RequestContext, planId: string, date: string): Promise<number> {
    // SQL: the latest price row on or before the date.
    const rows: { unit_price_minor: string }[] = await db.query(
      `SELECT unit_price_minor FROM plan_price WHERE tenant_id = $1 AND plan_id = $2 AND effective_from <= $3
        ORDER BY effective_from DESC LIMIT 1`,
      [ctx.tenant.id, planId, date],
    );
    return Number(rows[0]?.unit_price_minor ?? 0);
  }

  private async prorate(
    db: EntityManager,
    ctx: RequestContext,
    row: Subscription,
    from: Plan,
    to: Plan,
    quantity: number,
    date: string,
  ): Promise<void> {
    const period = periodContaining(scheduleOf(row, from.interval), date);
    if (!period) return;
    const rest = daysBetween(date, period.end);
    const fromPrice = await this.priceAt(db, ctx, from.id, period.start);
    const toPrice = await this.priceAt(db, ctx, to.id, period.start);
    await db.insert(Proration, {
      tenantId: ctx.tenant.id,
      subscriptionId: row.id,
      changeDate: date,
      periodStart: period.start,
      periodEnd: period.end,
      fromPlanId: from.id,
      fromQuantity: row.quantity,
      creditUnitPriceMinor: String(prorate(fromPrice, rest, period.fullDays)),
      toPlanId: to.id,
      toQuantity: quantity,
      debitUnitPriceMinor: String(prorate(toPrice, rest, period.fullDays)),
    });
  }

  private async view(
    db: EntityManager,
    ctx: RequestContext,
    row: Subscription,
    today: string,
  ): Promise<VersionedSubscription> {
    const plan = await this.planOf(db, ctx, row.planId);
    const schedule = scheduleOf(row, plan.interval);
    const current = periodContaining(schedule, today < row.startDate ? row.startDate : today);
    // SQL: the periods of this subscription that have an invoice (any status: the key the engine drafts
    // by), from the one running today; and the tenant's run day, with the last month its run started.
    const billed: { start: string }[] = await db.query(
      `SELECT period_start::text AS start FROM invoice WHERE tenant_id = $1 AND subscription_id = $2 AND period_start >= $3`,
      [ctx.tenant.id, row.id, current?.start ?? row.startDate],
    );
    const runs = await db.findOne(BillingSchedule, { where: { tenantId: ctx.tenant.id } });
    const next = nextBilling(
      schedule,
      new Set(billed.map((b) => b.start)),
      { runDay: runs?.runDay ?? null, lastPeriodStart: runs?.lastPeriodStart ?? null },
      today,
    );
    const nextInvoiceDate = next?.date ?? null;
    const unitPriceMinor = await this.priceAt(db, ctx, plan.id, current?.start ?? row.startDate);
    const status: SubscriptionStatus =
      today < row.startDate
        ? 'future'
        : row.endDate !== null && row.endDate < today
          ? 'ended'
          : row.cancelAtPeriodEnd
            ? 'cancelling'
            : 'active';
    return {
      id: row.id,
      accountId: row.accountId,
      planId: plan.id,
      planName: { nl: plan.nameNl, en: plan.nameEn },
      quantity: row.quantity,
      startDate: row.startDate,
      billingAnchor: row.billingAnchor,
      status,
      cancelAtPeriodEnd: row.cancelAtPeriodEnd,
      endDate: row.endDate,
      currency: plan.currency,
      interval: plan.interval,
      unitPriceMinor,
      nextInvoiceDate,
      estimatedAmountMinor: next ? row.quantity * (await this.priceAt(db, ctx, plan.id, next.date)) : null,
      version: row.version,
    };
  }

  private async checkPlan(
    db: EntityManager,
    ctx: RequestContext,
    planId: string,
    errors: FieldError[],
  ): Promise<Plan | null> {
    const plan = await db.findOne(Plan, { where: { tenantId: ctx.tenant.id, id: planId } });
    if (!plan) errors.push({ field: 'planId', code: 'unknownPlan', message: 'Not one of this tenant’s plans' });
    else if (plan.archivedAt) errors.push({ field: 'planId', code: 'archivedPlan', message: 'This plan is archived' });
    return plan && !plan.archivedAt ? plan : null;
  }

  private async planOf(db: EntityManager, ctx: RequestContext, planId: string): Promise<Plan> {
    return db.findOneOrFail(Plan, { where: { tenantId: ctx.tenant.id, id: planId } });
  }

  private async requireAccount(db: EntityManager, ctx: RequestContext, accountId: string): Promise<void> {
    // SQL: the account exists in this tenant (RLS), or the route answers 404.
    const rows: unknown[] = await db.query(`SELECT 1 FROM subscriber_account WHERE tenant_id = $1 AND id = $2`, [
      ctx.tenant.id,
      accountId,
    ]);
    if (rows.length === 0) throw problems.notFound();
  }

  /** A subscription of this tenant (of `accountId` when given: a subscriber's own), or 404. */
  private async load(
    db: EntityManager,
    ctx: RequestContext,
    accountId: string | null,
    id: string,
    lock: boolean,
  ): Promise<Subscription> {
    const row = await db.findOne(Subscription, {
      where: { tenantId: ctx.tenant.id, id, ...(accountId ? { accountId } : {}) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) throw problems.notFound();
    return row;
  }

  private async today(db: EntityManager, ctx: RequestContext): Promise<string> {
    return todayIn((await this.settings.read(db, ctx.tenant.id, false)).timeZone);
  }
}

/** What a subscription read shows, as the access log names it. */
const SUBSCRIPTION_FIELDS = [
  'plan',
  'quantity',
  'price',
  'startDate',
  'endDate',
  'status',
] as const satisfies AccessLogField[];

/**
 * Finance reads an account's subscriptions or invoices because that is its job, and each read lands
 * in the account's access log (issue 17 §7), in the request's transaction. Subscribers' own reads
 * are not logged.
 */
export async function logStaffRead(
  audit: AuditWriterService,
  ctx: RequestContext,
  accountId: string,
  resource: 'subscriptions' | 'invoices',
  fields: readonly AccessLogField[],
): Promise<void> {
  if (ctx.requireUser().kind !== 'staff') return;
  // The reason the subscriber reads in the access log: "finance · administration".
  await audit.append(ctx, accountId, {
    action: 'read',
    resource,
    outcome: 'allowed',
    fields,
    reason: FINANCE_READ_REASON,
  });
}

export function scheduleOf(row: Subscription, interval: 'month' | 'year'): PeriodSchedule {
  return { startDate: row.startDate, billingAnchor: row.billingAnchor, interval, endDate: row.endDate };
}

/** The last day of the period running today (of the first period, before the start). */
function currentPeriodEnd(row: Subscription, interval: 'month' | 'year', today: string): string {
  const schedule = { ...scheduleOf(row, interval), endDate: null };
  return (periodContaining(schedule, today < row.startDate ? row.startDate : today) as { end: string }).end;
}

function anchorFits(start: string, anchor: string, interval: 'month' | 'year'): boolean {
  return anchor >= start && anchor < addMonthsClamped(start, interval === 'year' ? 12 : 1);
}

function planName(plan: Plan, ctx: RequestContext): string {
  return ctx.tenant.defaultLanguage === 'nl' ? plan.nameNl : plan.nameEn;
}

/** The view without its version (answers that carry no ETag). */
function strip(view: VersionedSubscription): SubscriptionView {
  const copy: Partial<VersionedSubscription> = { ...view };
  delete copy.version;
  return copy as SubscriptionView;
}
