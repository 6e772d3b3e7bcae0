import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type RequestContext, problems } from '@mijn-account/api-core';
import type {
  BillingRunView,
  DraftLineCreate,
  DraftProblem,
  FieldError,
  RunDraftDetail,
  RunDraftLine,
  RunDraftPage,
  RunDraftView,
} from '@mijn-account/shared-contracts';
import { isUuid } from '@mijn-account/shared-contracts';
import { BillingRun } from '../entities/billing-run.entity';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { BillingQueue } from './billing.queue';
import { BillingRunsService } from './billing-runs.service';
import { refuseIfErased } from '../accounts/erased-accounts';
import { finaliseProblemSql } from './finalise-check';

/**
 * SQL: a draft as finance's review lists it (alias `i`, its account `a`): the customer, the number
 * of lines, the tax category of its first line (a one-off line's proposal), and whether finalising
 * would refuse it.
 */
const DRAFT_COLUMNS = `i.id, i.account_id, a.customer_number, COALESCE(a.company_name, a.name) AS customer_name, i.currency,
       i.period_start::text, i.period_end::text, i.net_minor,
       (SELECT count(*)::int FROM invoice_line l WHERE l.tenant_id = i.tenant_id AND l.invoice_id = i.id) AS line_count,
       (SELECT l.tax_category FROM invoice_line l WHERE l.tenant_id = i.tenant_id AND l.invoice_id = i.id
         ORDER BY l.position LIMIT 1) AS tax_category,
       i.failure, ${finaliseProblemSql('a')} AS problem
  FROM invoice i JOIN subscriber_account a ON a.tenant_id = i.tenant_id AND a.id = i.account_id`;

interface DraftRow {
  id: string;
  account_id: string;
  customer_number: string;
  customer_name: string;
  currency: string;
  period_start: string | null;
  period_end: string | null;
  net_minor: string;
  line_count: number;
  tax_category: string | null;
  failure: string | null;
  problem: DraftProblem | null;
}

interface LineRow {
  position: number;
  kind: string;
  description: string;
  period_start: string | null;
  period_end: string | null;
  quantity: number;
  unit_price_minor: string;
  net_minor: string;
  tax_category: string;
}

/** Page size of a run's drafts when none is asked for, and the most one page holds. */
const PAGE = { default: 50, max: 200 };

/**
 * Finance's review of a run's drafts before they are numbered: list them (by id, a page at a time),
 * add a one-off line, delete one (its subscription and period can then be billed by a later run —
 * the unique key only holds rows that exist), and try again the drafts whose finalising failed.
 * Every change locks the run row first, as the finalising batch does, so a review edit and a
 * finalising batch never meet halfway.
 */
@Injectable()
export class RunDraftsService {
  constructor(
    private readonly settings: InvoicingSettingsService,
    private readonly runs: BillingRunsService,
    private readonly queue: BillingQueue,
  ) {}

