import { Injectable } from '@nestjs/common';
import { type RequestContext, problems } from '@mijn-account/api-core';
import type { CreditNoteCreate, FieldError, FinanceInvoiceDetail } from '@mijn-account/shared-contracts';
import type { InvoiceDocument, InvoiceLine } from '../documents/invoice-document';
import { computeTotals } from '../documents/totals';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceLineRow } from '../entities/invoice-line.entity';
import { BillingEngine } from '../runs/billing-engine';
import { BillingQueue } from '../runs/billing.queue';
import type { Answer } from '../runs/idempotency.service';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { todayIn } from '@mijn-account/shared-billing-periods';
import { FinanceInvoicesService } from './finance-invoices.service';
import { refuseIfErased } from '../accounts/erased-accounts';

/**
 * Credit notes (issue 17 §5): the correction of an issued invoice — whole, some of its lines, or an
 * amount — issued at once in the request's transaction: a draft row with its lines, a number from
 * the tenant's credit-note series (the counter row, so gapless), then the issued document, which the
 * immutability trigger keeps from then on. Never more than was invoiced, all credit notes together.
 */

@Injectable()
export class CreditNotesService {
  constructor(
    private readonly settings: InvoicingSettingsService,
    private readonly engine: BillingEngine,
    private readonly queue: BillingQueue,
    private readonly invoices: FinanceInvoicesService,
  ) {}

  /** 404 for an id that is no invoice of this tenant (before the Idempotency-Key is looked at). */
  async requireInvoice(ctx: RequestContext, invoiceId: string): Promise<void> {
    const db = await ctx.db();
    if (!(await db.existsBy(Invoice, { tenantId: ctx.tenant.id, id: invoiceId }))) throw problems.notFound();
  }

