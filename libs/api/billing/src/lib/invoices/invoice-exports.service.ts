import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { stringify } from 'csv-stringify/sync';
import { type RequestContext, problems } from '@mijn-account/api-core';
import { type FieldError, type Language } from '@mijn-account/shared-contracts';
import { AuditWriterService } from '@mijn-account/api-audit';
import { withTenant } from '@mijn-account/api-database';
import type { InvoiceDocument } from '../documents/invoice-document';
import { isRealDate } from '@mijn-account/api-core';
import { logStaffRead } from '../subscriptions/subscriptions.service';
import type { ExportQueryDto } from './export-query.dto';
import { INVOICE_READ_FIELDS } from './finance-invoices.service';

/** At most this many days in one export (a year and a bit: an accountant's year-end). */
const MAX_DAYS = 400;

const WORDS: Record<Language, { columns: Record<string, string>; values: Record<string, string> }> = {
  nl: {
    columns: {
      number: 'nummer',
      kind: 'soort',
      issueDate: 'factuurdatum',
      customerNumber: 'klantnummer',
      customer: 'klant',
      vatId: 'btw-nummer',
      currency: 'valuta',
      net: 'netto',
      tax: 'btw',
      gross: 'totaal',
      status: 'status',
      paid: 'betaald',
      credits: 'crediteert',
    },
    values: {
      invoice: 'factuur',
      'credit-note': 'creditnota',
      open: 'open',
      paid: 'betaald',
      void: 'vervallen',
      uncollectible: 'oninbaar',
    },
  },
  en: {
    columns: {
      number: 'number',
      kind: 'kind',
      issueDate: 'issue date',
      customerNumber: 'customer number',
      customer: 'customer',
      vatId: 'VAT id',
      currency: 'currency',
      net: 'net',
      tax: 'tax',
      gross: 'gross',
      status: 'status',
      paid: 'paid',
      credits: 'credits',
    },
    values: {
      invoice: 'invoice',
      'credit-note': 'credit note',
      open: 'open',
      paid: 'paid',
      void: 'void',
      uncollectible: 'uncollectible',
    },
  },
};

interface ExportRow {
  account_id: string;
  kind: 'invoice' | 'credit-note';
  status: string;
  document: InvoiceDocument;
  paid: string;
  credited_number: string | null;
}

/**
 * Exports for the accountant (issue 17 §6): the issued invoices and credit notes of a period as CSV
 * (one tax column per category and rate that occurs; credit notes as negative amounts) and their
 * stored UBL files. Each account whose documents are exported gets a read in its access log.
 */
/** One UBL file of an export: whose, and its name in the ZIP. */
export interface UblFile {
  invoiceId: string;
  fileName: string;
}

@Injectable()
export class InvoiceExportsService {
  constructor(
    private readonly audit: AuditWriterService,
    private readonly dataSource: DataSource,
  ) {}

  async csv(ctx: RequestContext, query: ExportQueryDto): Promise<string> {
    const rows = await this.rows(ctx, query);
    const language = query.language ?? null;
    const column = (key: string) => (language ? WORDS[language].columns[key] : key);
    const value = (code: string) => (language ? (WORDS[language].values[code] ?? code) : code);
    const taxKey = (category: string, rate: number) => `${category} ${rate / 100}%`;
    const taxKeys = [
      ...new Set(
        rows.flatMap((r) => r.document.totals.subtotals.map((s) => taxKey(s.tax.category, s.tax.rateBasisPoints))),
      ),
    ].sort();
    const amount = (minor: number, sign: number) => ((sign * minor) / 100).toFixed(2);
    return stringify(
      rows.map((r) => {
        const doc = r.document;
        const sign = r.kind === 'credit-note' ? -1 : 1;
        const tax = new Map<string, number>();
        for (const s of doc.totals.subtotals) {
          const key = taxKey(s.tax.category, s.tax.rateBasisPoints);
          tax.set(key, (tax.get(key) ?? 0) + s.taxMinor);
        }
        return [
          text(doc.number),
          value(r.kind),
          doc.issueDate,
          text(doc.customer.customerNumber),
          text(doc.customer.name),
          text(doc.customer.vatId ?? ''),
          doc.currency,
          amount(doc.totals.taxExclusiveMinor, sign),
          ...taxKeys.map((key) => (tax.has(key) ? amount(tax.get(key) as number, sign) : '')),
          amount(doc.totals.taxInclusiveMinor, sign),
          value(r.status),
          r.kind === 'invoice' ? amount(Number(r.paid), 1) : '',
          text(r.credited_number ?? ''),
        ];
      }),
      {
        header: true,
        // Texts are escaped one by one (`text`): a credit's amount starts with a minus and must stay a number.
        columns: [
          column('number'),
          column('kind'),
          column('issueDate'),
          column('customerNumber'),
          column('customer'),
          column('vatId'),
          column('currency'),
          column('net'),
          ...taxKeys.map((key) => `${column('tax')} ${key}`),
          column('gross'),
          column('status'),
          column('paid'),
          column('credits'),
        ],
      },
    );
  }