  async list(ctx: RequestContext, runId: string, after?: string, limit?: string): Promise<RunDraftPage> {
    const errors: FieldError[] = [];
    if (after !== undefined && !isUuid(after))
      errors.push({ field: 'after', code: 'isUuid', message: 'The nextCursor of the page before' });
    const size = limit === undefined ? PAGE.default : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > PAGE.max)
      errors.push({ field: 'limit', code: 'isInt', message: `A whole number from 1 to ${PAGE.max}` });
    if (errors.length > 0) throw problems.validation(errors);
    const db = await ctx.db();
    await this.run(db, ctx.tenant.id, runId, false);
    // SQL: the run's drafts after the cursor (DRAFT_COLUMNS).
    const rows: DraftRow[] = await db.query(
      `SELECT ${DRAFT_COLUMNS}
        WHERE i.tenant_id = $1 AND i.run_id = $2 AND i.status = 'draft' AND ($3::uuid IS NULL OR i.id > $3::uuid)
        ORDER BY i.id LIMIT $4`,
      [ctx.tenant.id, runId, after ?? null, size + 1],
    );
    const items = rows.slice(0, size).map(toView);
    return { items, nextCursor: rows.length > size ? (items.at(-1)?.id ?? null) : null };
  }

  /** One draft of the run with its lines in order (any draft of the run, failed ones too); 404 for another run's. */
  async get(ctx: RequestContext, runId: string, invoiceId: string): Promise<RunDraftDetail> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    // SQL: the draft, only while it is a draft of this run.
    const found: unknown[] = await db.query(
      `SELECT 1 FROM invoice WHERE tenant_id = $1 AND run_id = $2 AND id = $3 AND status = 'draft'`,
      [tenantId, runId, invoiceId],
    );
    if (found.length === 0) throw problems.notFound();
    const lines: LineRow[] = await db.query(
      `SELECT position, kind, description, period_start::text, period_end::text, quantity, unit_price_minor, net_minor,
              tax_category
         FROM invoice_line WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY position`,
      [tenantId, invoiceId],
    );
    return { ...(await this.one(db, tenantId, invoiceId)), lines: lines.map(toLine) };
  }

  /** A one-off line at the end of a draft; the draft's net follows. 422 naming the field for bad input. */
  async addLine(ctx: RequestContext, runId: string, invoiceId: string, input: DraftLineCreate): Promise<RunDraftView> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    await this.reviewable(db, tenantId, runId);
    await this.draft(db, tenantId, runId, invoiceId);
    // SQL: the draft's account; an erased account's records are restricted (issue 18 §3).
    const [{ account_id }]: { account_id: string }[] = await db.query(
      `SELECT account_id FROM invoice WHERE tenant_id = $1 AND id = $2`,
      [tenantId, invoiceId],
    );
    await refuseIfErased(db, ctx, account_id);
    const settings = await this.settings.read(db, tenantId, false);
    if (!settings.taxCategories.some((c) => c.code === input.taxCategory))
      throw problems.validation([
        {
          field: 'taxCategory',
          code: 'unknownTaxCategory',
          message: 'One of the tax categories of the invoicing settings',
        },
      ]);
    const net = input.quantity * input.unitPriceMinor;
    // A discount is a line with a negative quantity (a positive price, so "−1 × € 10,00" reads as
    // such); it may take the draft down to nothing, not below: money owed back is a credit note's work.
    const [{ net_minor: draftNet }]: { net_minor: string }[] = await db.query(
      `SELECT net_minor FROM invoice WHERE tenant_id = $1 AND id = $2`,
      [tenantId, invoiceId],
    );
    if (Number(draftNet) + net < 0)
      throw problems.validation([
        {
          field: 'quantity',
          code: 'draftBelowZero',
          message: 'A discount may take the invoice down to nothing, not below',
          params: { max: Math.floor(Number(draftNet) / Math.max(input.unitPriceMinor, 1)) },
        },
      ]);
    // SQL: the next position, the line and the draft's new net in one statement each (the run row is locked).
    await db.query(
      `INSERT INTO invoice_line (tenant_id, invoice_id, position, kind, description, quantity, unit_price_minor, net_minor, tax_category)
       SELECT $1, $2, COALESCE(max(position), 0) + 1, 'one-off', $3, $4, $5, $6, $7
         FROM invoice_line WHERE tenant_id = $1 AND invoice_id = $2`,
      [tenantId, invoiceId, input.description.trim(), input.quantity, input.unitPriceMinor, net, input.taxCategory],
    );
    await db.query(`UPDATE invoice SET net_minor = net_minor + $3 WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      invoiceId,
      net,
    ]);
    return this.one(db, tenantId, invoiceId);
  }

  /**
   * Deletes a draft and its lines; proration records it had taken go back to wait for the
   * subscription's next invoice. The run counts it as drafted no more.
   */
  async remove(ctx: RequestContext, runId: string, invoiceId: string): Promise<void> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    await this.reviewable(db, tenantId, runId);
    const draft = await this.draft(db, tenantId, runId, invoiceId);
    await db.query(`UPDATE proration SET invoice_id = NULL WHERE tenant_id = $1 AND invoice_id = $2`, [
      tenantId,
      invoiceId,
    ]);
    await db.query(`DELETE FROM invoice WHERE tenant_id = $1 AND id = $2 AND status = 'draft'`, [tenantId, invoiceId]);
    // SQL: a failed draft leaves the failed count; any other leaves the drafted one.
    await db.query(
      `UPDATE billing_run SET drafted = GREATEST(drafted - CASE WHEN $3 THEN 0 ELSE 1 END, 0),
              failed = GREATEST(failed - CASE WHEN $3 THEN 1 ELSE 0 END, 0),
              failures = (SELECT COALESCE(jsonb_agg(f), '[]') FROM jsonb_array_elements(failures) f WHERE f->>'invoiceId' IS DISTINCT FROM $4)
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, runId, draft.failure !== null, invoiceId],
    );
  }

  /**
   * Finalises again the drafts whose finalising failed (after finance fixed the cause, such as a
   * missing billing address). A completed run is reopened unless another run of its period is open.
   */
  async retry(ctx: RequestContext, runId: string): Promise<BillingRunView> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    const run = await this.run(db, tenantId, runId, true);
    if (run.status === 'drafting' || run.status === 'finalising')
      throw problems.conflict(`The run is ${run.status}; try the failed drafts again when it has finished`);
    // SQL: the failed drafts lose their failure, so the next finalising batch takes them.
    const [cleared] = (await db.query(
      `UPDATE invoice SET failure = NULL WHERE tenant_id = $1 AND run_id = $2 AND status = 'draft' AND failure IS NOT NULL
       RETURNING id`,
      [tenantId, runId],
    )) as [unknown[], number];
    if (cleared.length === 0) throw problems.conflict('The run has no failed drafts');
    if (run.status === 'completed') {
      const other = await db.count(BillingRun, {
        where: { tenantId, periodStart: run.periodStart, periodEnd: run.periodEnd, open: 1 },
      });
      if (other > 0) throw problems.conflict('Another run of this period is still open; try again when it is done');
    }
    await db.query(
      `UPDATE billing_run SET status = 'finalising', open = 1, completed_at = NULL,
              failed = GREATEST(failed - $3, 0), failures = '[]'
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, runId, cleared.length],
    );
    await this.queue.enqueue(db, 'finalise', { tenantId, runId });
    return this.runs.get(ctx, runId);
  }

  private async run(db: EntityManager, tenantId: string, runId: string, lock: boolean): Promise<BillingRun> {
    const run = await db.findOne(BillingRun, {
      where: { tenantId, id: runId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!run) throw problems.notFound();
    return run;
  }

  /** Drafts change only while their run is in review (or completed, for drafts that failed). */
  private async reviewable(db: EntityManager, tenantId: string, runId: string): Promise<BillingRun> {
    const run = await this.run(db, tenantId, runId, true);
    if (run.status === 'drafting' || run.status === 'finalising')
      throw problems.conflict(`The run is ${run.status}: its drafts change only while it is in review`);
    return run;
  }

  private async draft(
    db: EntityManager,
    tenantId: string,
    runId: string,
    invoiceId: string,
  ): Promise<{ failure: string | null }> {
    const rows: { status: string; failure: string | null }[] = await db.query(
      `SELECT status, failure FROM invoice WHERE tenant_id = $1 AND run_id = $2 AND id = $3 FOR UPDATE`,
      [tenantId, runId, invoiceId],
    );
    if (!rows[0]) throw problems.notFound();
    if (rows[0].status !== 'draft')
      throw problems.conflict('An issued invoice never changes: correct it with a credit note');
    return rows[0];
  }

  private async one(db: EntityManager, tenantId: string, invoiceId: string): Promise<RunDraftView> {
    const [row] = (await db.query(
      `SELECT ${DRAFT_COLUMNS}
        WHERE i.tenant_id = $1 AND i.id = $2`,
      [tenantId, invoiceId],
    )) as DraftRow[];
    return toView(row);
  }
}

function toView(row: DraftRow): RunDraftView {
  return {
    id: row.id,
    accountId: row.account_id,
    customerNumber: row.customer_number,
    customerName: row.customer_name,
    currency: row.currency,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    netMinor: Number(row.net_minor),
    lineCount: row.line_count,
    taxCategory: row.tax_category,
    failure: row.failure,
    problem: row.problem,
  };
}

function toLine(row: LineRow): RunDraftLine {
  return {
    position: row.position,
    kind: row.kind,
    description: row.description,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    quantity: row.quantity,
    unitPriceMinor: Number(row.unit_price_minor),
    netMinor: Number(row.net_minor),
    taxCategory: row.tax_category,
  };
}
