import { Injectable } from '@nestjs/common';
import { type RequestContext, problems } from '@mijn-account/api-core';
import { BillingService } from '@mijn-account/api-accounts';
import { AuditWriterService } from '@mijn-account/api-audit';
import {
  type AccessLogField,
  FINANCE_ACCOUNT_PAGE_SIZE,
  type FinanceAccountPage,
  type FinanceAccountQuery,
  type FinanceAccountView,
} from '@mijn-account/shared-contracts';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { todayIn } from '@mijn-account/shared-billing-periods';
import { erasedAccount } from './erased-accounts';

/** The billing details fields finance reads on a customer page, as the access log names them. */
const BILLING_FIELDS = [
  'companyName',
  'cocNumber',
  'vatId',
  'billingEmail',
  'address',
] as const satisfies AccessLogField[];

/**
 * Finance's customers: a searchable list (directory data: number, name, country, how many
 * subscriptions run) and one customer with the billing details its invoices copy. Opening a customer
 * is a `read` of `billing` in that account's access log (issue 17 §7), in the request's transaction.
 */
@Injectable()
export class FinanceAccountsService {
  constructor(
    private readonly billing: BillingService,
    private readonly audit: AuditWriterService,
    private readonly settings: InvoicingSettingsService,
  ) {}

  async list(ctx: RequestContext, query: FinanceAccountQuery): Promise<FinanceAccountPage> {
    const db = await ctx.db();
    const limit = query.limit ?? FINANCE_ACCOUNT_PAGE_SIZE;
    // The user's % and _ are searched for, not wildcards (ILIKE's escape character is the backslash).
    const term = (query.q ?? '').trim().replace(/[%_\\]/g, '\\$&');
    const today = todayIn((await this.settings.read(db, ctx.tenant.id, false)).timeZone);
    // SQL: keyset pagination on the unique (tenant, customer number) with a correlated count per row.
    // An erased account carries its marker, with the last retention end of its issued documents (as erasedAccount).
    const rows: {
      id: string;
      customer_number: string;
      name: string;
      country: string | null;
      active: number;
      erased_at: Date | null;
      kept_until: string | null;
    }[] = await db.query(
      `SELECT a.id, a.customer_number, a.name, a.country,
              (SELECT count(*)::int FROM subscription s
                WHERE s.tenant_id = a.tenant_id AND s.account_id = a.id
                  AND s.start_date <= $5::date AND (s.end_date IS NULL OR s.end_date >= $5::date)) AS active,
              a.erased_at,
              CASE WHEN a.erased_at IS NOT NULL THEN
                (SELECT max(fiscal_retention_end(i.issue_date))::text FROM invoice i
                  WHERE i.tenant_id = a.tenant_id AND i.account_id = a.id) END AS kept_until
         FROM subscriber_account a
        WHERE a.tenant_id = $1
          AND ($2 = '' OR a.customer_number ILIKE $2 || '%' OR a.name ILIKE '%' || $2 || '%')
          AND ($3::text IS NULL OR a.customer_number > $3)
        ORDER BY a.customer_number
        LIMIT $4`,
      [ctx.tenant.id, term, query.after ?? null, limit + 1, today],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        customerNumber: r.customer_number,
        name: r.name,
        country: r.country,
        activeSubscriptions: r.active,
        restricted: r.erased_at ? { erasedAt: new Date(r.erased_at).toISOString(), keptUntil: r.kept_until } : null,
      })),
      next: rows.length > limit ? page[page.length - 1].customer_number : null,
    };
  }

  async get(ctx: RequestContext, accountId: string): Promise<FinanceAccountView> {
    const db = await ctx.db();
    // SQL: the account in this tenant (RLS too), or the route answers 404.
    const rows: { customer_number: string; name: string }[] = await db.query(
      `SELECT customer_number, name FROM subscriber_account WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, accountId],
    );
    if (!rows[0]) throw problems.notFound();
    const { companyName, cocNumber, vatId, vatCheck, billingEmail, address } = await this.billing.get(ctx, accountId);
    const billing = { companyName, cocNumber, vatId, vatCheck, billingEmail, address };
    if (ctx.requireUser().kind === 'staff')
      await this.audit.append(ctx, accountId, {
        action: 'read',
        resource: 'billing',
        outcome: 'allowed',
        fields: BILLING_FIELDS,
      });
    const restricted = await erasedAccount(db, ctx, accountId);
    return { id: accountId, customerNumber: rows[0].customer_number, name: rows[0].name, billing, restricted };
  }
}
