import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type RequestContext, problems } from '@mijn-account/api-core';
import type {
  AccessLogField,
  FieldError,
  FinanceInvoiceDetail,
  FinanceInvoiceLineView,
  FinanceInvoiceListItem,
  FinanceInvoicePage,
  InvoiceStatus,
} from '@mijn-account/shared-contracts';
import { AuditWriterService } from '@mijn-account/api-audit';
import type { InvoiceDocument } from '../documents/invoice-document';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceLineRow } from '../entities/invoice-line.entity';
import { isRealDate } from '@mijn-account/api-core';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { todayIn } from '@mijn-account/shared-billing-periods';
import { logStaffRead } from '../subscriptions/subscriptions.service';
import type { InvoiceListQueryDto } from './invoice-list-query.dto';
import { invoiceBalance } from './balance';

export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['draft', 'open', 'paid', 'void', 'uncollectible'];
const PAGE = 50;

/** The fields of an account's invoices a finance read shows (the access log names them). */
export const INVOICE_READ_FIELDS = ['number', 'status', 'totals', 'dueDate'] as const satisfies AccessLogField[];
const DETAIL_READ_FIELDS = [
  'number',
  'status',
  'totals',
  'dueDate',
  'address',
  'lines',
  'payments',
  'reminders',
] as const satisfies AccessLogField[];

interface ListRow {
  id: string;
  kind: 'invoice' | 'credit-note';
  number: string | null;
  status: InvoiceStatus;
  issue_date: string | null;
  due_date: string | null;
  account_id: string;
  customer_number: string;
  customer_name: string;
  erased_at: Date | null;
  kept_until: string | null;
  currency: string;
  net_minor: string;
  tax_minor: string | null;
  gross_minor: string | null;
  created_at: string;
  paid: string;
  credited: string;
}

/** A stored file of an issued invoice, exactly as rendered. */
export interface StoredFile {
  mediaType: string;
  fileName: string;
  sha256: string;
  content: Buffer;
}

/**
 * Finance's tenant-wide view of invoices and credit notes: a filtered list paged by a keyset
 * (newest first), one document in full, its stored files. Each read lands in the access log of
 * every account it shows, with the reason "finance" (ADR 0012: finance is staff).
 */
@Injectable()
export class FinanceInvoicesService {
  constructor(
    private readonly audit: AuditWriterService,
    private readonly settings: InvoicingSettingsService,
  ) {}

