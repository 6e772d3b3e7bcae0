import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { type RequestContext, problems, isRealDate } from '@mijn-account/api-core';
import type { FieldError, PlanCreate, PlanPriceChange, PlanView } from '@mijn-account/shared-contracts';
import { PlanPrice } from '../entities/plan-price.entity';
import { Plan } from '../entities/plan.entity';
import { TaxCategory } from '../entities/tax-category.entity';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { todayIn } from '@mijn-account/shared-billing-periods';

interface PlanRow {
  id: string;
  name_nl: string;
  name_en: string;
  description_nl: string;
  description_en: string;
  currency: string;
  interval: 'month' | 'year';
  tax_category: string;
  archived_at: Date | null;
  prices: { effectiveFrom: string; priceMinor: number }[];
  subscriptions: number;
}

/**
 * Plans (finance or tenant admin): names and descriptions nl/en, a price per unit in whole cents
 * in the tenant's currency, month or year, a tax category. A price change applies from a date on;
 * a plan in use is archived (no new subscriptions), never deleted.
 */
@Injectable()
export class PlansService {
  constructor(private readonly settings: InvoicingSettingsService) {}

  async list(ctx: RequestContext): Promise<PlanView[]> {
    const today = await this.today(ctx);
    return (await this.rows(ctx, null)).map((row) => toView(row, today));
  }

  async get(ctx: RequestContext, planId: string): Promise<PlanView> {
    const [row] = await this.rows(ctx, planId);
    if (!row) throw problems.notFound();
    return toView(row, await this.today(ctx));
  }

  async create(ctx: RequestContext, input: PlanCreate): Promise<PlanView> {
    const db = await ctx.db();
    const errors: FieldError[] = [];
    await this.checkTerms(db, ctx, input, errors);
    if (errors.length > 0) throw problems.validation(errors);
    const tenantId = ctx.tenant.id;
    const saved = await db.insert(Plan, {
      tenantId,
      nameNl: input.nameNl.trim(),
      nameEn: input.nameEn.trim(),
      descriptionNl: input.descriptionNl.trim(),
      descriptionEn: input.descriptionEn.trim(),
      currency: input.currency,
      interval: input.interval,
      taxCategory: input.taxCategory,
    });
    const id = (saved.identifiers[0] as Pick<Plan, 'id'>).id;
    // The first price applies from the beginning of time: any period may be priced.
    await db.insert(PlanPrice, {
      tenantId,
      planId: id,
      effectiveFrom: '2000-01-01',
      unitPriceMinor: String(input.priceMinor),
    });
    return this.get(ctx, id);
  }

  /** A new price from a date on (today or later): periods starting before it keep the old price. */
  async changePrice(ctx: RequestContext, planId: string, input: PlanPriceChange): Promise<PlanView> {
    const db = await ctx.db();
    await this.lock(db, ctx, planId);
    const today = await this.today(ctx);
    if (!isRealDate(input.effectiveFrom))
      throw problems.validation([{ field: 'effectiveFrom', code: 'isDate', message: 'A date such as 2026-11-01' }]);
    if (input.effectiveFrom < today)
      throw problems.validation([
        { field: 'effectiveFrom', code: 'notInPast', message: 'A price applies from today or a later day' },
      ]);
    await db.upsert(
      PlanPrice,
      { tenantId: ctx.tenant.id, planId, effectiveFrom: input.effectiveFrom, unitPriceMinor: String(input.priceMinor) },
      ['tenantId', 'planId', 'effectiveFrom'],
    );
    return this.get(ctx, planId);
  }

  /** No new subscriptions on it; existing ones go on. */
  async archive(ctx: RequestContext, planId: string): Promise<PlanView> {
    const db = await ctx.db();
    await this.lock(db, ctx, planId);
    await db.update(Plan, { tenantId: ctx.tenant.id, id: planId, archivedAt: IsNull() }, { archivedAt: () => 'now()' });
    return this.get(ctx, planId);
  }

