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
import { batchedReader } from './batched-reader';
import type { ExportQueryDto } from './export-query.dto';
import { INVOICE_READ_FIELDS } from './finance-invoices.service';
import { invoiceBalance } from './balance';

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
      issued: 'uitgereikt',
      paid: 'betaald',
      overpaid: 'te veel betaald',
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
      issued: 'issued',
      paid: 'paid',
      overpaid: 'overpaid',
      void: 'void',
      uncollectible: 'uncollectible',
    },
  },
};

interface ExportRow {
  id: string;
  kind: 'invoice' | 'credit-note';
  status: string;
  document: InvoiceDocument;
  paid: string;
  credited: string;
  credited_number: string | null;
}

/** Documents (CSV rows, UBL files) read from the database at a time while an export is sent. */
export const EXPORT_BATCH = 200;

/** One UBL file of an export: whose, and its name in the ZIP. */
export interface UblFile {
  invoiceId: string;
  fileName: string;
}

/**
 * Exports for the accountant (issue 17 §6): the issued invoices and credit notes of a period as CSV
 * (one tax column per category and rate that occurs; credit notes as negative amounts) and their
 * stored UBL files. Each account whose documents are exported gets a read in its access log.
 *
 * Both are sent as they are read, one way: the request's transaction lists the period's documents
 * (ids in number order, and what the header needs) and logs the reads; the documents themselves are
 * read EXPORT_BATCH at a time (`batchedReader`) when the stream reaches them — after the request's
 * transaction has ended, hence each batch in a tenant transaction of its own (an issued document
 * never changes). Memory holds one batch, not the period.
 */
@Injectable()
export class InvoiceExportsService {
  constructor(
    private readonly audit: AuditWriterService,
    private readonly dataSource: DataSource,
  ) {}

  /** The period's documents as CSV lines: the header, then one row per document in number order. */
  async csv(ctx: RequestContext, query: ExportQueryDto): Promise<AsyncIterable<string>> {
    const db = await ctx.db();
    const { from, to } = this.period(query);
    // SQL: the issued documents of the period in number order, with their accounts (for the access
    // log) and the tax categories and rates they carry (the CSV has a column for each).
    const listed: { id: string; account_id: string; taxes: string[] }[] = await db.query(
      `SELECT i.id, i.account_id,
              ARRAY(SELECT DISTINCT (s->'tax'->>'category') || ' ' || (s->'tax'->>'rateBasisPoints')
                      FROM jsonb_array_elements(i.document->'totals'->'subtotals') s) AS taxes
         FROM invoice i
        WHERE i.tenant_id = $1 AND i.status <> 'draft' AND i.issue_date BETWEEN $2 AND $3
        ORDER BY i.kind, i.year, i.sequence_no`,
      [ctx.tenant.id, from, to],
    );
    for (const accountId of new Set(listed.map((r) => r.account_id)))
      await logStaffRead(this.audit, ctx, accountId, 'invoices', INVOICE_READ_FIELDS);
    const language = query.language ?? null;
    const column = (key: string) => (language ? WORDS[language].columns[key] : key);
    const value = (code: string) => (language ? (WORDS[language].values[code] ?? code) : code);
    const taxKey = (category: string, rate: number) => `${category} ${rate / 100}%`;
    const taxKeys = [
      ...new Set(
        listed.flatMap((r) =>
          r.taxes.map((t) => {
            const [category, rate] = t.split(' ');
            return taxKey(category, Number(rate));
          }),
        ),
      ),
    ].sort();
    const amount = (minor: number, sign: number) => ((sign * minor) / 100).toFixed(2);
    const line = (r: ExportRow) => {
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
        value(statusOf(r)),
        r.kind === 'invoice' ? amount(Number(r.paid), 1) : '',
        text(r.credited_number ?? ''),
      ];
    };
    // Texts are escaped one by one (`text`): a credit's amount starts with a minus and must stay a number.
    const header = [
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
    ];
    const ids = listed.map((r) => r.id);
    const read = batchedReader(ids, EXPORT_BATCH, (batch) =>
      this.inOwnTransaction<ExportRow>(
        ctx.tenant.id,
        // SQL: a batch of the listed documents with what was paid, and the invoice a credit note corrects.
        `SELECT i.id, i.kind, i.status, i.document, c.number AS credited_number,
                (SELECT COALESCE(sum(p.amount_minor), 0) FROM payment p WHERE p.tenant_id = i.tenant_id AND p.invoice_id = i.id)::text AS paid,
                (SELECT COALESCE(sum(n.gross_minor), 0) FROM invoice n
                  WHERE n.tenant_id = i.tenant_id AND n.credited_invoice_id = i.id AND n.status <> 'void')::text AS credited
           FROM invoice i LEFT JOIN invoice c ON c.tenant_id = i.tenant_id AND c.id = i.credited_invoice_id
          WHERE i.tenant_id = $1 AND i.id = ANY($2::uuid[])`,
        batch,
      ),
    );
    return (async function* () {
      yield stringify([header]);
      for (let i = 0; i < ids.length; i++) {
        const row = await read(i);
        if (!row) throw new Error(`invoices.csv: invoice ${ids[i]} is gone`);
        yield stringify([line(row)]);
      }
    })();
  }

  /**
   * The period's UBL files by name (each read logged for its account), and a reader of their bytes
   * by invoice ids, EXPORT_BATCH at a time as the ZIP reaches them: a month of a large tenant is
   * hundreds of megabytes.
   */
  async ublFiles(
    ctx: RequestContext,
    query: ExportQueryDto,
  ): Promise<{ files: UblFile[]; read: (index: number) => Promise<Buffer | undefined> }> {
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
    const ids = files.map((f) => f.invoice_id);
    const read = batchedReader(ids, EXPORT_BATCH, async (batch) => {
      const rows = await this.inOwnTransaction<{ id: string; content: Buffer }>(
        ctx.tenant.id,
        // SQL: a batch of the listed UBL files.
        `SELECT invoice_id AS id, content FROM invoice_file WHERE tenant_id = $1 AND format = 'ubl' AND invoice_id = ANY($2::uuid[])`,
        batch,
      );
      return new Map([...rows].map(([id, row]) => [id, row.content]));
    });
    return { files: files.map((f) => ({ invoiceId: f.invoice_id, fileName: f.file_name })), read };
  }

  /** Rows by id of one batch, in a tenant transaction of its own (the request's has ended by then). */
  private async inOwnTransaction<R extends { id: string }>(
    tenantId: string,
    sql: string,
    ids: string[],
  ): Promise<Map<string, R>> {
    const rows: R[] = await withTenant(this.dataSource, tenantId, (tx) => tx.query(sql, [tenantId, ids]));
    return new Map(rows.map((r) => [r.id, r]));
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

/**
 * The status column: a paid invoice whose payments and credit notes exceed its total says overpaid
 * (ADR 0014); an issued credit note asks nothing, so it says issued, never open.
 */
function statusOf(r: ExportRow): string {
  if (r.kind === 'credit-note' && r.status === 'open') return 'issued';
  const { overpaidMinor } = invoiceBalance({
    kind: r.kind,
    status: r.status,
    grossMinor: r.document.totals.taxInclusiveMinor,
    paidMinor: Number(r.paid),
    creditedMinor: Number(r.credited),
  });
  return overpaidMinor > 0 ? 'overpaid' : r.status;
}

/** A text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is written as text (OWASP CSV injection). */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