  async list(ctx: RequestContext, query: InvoiceListQueryDto): Promise<FinanceInvoicePage> {
    const db = await ctx.db();
    const errors: FieldError[] = [];
    const statuses = query.status ? query.status.split(',') : [];
    if (statuses.some((s) => !INVOICE_STATUSES.includes(s as InvoiceStatus)))
      errors.push({ field: 'status', code: 'isIn', message: `Any of ${INVOICE_STATUSES.join(', ')}` });
    for (const field of ['from', 'to'] as const)
      if (query[field] !== undefined && !isRealDate(query[field]))
        errors.push({ field, code: 'isDate', message: 'A date such as 2026-11-01' });
    const cursor = query.after ? decodeCursor(query.after) : null;
    if (query.after && !cursor) errors.push({ field: 'after', code: 'isCursor', message: 'The next of a page before' });
    if (errors.length > 0) throw problems.validation(errors);
    const limit = query.limit ? Math.min(Number(query.limit), 200) : PAGE;
    const today = await this.today(db, ctx);

    const where = ['i.tenant_id = $1'];
    const params: unknown[] = [ctx.tenant.id];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (statuses.length > 0) add((n) => `i.status = ANY(${n}::text[])`, statuses);
    if (query.kind) add((n) => `i.kind = ${n}`, query.kind);
    if (query.overdue === 'true') add((n) => `i.status = 'open' AND i.due_date < ${n}::date`, today);
    if (query.from) add((n) => `i.issue_date >= ${n}::date`, query.from);
    if (query.to) add((n) => `i.issue_date <= ${n}::date`, query.to);
    if (query.accountId) add((n) => `i.account_id = ${n}::uuid`, query.accountId);
    if (query.q?.trim())
      add(
        (n) =>
          `(i.number ILIKE ${n} OR a.customer_number ILIKE ${n} OR a.name ILIKE ${n} OR a.company_name ILIKE ${n})`,
        `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      );
    if (cursor) {
      params.push(cursor.at, cursor.id);
      where.push(`(i.created_at, i.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    // SQL: one page, newest first, with what was paid and credited; the keyset index serves the order.
    const rows: ListRow[] = await db.query(
      `${LIST_SELECT} WHERE ${where.join(' AND ')} ORDER BY i.created_at DESC, i.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    for (const accountId of new Set(page.map((r) => r.account_id)))
      await logStaffRead(this.audit, ctx, accountId, 'invoices', INVOICE_READ_FIELDS);
    const last = page.at(-1);
    return {
      items: page.map((r) => toItem(r, today)),
      next: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  async detail(ctx: RequestContext, invoiceId: string): Promise<FinanceInvoiceDetail> {
    const db = await ctx.db();
    const rows: ListRow[] = await db.query(`${LIST_SELECT} WHERE i.tenant_id = $1 AND i.id = $2`, [
      ctx.tenant.id,
      invoiceId,
    ]);
    if (rows.length === 0) throw problems.notFound();
    const invoice = await db.findOneByOrFail(Invoice, { tenantId: ctx.tenant.id, id: invoiceId });
    const today = await this.today(db, ctx);
    const doc = invoice.document;
    // SQL: the payments, the credit notes that correct it, the invoice a credit note corrects, its files,
    // the reminders sent.
    const [payments, creditNotes, credited, files, reminders] = (await sequentially([
      () =>
        db.query(
          `SELECT id, amount_minor, paid_on::text, reference, created_at FROM payment
          WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY paid_on, created_at`,
          [ctx.tenant.id, invoiceId],
        ),
      () =>
        db.query(
          `SELECT id, number, issue_date::text, gross_minor, status FROM invoice
          WHERE tenant_id = $1 AND credited_invoice_id = $2 ORDER BY sequence_no`,
          [ctx.tenant.id, invoiceId],
        ),
      () =>
        invoice.creditedInvoiceId
          ? db.query(`SELECT id, number, issue_date::text FROM invoice WHERE tenant_id = $1 AND id = $2`, [
              ctx.tenant.id,
              invoice.creditedInvoiceId,
            ])
          : Promise.resolve([]),
      () =>
        db.query(
          `SELECT format, file_name, sha256, octet_length(content) AS size FROM invoice_file
          WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY format`,
          [ctx.tenant.id, invoiceId],
        ),
      () =>
        db.query(
          `SELECT reminder_no, sent_at, recipient FROM payment_reminder
          WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY reminder_no`,
          [ctx.tenant.id, invoiceId],
        ),
    ])) as [
      { id: string; amount_minor: string; paid_on: string; reference: string; created_at: Date }[],
      { id: string; number: string; issue_date: string; gross_minor: string; status: InvoiceStatus }[],
      { id: string; number: string; issue_date: string }[],
      { format: 'pdf' | 'ubl'; file_name: string; sha256: string; size: number }[],
      { reminder_no: number; sent_at: Date; recipient: string }[],
    ];
    const lines = doc ? documentLines(doc) : await this.draftLines(db, ctx, invoiceId);
    await logStaffRead(this.audit, ctx, invoice.accountId, 'invoices', DETAIL_READ_FIELDS);
    return {
      ...toItem(rows[0], today),
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      language: invoice.language,
      statusReason: invoice.statusReason,
      failure: invoice.failure,
      supplier: doc
        ? {
            name: doc.supplier.legalName,
            address: doc.supplier.address,
            vatId: doc.supplier.vatId,
            registrationNumber: doc.supplier.registrationNumber,
            iban: doc.supplier.iban ?? undefined,
            bic: doc.supplier.bic,
            bankAccount: doc.supplier.bankAccount ?? null,
          }
        : null,
      customer: doc
        ? {
            name: doc.customer.name,
            address: doc.customer.address,
            vatId: doc.customer.vatId,
            registrationNumber: doc.customer.registrationNumber,
            customerNumber: doc.customer.customerNumber,
            email: doc.customer.email,
          }
        : null,
      paymentReference: doc?.paymentReference ?? null,
      lines,
      taxBreakdown: (doc?.totals.subtotals ?? []).map((s) => ({
        category: s.tax.category,
        rateBasisPoints: s.tax.rateBasisPoints,
        exemptionReason: s.tax.exemptionReason,
        taxableMinor: s.taxableMinor,
        taxMinor: s.taxMinor,
      })),
      payments: payments.map((p) => ({
        id: p.id,
        amountMinor: Number(p.amount_minor),
        paidOn: p.paid_on,
        reference: p.reference,
        createdAt: new Date(p.created_at).toISOString(),
      })),
      reminders: reminders.map((r) => ({
        reminderNo: r.reminder_no,
        sentAt: new Date(r.sent_at).toISOString(),
        recipient: r.recipient,
      })),
      creditNotes: creditNotes.map((c) => ({
        id: c.id,
        number: c.number,
        issueDate: c.issue_date,
        grossMinor: Number(c.gross_minor),
        status: c.status,
      })),
      creditedInvoice: credited[0]
        ? { id: credited[0].id, number: credited[0].number, issueDate: credited[0].issue_date }
        : null,
      note: doc?.note ?? null,
      files: files.map((f) => ({ format: f.format, fileName: f.file_name, sha256: f.sha256, size: Number(f.size) })),
    };
  }

  /** The stored PDF or UBL of an issued invoice, byte for byte; 404 until it is rendered. */
  async file(ctx: RequestContext, invoiceId: string, format: 'pdf' | 'ubl'): Promise<StoredFile> {
    const db = await ctx.db();
    // SQL: the file with its invoice's account (for the access log).
    const rows: (StoredFile & { accountId: string })[] = await db.query(
      `SELECT f.media_type AS "mediaType", f.file_name AS "fileName", f.sha256, f.content, i.account_id AS "accountId"
         FROM invoice_file f JOIN invoice i ON i.tenant_id = f.tenant_id AND i.id = f.invoice_id
        WHERE f.tenant_id = $1 AND f.invoice_id = $2 AND f.format = $3`,
      [ctx.tenant.id, invoiceId, format],
    );
    const [file] = rows;
    if (!file) throw problems.notFound('No such invoice, or its files are not rendered yet');
    await logStaffRead(this.audit, ctx, file.accountId, 'invoices', [format === 'pdf' ? 'pdf' : 'ubl']);
    return { mediaType: file.mediaType, fileName: file.fileName, sha256: file.sha256, content: file.content };
  }

  private async draftLines(
    db: EntityManager,
    ctx: RequestContext,
    invoiceId: string,
  ): Promise<FinanceInvoiceLineView[]> {
    const rows = await db.find(InvoiceLineRow, {
      where: { tenantId: ctx.tenant.id, invoiceId },
      order: { position: 'ASC' },
    });
    return rows.map((r) => ({
      position: r.position,
      description: r.description,
      quantity: r.quantity,
      unitPriceMinor: Number(r.unitPriceMinor),
      netMinor: Number(r.netMinor),
      taxCategory: r.taxCategory,
      rateBasisPoints: null,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
    }));
  }

  private async today(db: EntityManager, ctx: RequestContext): Promise<string> {
    return todayIn((await this.settings.read(db, ctx.tenant.id, false)).timeZone);
  }
}

const LIST_SELECT = `
  SELECT i.id, i.kind, i.number, i.status, i.issue_date::text, i.due_date::text, i.account_id, a.customer_number,
         COALESCE(i.document->'customer'->>'name', a.company_name, a.name) AS customer_name,
         i.currency, i.net_minor, i.tax_minor, i.gross_minor, i.created_at::text AS created_at,
         (SELECT COALESCE(sum(p.amount_minor), 0) FROM payment p
           WHERE p.tenant_id = i.tenant_id AND p.invoice_id = i.id)::text AS paid,
         (SELECT COALESCE(sum(c.gross_minor), 0) FROM invoice c
           WHERE c.tenant_id = i.tenant_id AND c.credited_invoice_id = i.id AND c.status <> 'void')::text AS credited,
         a.erased_at, fiscal_retention_end(i.issue_date)::text AS kept_until
    FROM invoice i JOIN subscriber_account a ON a.tenant_id = i.tenant_id AND a.id = i.account_id`;

/** One connection runs one query at a time: the queries in turn. */
async function sequentially(queries: (() => Promise<unknown>)[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query());
  return results;
}

function toItem(r: ListRow, today: string): FinanceInvoiceListItem {
  const gross = r.gross_minor === null ? null : Number(r.gross_minor);
  const paid = Number(r.paid);
  const credited = Number(r.credited);
  return {
    id: r.id,
    kind: r.kind,
    number: r.number,
    status: r.status,
    overdue: r.status === 'open' && r.due_date !== null && r.due_date < today,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    accountId: r.account_id,
    customerNumber: r.customer_number,
    customerName: r.customer_name,
    currency: r.currency.trim(),
    netMinor: Number(r.net_minor),
    taxMinor: r.tax_minor === null ? null : Number(r.tax_minor),
    grossMinor: gross,
    paidMinor: paid,
    creditedMinor: credited,
    ...invoiceBalance({ kind: r.kind, status: r.status, grossMinor: gross, paidMinor: paid, creditedMinor: credited }),
    restricted: r.erased_at ? { erasedAt: new Date(r.erased_at).toISOString(), keptUntil: r.kept_until } : null,
  };
}

function documentLines(doc: InvoiceDocument): FinanceInvoiceLineView[] {
  return doc.lines.map((l) => ({
    position: l.position,
    description: l.description,
    quantity: l.quantity,
    unitPriceMinor: l.unitPriceMinor,
    netMinor: l.netMinor,
    taxCategory: l.tax.category,
    rateBasisPoints: l.tax.rateBasisPoints,
    periodStart: l.periodStart,
    periodEnd: l.periodEnd,
  }));
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !TIMESTAMP.test(at) || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return { at, id };
}