  /** Deletes a plan nobody ever subscribed to; a plan in use is refused (archive it). */
  async delete(ctx: RequestContext, planId: string): Promise<void> {
    const db = await ctx.db();
    await this.lock(db, ctx, planId);
    // SQL: any subscription or proration naming the plan keeps it.
    const used: unknown[] = await db.query(
      `SELECT 1 FROM subscription WHERE tenant_id = $1 AND plan_id = $2
        UNION ALL SELECT 1 FROM proration WHERE tenant_id = $1 AND (from_plan_id = $2 OR to_plan_id = $2) LIMIT 1`,
      [ctx.tenant.id, planId],
    );
    if (used.length > 0) throw problems.conflict('This plan has subscriptions; archive it instead');
    await db.delete(Plan, { tenantId: ctx.tenant.id, id: planId });
  }

  private async lock(db: EntityManager, ctx: RequestContext, planId: string): Promise<void> {
    const found = await db.findOne(Plan, {
      select: { id: true },
      where: { tenantId: ctx.tenant.id, id: planId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found) throw problems.notFound();
  }

  private async checkTerms(db: EntityManager, ctx: RequestContext, input: PlanCreate, errors: FieldError[]) {
    if (input.currency !== ctx.tenant.currency)
      errors.push({
        field: 'currency',
        code: 'tenantCurrency',
        message: `Plans are priced in the tenant's currency, ${ctx.tenant.currency}`,
      });
    const category = await db.findOne(TaxCategory, {
      select: { code: true },
      where: { tenantId: ctx.tenant.id, code: input.taxCategory },
    });
    if (!category)
      errors.push({
        field: 'taxCategory',
        code: 'unknownTaxCategory',
        message: 'Not one of the tax categories in the invoicing settings',
      });
  }

  private async today(ctx: RequestContext): Promise<string> {
    const settings = await this.settings.read(await ctx.db(), ctx.tenant.id, false);
    return todayIn(settings.timeZone);
  }

  private async rows(ctx: RequestContext, planId: string | null): Promise<PlanRow[]> {
    const db = await ctx.db();
    // SQL: each plan with its price history and the number of subscriptions on it, in one statement.
    return db.query(
      `SELECT p.id, p.name_nl, p.name_en, p.description_nl, p.description_en, p.currency, p.billing_interval AS interval, p.tax_category,
              p.archived_at,
              (SELECT json_agg(json_build_object('effectiveFrom', pp.effective_from, 'priceMinor', pp.unit_price_minor)
                               ORDER BY pp.effective_from)
                 FROM plan_price pp WHERE pp.tenant_id = p.tenant_id AND pp.plan_id = p.id) AS prices,
              (SELECT count(*)::int FROM subscription s WHERE s.tenant_id = p.tenant_id AND s.plan_id = p.id) AS subscriptions
         FROM plan p
        WHERE p.tenant_id = $1 AND ($2::uuid IS NULL OR p.id = $2::uuid)
        ORDER BY p.archived_at NULLS FIRST, p.name_en, p.id`,
      [ctx.tenant.id, planId],
    );
  }
}

function toView(row: PlanRow, today: string): PlanView {
  const prices = (row.prices ?? []).map((p) => ({ effectiveFrom: p.effectiveFrom, priceMinor: Number(p.priceMinor) }));
  const current = [...prices].reverse().find((p) => p.effectiveFrom <= today) ?? prices[0];
  return {
    id: row.id,
    nameNl: row.name_nl,
    nameEn: row.name_en,
    descriptionNl: row.description_nl,
    descriptionEn: row.description_en,
    priceMinor: current?.priceMinor ?? 0,
    currency: row.currency,
    interval: row.interval,
    taxCategory: row.tax_category,
    archived: row.archived_at !== null,
    prices,
    subscriptions: row.subscriptions,
  };
}
