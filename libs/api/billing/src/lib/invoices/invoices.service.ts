import { Injectable } from '@nestjs/common';
import { type RequestContext, problems } from '@mijn-account/api-core';
import type { FinanceInvoiceView, InvoiceStatusChange } from '@mijn-account/shared-contracts';
import { AuditWriterService } from '@mijn-account/api-audit';
import { Invoice } from '../entities/invoice.entity';
import { logStaffRead } from '../subscriptions/subscriptions.service';

/** Finance's view of an account's invoices, and the status moves an issued invoice may still make. */
@Injectable()
export class InvoicesService {
  constructor(private readonly audit: AuditWriterService) {}

  async list(ctx: RequestContext, accountId: string): Promise<FinanceInvoiceView[]> {
    const db = await ctx.db();
    // SQL: the account exists in this tenant (RLS), or the route answers 404.
    const account: unknown[] = await db.query(`SELECT 1 FROM subscriber_account WHERE tenant_id = $1 AND id = $2`, [
      ctx.tenant.id,
      accountId,
    ]);
    if (account.length === 0) throw problems.notFound();
    const rows = await db.find(Invoice, {
      where: { tenantId: ctx.tenant.id, accountId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: 200,
    });
    await logStaffRead(this.audit, ctx, accountId, 'invoices', ['number', 'status', 'totals', 'dueDate']);
    return rows.map(toView);
  }

  /**
   * Void (open or uncollectible → void) or uncollectible (open → uncollectible), with the reason. The
   * database trigger allows exactly these moves; other ones are a 409 here, before it is asked.
   */
  async move(
    ctx: RequestContext,
    invoiceId: string,
    to: 'void' | 'uncollectible',
    input: InvoiceStatusChange,
  ): Promise<FinanceInvoiceView> {
    const db = await ctx.db();
    const invoice = await db.findOne(Invoice, {
      where: { tenantId: ctx.tenant.id, id: invoiceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!invoice) throw problems.notFound();
    const allowed = to === 'void' ? ['open', 'uncollectible'] : ['open'];
    if (!allowed.includes(invoice.status))
      throw problems.conflict(
        invoice.status === 'draft'
          ? 'A draft has no number yet: it is not voided but left out of the run'
          : `An invoice that is ${invoice.status} cannot become ${to}`,
      );
    await db.update(
      Invoice,
      { tenantId: ctx.tenant.id, id: invoiceId },
      { status: to, statusReason: input.reason.trim(), statusChangedAt: () => 'now()' },
    );
    return toView(await db.findOneByOrFail(Invoice, { tenantId: ctx.tenant.id, id: invoiceId }));
  }
}

function toView(row: Invoice): FinanceInvoiceView {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    currency: row.currency,
    netMinor: Number(row.netMinor),
    taxMinor: row.taxMinor === null ? null : Number(row.taxMinor),
    grossMinor: row.grossMinor === null ? null : Number(row.grossMinor),
    statusReason: row.statusReason,
    failure: row.failure,
  };
}