  async create(ctx: RequestContext, invoiceId: string, input: CreditNoteCreate): Promise<Answer<FinanceInvoiceDetail>> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    // The invoice row is locked: credit notes and payments of one invoice are taken one at a time.
    const invoice = await db.findOne(Invoice, {
      where: { tenantId, id: invoiceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!invoice) throw problems.notFound();
    if (invoice.kind !== 'invoice') throw problems.conflict('A credit note is not credited again');
    await refuseIfErased(db, ctx, invoice.accountId);
    if (!['open', 'paid', 'uncollectible'].includes(invoice.status) || !invoice.document)
      throw problems.conflict(
        invoice.status === 'draft'
          ? 'A draft has no number yet: change or delete it instead'
          : `An invoice that is ${invoice.status} is not credited`,
      );
    const doc = invoice.document;
    const reason = input.reason.trim();
    const errors: FieldError[] = [];
    const lines = this.creditedLines(doc, input, errors);
    if (errors.length > 0) throw problems.validation(errors);
    const totals = computeTotals(lines);
    const [{ credited, paid }] = (await db.query(
      `SELECT (SELECT COALESCE(sum(gross_minor), 0) FROM invoice WHERE tenant_id = $1 AND credited_invoice_id = $2 AND status <> 'void')::bigint AS credited,
              (SELECT COALESCE(sum(amount_minor), 0) FROM payment WHERE tenant_id = $1 AND invoice_id = $2)::bigint AS paid`,
      [tenantId, invoiceId],
    )) as { credited: string; paid: string }[];
    const field = input.mode === 'whole' ? 'mode' : input.mode === 'lines' ? 'lines' : 'amountMinor';
    const left = Number(invoice.grossMinor) - Number(credited);
    if (totals.taxInclusiveMinor <= 0)
      throw problems.validation([{ field, code: 'positiveTotal', message: 'A credit note credits more than nothing' }]);
    if (totals.taxInclusiveMinor > left)
      throw problems.validation([
        {
          field,
          code: 'atMostInvoiced',
          message: `At most the ${left} cents invoiced and not credited yet (this would credit ${totals.taxInclusiveMinor})`,
        },
      ]);

    // The tenant's own tax-category codes of the invoice's lines, for the credit note's line rows.
    const sourceRows = await db.find(InvoiceLineRow, { where: { tenantId, invoiceId }, order: { position: 'ASC' } });
    const codeOf = (position: number | null) =>
      (sourceRows.find((r) => r.position === position) ?? sourceRows[0])?.taxCategory ?? 'credit';
    const inserted = await db.insert(Invoice, {
      tenantId,
      kind: 'credit-note',
      accountId: invoice.accountId,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      currency: invoice.currency,
      language: invoice.language,
      creditedInvoiceId: invoiceId,
    });
    const creditNoteId = (inserted.identifiers[0] as Pick<Invoice, 'id'>).id;
    await db.insert(
      InvoiceLineRow,
      lines.map((l) => ({
        tenantId,
        invoiceId: creditNoteId,
        position: l.position,
        kind:
          l.source === null
            ? ('one-off' as const)
            : (sourceRows.find((r) => r.position === l.source)?.kind ?? 'one-off'),
        description: l.description,
        quantity: l.quantity,
        unitPriceMinor: String(l.unitPriceMinor),
        netMinor: String(l.netMinor),
        taxCategory: codeOf(l.source),
        periodStart: l.periodStart,
        periodEnd: l.periodEnd,
      })),
    );

    const settings = await this.settings.read(db, tenantId, false);
    const issueDate = todayIn(settings.timeZone);
    const year = Number(issueDate.slice(0, 4));
    const prefix = settings.numberPrefix ?? (doc.number.split('-')[0] || 'CN');
    const numbers = await this.engine.takeNumbers(db, tenantId, 'credit-note', year, prefix, 1);
    const number = numbers.format(0);
    const document: InvoiceDocument = {
      ...doc,
      kind: 'credit-note',
      number,
      issueDate,
      dueDate: null,
      lines: lines.map(withoutSource),
      totals,
      paymentReference: number,
      precedingInvoice: { number: doc.number, issueDate: doc.issueDate },
      note: reason,
    };
    await db.update(
      Invoice,
      { tenantId, id: creditNoteId },
      {
        status: 'open',
        year,
        sequenceNo: numbers.first,
        number,
        issueDate,
        document,
        netMinor: String(totals.taxExclusiveMinor),
        taxMinor: String(totals.taxMinor),
        grossMinor: String(totals.taxInclusiveMinor),
        finalisedAt: () => 'now()',
      },
    );
    // An invoice whose credit notes and payments cover it has nothing left to pay.
    const outstanding = Number(invoice.grossMinor) - Number(paid) - Number(credited) - totals.taxInclusiveMinor;
    if (outstanding <= 0 && (invoice.status === 'open' || invoice.status === 'uncollectible'))
      await db.update(Invoice, { tenantId, id: invoiceId }, { status: 'paid', statusChangedAt: () => 'now()' });
    await this.queue.enqueueRender(db, tenantId, [creditNoteId]);
    return { status: 201, body: await this.invoices.detail(ctx, creditNoteId) };
  }

  /** The credit note's lines (numbered from 1), each with the invoice line it comes from. */
  private creditedLines(
    doc: InvoiceDocument,
    input: CreditNoteCreate,
    errors: FieldError[],
  ): (InvoiceLine & { source: number | null })[] {
    if (input.mode === 'whole') return doc.lines.map((l, i) => ({ ...l, position: i + 1, source: l.position }));
    if (input.mode === 'lines') {
      if (!input.lines?.length) {
        errors.push({ field: 'lines', code: 'isNotEmpty', message: 'Choose at least one line' });
        return [];
      }
      const seen = new Set<number>();
      return input.lines
        .flatMap((chosen, i) => {
          const line = doc.lines.find((l) => l.position === chosen.position);
          if (!line || seen.has(chosen.position)) {
            errors.push({
              field: `lines[${i}].position`,
              code: line ? 'unique' : 'isInvoiceLine',
              message: line ? 'Each line once' : 'No such line on the invoice',
            });
            return [];
          }
          seen.add(chosen.position);
          if (chosen.quantity > Math.abs(line.quantity)) {
            errors.push({
              field: `lines[${i}].quantity`,
              code: 'atMostInvoiced',
              message: `At most the ${Math.abs(line.quantity)} invoiced`,
            });
            return [];
          }
          const quantity = Math.sign(line.quantity) * chosen.quantity;
          return [{ ...line, quantity, netMinor: quantity * line.unitPriceMinor, source: line.position }];
        })
        .map((l, i) => ({ ...l, position: i + 1 }));
    }
    if (input.amountMinor === undefined) {
      errors.push({ field: 'amountMinor', code: 'isNotEmpty', message: 'The net amount to credit, in cents' });
      return [];
    }
    const treatments = doc.totals.subtotals;
    if (treatments.length !== 1) {
      errors.push({
        field: 'mode',
        code: 'amountNeedsOneTaxRate',
        message: 'This invoice has more than one tax rate: credit its lines instead',
      });
      return [];
    }
    return [
      {
        position: 1,
        description: doc.language === 'nl' ? `Creditering op factuur ${doc.number}` : `Credit on invoice ${doc.number}`,
        quantity: 1,
        unitPriceMinor: input.amountMinor,
        netMinor: input.amountMinor,
        tax: treatments[0].tax,
        periodStart: doc.periodStart,
        periodEnd: doc.periodEnd,
        source: null,
      },
    ];
  }
}

function withoutSource(line: InvoiceLine & { source: number | null }): InvoiceLine {
  const copy: Partial<typeof line> = { ...line };
  delete copy.source;
  return copy as InvoiceLine;
}