  /** The stored UBL files of the period's documents (those rendered), in number order. */
  /**
   * The period's UBL files by name (each read logged for its account), and a reader of their bytes
   * by invoice ids: a month of a large tenant is hundreds of megabytes, so the ZIP asks for them a
   * batch at a time while it is sent — after this request's transaction has ended, hence each batch
   * in a tenant transaction of its own (an issued document's files never change).
   */
  async ublFiles(
    ctx: RequestContext,
    query: ExportQueryDto,
  ): Promise<{ files: UblFile[]; contents: (invoiceIds: string[]) => Promise<Map<string, Buffer>> }> {
    const db = await ctx.db();
    const { from, to } = this.period(query);
    // SQL: the UBL files of the issued documents of the period, with their accounts for the access log.
    const files: { invoice_id: string; file_name: string; account_id: string }[] = await db.query(
      `SELECT f.invoice_id, f.file_name, i.account_id FROM invoice i
         JOIN invoice_file f ON f.tenant_id = i.tenant_id AND f.invoice_id = i.id AND f.format = 'ubl'
        WHERE i.tenant_id = $1 AND i.status <> 'draft' AND i.issue_date BETWEEN $2 AND $3
        ORDER BY i.kind, i.year, i.sequence_no`,
      [ctx.tenant.id, from, to],
    );
    for (const accountId of new Set(files.map((f) => f.account_id)))
      await logStaffRead(this.audit, ctx, accountId, 'invoices', ['ubl']);
    const tenantId = ctx.tenant.id;
    const contents = async (invoiceIds: string[]) => {
      const rows: { invoice_id: string; content: Buffer }[] = await withTenant(this.dataSource, tenantId, (tx) =>
        tx.query(
          `SELECT invoice_id, content FROM invoice_file WHERE tenant_id = $1 AND format = 'ubl' AND invoice_id = ANY($2::uuid[])`,
          [tenantId, invoiceIds],
        ),
      );
      return new Map(rows.map((r) => [r.invoice_id, r.content]));
    };
    return { files: files.map((f) => ({ invoiceId: f.invoice_id, fileName: f.file_name })), contents };
  }

  private async rows(ctx: RequestContext, query: ExportQueryDto): Promise<ExportRow[]> {
    const db = await ctx.db();
    const { from, to } = this.period(query);
    // SQL: the issued documents of the period with what was paid, and the invoice a credit note corrects.
    const rows: ExportRow[] = await db.query(
      `SELECT i.account_id, i.kind, i.status, i.document, c.number AS credited_number,
              (SELECT COALESCE(sum(p.amount_minor), 0) FROM payment p WHERE p.tenant_id = i.tenant_id AND p.invoice_id = i.id)::text AS paid
         FROM invoice i LEFT JOIN invoice c ON c.tenant_id = i.tenant_id AND c.id = i.credited_invoice_id
        WHERE i.tenant_id = $1 AND i.status <> 'draft' AND i.issue_date BETWEEN $2 AND $3
        ORDER BY i.kind, i.year, i.sequence_no`,
      [ctx.tenant.id, from, to],
    );
    for (const accountId of new Set(rows.map((r) => r.account_id)))
      await logStaffRead(this.audit, ctx, accountId, 'invoices', INVOICE_READ_FIELDS);
    return rows;
  }

  private period(query: ExportQueryDto): { from: string; to: string } {
    const errors: FieldError[] = [];
    for (const field of ['from', 'to'] as const)
      if (!isRealDate(query[field])) errors.push({ field, code: 'isDate', message: 'A date such as 2026-11-01' });
    if (errors.length === 0 && query.to < query.from)
      errors.push({ field: 'to', code: 'notBeforeFrom', message: 'On or after the first day' });
    else if (errors.length === 0 && (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 > MAX_DAYS)
      errors.push({ field: 'to', code: 'periodTooLong', message: `At most ${MAX_DAYS} days` });
    if (errors.length > 0) throw problems.validation(errors);
    return { from: query.from, to: query.to };
  }
}

/** A text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is written as text (OWASP CSV injection). */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
