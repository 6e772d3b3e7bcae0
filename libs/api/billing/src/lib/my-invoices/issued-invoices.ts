import type { EntityManager } from 'typeorm';
import { problems } from '@mijn-account/api-core';
import type { MyInvoiceView } from '@mijn-account/shared-contracts';
import { InvoiceFile } from '../entities/invoice-file.entity';
import { invoiceBalance } from '../invoices/balance';

interface IssuedRow {
  id: string;
  kind: MyInvoiceView['kind'];
  number: string;
  status: MyInvoiceView['status'];
  issue_date: string;
  due_date: string | null;
  overdue: boolean;
  period_start: string | null;
  period_end: string | null;
  currency: string;
  net_minor: string;
  tax_minor: string;
  gross_minor: string;
  has_pdf: boolean;
  has_ubl: boolean;
  paid: string;
  credited: string;
  corrects: string | null;
}

/**
 * An account's issued invoices and credit notes, newest first (drafts are finance's business, never
 * shown): the subscriber's Mijn facturen and the helpdesk's view under `invoices:read` read the same.
 * Overdue: still open (or uncollectible) after its due date in the tenant's calendar.
 */
export async function issuedInvoices(db: EntityManager, tenantId: string, accountId: string): Promise<MyInvoiceView[]> {
  // SQL: the tenant's today from its invoicing time zone (the column default before the settings are saved).
  const rows: IssuedRow[] = await db.query(
    `WITH today AS (
       SELECT (now() AT TIME ZONE COALESCE((SELECT time_zone FROM invoicing_settings WHERE tenant_id = $1), 'Europe/Amsterdam'))::date AS d)
     SELECT i.id, i.kind, i.number, i.status, i.issue_date::text, i.due_date::text,
            (i.status IN ('open', 'uncollectible') AND i.due_date IS NOT NULL AND i.due_date < (SELECT d FROM today)) AS overdue,
            i.period_start::text, i.period_end::text, i.currency, i.net_minor, i.tax_minor, i.gross_minor,
            EXISTS (SELECT 1 FROM invoice_file f WHERE f.tenant_id = i.tenant_id AND f.invoice_id = i.id AND f.format = 'pdf') AS has_pdf,
            EXISTS (SELECT 1 FROM invoice_file f WHERE f.tenant_id = i.tenant_id AND f.invoice_id = i.id AND f.format = 'ubl') AS has_ubl,
            (SELECT COALESCE(sum(p.amount_minor), 0) FROM payment p WHERE p.tenant_id = i.tenant_id AND p.invoice_id = i.id)::text AS paid,
            (SELECT COALESCE(sum(c.gross_minor), 0) FROM invoice c
              WHERE c.tenant_id = i.tenant_id AND c.credited_invoice_id = i.id AND c.status <> 'void')::text AS credited,
            (SELECT c.number FROM invoice c WHERE c.tenant_id = i.tenant_id AND c.id = i.credited_invoice_id) AS corrects
       FROM invoice i
      WHERE i.tenant_id = $1 AND i.account_id = $2 AND i.status <> 'draft'
      ORDER BY i.issue_date DESC, i.number DESC
      LIMIT 500`,
    [tenantId, accountId],
  );
  return rows.map((r) => {
    const paidMinor = r.kind === 'invoice' ? Number(r.paid) : 0;
    const creditedMinor = r.kind === 'invoice' ? Number(r.credited) : 0;
    const grossMinor = Number(r.gross_minor);
    return {
      id: r.id,
      kind: r.kind,
      number: r.number,
      status: r.status,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      overdue: r.overdue,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      currency: r.currency.trim(),
      netMinor: Number(r.net_minor),
      taxMinor: Number(r.tax_minor),
      grossMinor,
      paidMinor,
      creditedMinor,
      ...invoiceBalance({ kind: r.kind, status: r.status, grossMinor, paidMinor, creditedMinor }),
      corrects: r.corrects,
      files: { pdf: r.has_pdf, ubl: r.has_ubl },
    };
  });
}

/**
 * A stored file of one of the account's issued invoices, exactly the bytes that were stored; 404
 * for a draft, another account's invoice, or one not yet rendered. Mijn facturen and the helpdesk's
 * view (invoices:read) serve the same.
 */
export async function issuedInvoiceFile(
  db: EntityManager,
  tenantId: string,
  accountId: string,
  invoiceId: string,
  format: 'pdf' | 'ubl',
): Promise<InvoiceFile> {
  // SQL: the invoice is this account's and issued (drafts have no files; another account's is not found).
  const rows: { id: string }[] = await db.query(
    `SELECT id FROM invoice WHERE tenant_id = $1 AND id = $2 AND account_id = $3 AND status <> 'draft'`,
    [tenantId, invoiceId, accountId],
  );
  if (rows.length === 0) throw problems.notFound();
  const file = await db.findOne(InvoiceFile, { where: { tenantId, invoiceId, format } });
  if (!file) throw problems.notFound('This file is being made; try again in a moment');
  return file;
}
