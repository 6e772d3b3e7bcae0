import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@mijn-account/api-core';
import type { FinanceCurrencySummary, FinanceSummary } from '@mijn-account/shared-contracts';
import { BillingRun } from '../entities/billing-run.entity';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { todayIn } from '@mijn-account/shared-billing-periods';
import { BillingScheduler } from '../runs/billing-scheduler';
import { toView } from '../runs/billing-runs.service';

/**
 * Finance's dashboard: per currency what is open (total minus payments) and the part of it that is
 * overdue — from the day after the due date, in the tenant's calendar —, the last run, the next
 * scheduled run, and what the invoicing settings still miss.
 */
@Injectable()
export class FinanceSummaryService {
  constructor(
    private readonly settings: InvoicingSettingsService,
    private readonly scheduler: BillingScheduler,
  ) {}

  async summary(ctx: RequestContext): Promise<FinanceSummary> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    const settings = await this.settings.read(db, tenantId, false);
    const today = todayIn(settings.timeZone);
    // SQL: open invoices per currency, outstanding = total − payments, overdue once the due date has passed.
    const rows: {
      currency: string;
      open_minor: string;
      open_count: number;
      overdue_minor: string;
      overdue_count: number;
    }[] = await db.query(
      `SELECT i.currency,
              COALESCE(sum(i.gross_minor - p.paid), 0)::bigint AS open_minor, count(*)::int AS open_count,
              COALESCE(sum(i.gross_minor - p.paid) FILTER (WHERE i.due_date < $2), 0)::bigint AS overdue_minor,
              count(*) FILTER (WHERE i.due_date < $2)::int AS overdue_count
         FROM invoice i
         CROSS JOIN LATERAL (SELECT COALESCE(sum(amount_minor), 0) AS paid FROM payment
                              WHERE tenant_id = i.tenant_id AND invoice_id = i.id) p
        WHERE i.tenant_id = $1 AND i.kind = 'invoice' AND i.status = 'open'
        GROUP BY i.currency ORDER BY i.currency`,
      [tenantId, today],
    );
    const currencies: FinanceCurrencySummary[] = rows.map((row) => ({
      currency: row.currency.trim(),
      openMinor: Number(row.open_minor),
      openCount: row.open_count,
      overdueMinor: Number(row.overdue_minor),
      overdueCount: row.overdue_count,
    }));
    const last = await db.findOne(BillingRun, { where: { tenantId }, order: { createdAt: 'DESC', id: 'DESC' } });
    return {
      currencies,
      lastRun: last ? toView(last) : null,
      nextScheduledRun: await this.scheduler.nextRun(db, tenantId, settings.timeZone),
      missing: settings.missing,
      today,
    };
  }
}
