import { Injectable } from '@nestjs/common';
import { type RequestContext, problems } from '@mijn-account/api-core';
import type {
  FieldError,
  FinanceInvoiceView,
  InvoiceStatusChange,
  PaymentCreate,
} from '@mijn-account/shared-contracts';
import { AuditWriterService } from '@mijn-account/api-audit';
import { Invoice } from '../entities/invoice.entity';
import { Payment } from '../entities/payment.entity';
import { isRealDate } from '@mijn-account/api-core';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { todayIn } from '@mijn-account/shared-billing-periods';
import { logStaffRead } from '../subscriptions/subscriptions.service';
import { INVOICE_READ_FIELDS } from './finance-invoices.service';
import { invoiceBalance } from './balance';

/** Finance's view of an account's invoices, and the status moves an issued invoice may still make. */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly audit: AuditWriterService,
    private readonly settings: InvoicingSettingsService,
  ) {}

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
    // SQL: what was paid and credited per invoice of the account (one statement for the list).
    const sums: { id: string; paid: string; credited: string }[] = await db.query(
      `SELECT i.id,
              (SELECT COALESCE(sum(p.amount_minor), 0) FROM payment p WHERE p.tenant_id = i.tenant_id AND p.invoice_id = i.id)::text AS paid,
              (SELECT COALESCE(sum(c.gross_minor), 0) FROM invoice c
                WHERE c.tenant_id = i.tenant_id AND c.credited_invoice_id = i.id AND c.status <> 'void')::text AS credited
         FROM invoice i WHERE i.tenant_id = $1 AND i.id = ANY($2::uuid[])`,
      [ctx.tenant.id, rows.map((r) => r.id)],
    );
    const settled = new Map(sums.map((s) => [s.id, { paid: Number(s.paid), credited: Number(s.credited) }]));
    await logStaffRead(this.audit, ctx, accountId, 'invoices', INVOICE_READ_FIELDS);
    return rows.map((r) => toView(r, settled.get(r.id)));
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
    return toView(
      await db.findOneByOrFail(Invoice, { tenantId: ctx.tenant.id, id: invoiceId }),
      await this.settled(ctx, invoiceId),
    );
  }

  /** What was paid and credited on one invoice. */
  private async settled(ctx: RequestContext, invoiceId: string): Promise<{ paid: number; credited: number }> {
    const db = await ctx.db();
    // SQL: the sums of the invoice's payments and of its credit notes that are not void.
    const [row] = (await db.query(
      `SELECT (SELECT COALESCE(sum(amount_minor), 0) FROM payment WHERE tenant_id = $1 AND invoice_id = $2)::bigint AS paid,
              (SELECT COALESCE(sum(gross_minor), 0) FROM invoice
                WHERE tenant_id = $1 AND credited_invoice_id = $2 AND status <> 'void')::bigint AS credited`,
      [ctx.tenant.id, invoiceId],
    )) as { paid: string; credited: string }[];
    return { paid: Number(row.paid), credited: Number(row.credited) };
  }

  /**
   * Money received against an open (or uncollectible) invoice: partial payments add up, never beyond
   * what is outstanding; the invoice is paid once they cover its total. The payment row is insert-only.
   */
  async pay(
    ctx: RequestContext,
    invoiceId: string,
    input: PaymentCreate,
  ): Promise<FinanceInvoiceView & { paidMinor: number }> {
    const db = await ctx.db();
    const invoice = await db.findOne(Invoice, {
      where: { tenantId: ctx.tenant.id, id: invoiceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!invoice) throw problems.notFound();
    if (invoice.status !== 'open' && invoice.status !== 'uncollectible')
      throw problems.conflict(`An invoice that is ${invoice.status} takes no payment`);
    // SQL: what was paid and credited so far (the invoice row is locked, so nothing slips in between).
    const [{ paid, credited }] = (await db.query(
      `SELECT (SELECT COALESCE(sum(amount_minor), 0) FROM payment WHERE tenant_id = $1 AND invoice_id = $2)::bigint AS paid,
              (SELECT COALESCE(sum(gross_minor), 0) FROM invoice
                WHERE tenant_id = $1 AND credited_invoice_id = $2 AND status <> 'void')::bigint AS credited`,
      [ctx.tenant.id, invoiceId],
    )) as { paid: string; credited: string }[];
    const outstanding = Number(invoice.grossMinor) - Number(paid) - Number(credited);
    const errors: FieldError[] = [];
    const today = todayIn((await this.settings.read(db, ctx.tenant.id, false)).timeZone);
    if (input.amountMinor > outstanding)
      errors.push({
        field: 'amountMinor',
        code: 'atMostOutstanding',
        message: `At most the ${outstanding} cents outstanding`,
      });
    if (!isRealDate(input.paidOn))
      errors.push({ field: 'paidOn', code: 'isDate', message: 'A date such as 2026-11-01' });
    else if (input.paidOn > today)
      errors.push({ field: 'paidOn', code: 'notInFuture', message: 'Today or an earlier day' });
    if (errors.length > 0) throw problems.validation(errors);
    await db.insert(Payment, {
      tenantId: ctx.tenant.id,
      invoiceId,
      amountMinor: String(input.amountMinor),
      paidOn: input.paidOn,
      reference: input.reference.trim(),
      createdBy: ctx.requireUser().id,
    });
    const paidMinor = Number(paid) + input.amountMinor;
    if (paidMinor + Number(credited) === Number(invoice.grossMinor))
      await db.update(
        Invoice,
        { tenantId: ctx.tenant.id, id: invoiceId },
        { status: 'paid', statusChangedAt: () => 'now()' },
      );
    return {
      ...toView(await db.findOneByOrFail(Invoice, { tenantId: ctx.tenant.id, id: invoiceId }), {
        paid: paidMinor,
        credited: Number(credited),
      }),
      paidMinor,
    };
  }
}

function toView(row: Invoice, settled = { paid: 0, credited: 0 }): FinanceInvoiceView {
  const grossMinor = row.grossMinor === null ? null : Number(row.grossMinor);
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    status: row.status,
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    currency: row.currency,
    netMinor: Number(row.netMinor),
    taxMinor: row.taxMinor === null ? null : Number(row.taxMinor),
    grossMinor,
    ...invoiceBalance({
      kind: row.kind,
      status: row.status,
      grossMinor,
      paidMinor: settled.paid,
      creditedMinor: settled.credited,
    }),
    statusReason: row.statusReason,
    failure: row.failure,
  };
}
