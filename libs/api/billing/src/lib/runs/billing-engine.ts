import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@mijn-account/api-core';
import type { InvoiceDocument, InvoiceLine, PostalAddress } from '../documents/invoice-document';
import { taxTreatmentFor } from '../documents/tax-rules';
import { computeTotals } from '../documents/totals';
import { BillingRun } from '../entities/billing-run.entity';
import { InvoiceLineRow, type InvoiceLineKind } from '../entities/invoice-line.entity';
import { Invoice } from '../entities/invoice.entity';
import { InvoicingSettingsService, type VersionedInvoicingSettings } from '../settings/invoicing-settings.service';
import { addDays, periodsStartingIn, prorate, todayIn } from '@mijn-account/shared-billing-periods';
import { invoiceRecipientSql } from '../accounts/invoice-recipient.sql';
import { FINALISE_PROBLEM_TEXT, finaliseProblem } from './finalise-check';

/** What a batch asks to happen next, queued in the batch's own transaction. */
export type FollowUp = {
  step: 'draft' | 'finalise';
  startAfter?: Date;
  /** Invoices this batch issued: their files are rendered after commit (one job for the batch, queued with it). */
  issued?: string[];
  /** Drafting jobs to queue beside the next one (after the run's batches are planned). */
  alongside?: number;
  /** The last draft a finalising batch took: the next batch starts after it (see finaliseBatch). */
  after?: string;
} | null;

interface SubscriptionRow {
  id: string;
  account_id: string;
  plan_id: string;
  quantity: number;
  start_date: string;
  billing_anchor: string;
  end_date: string | null;
  interval: 'month' | 'year';
  currency: string;
  language: 'nl' | 'en';
  /** The account was erased: nothing new is billed to it. */
  erased: boolean;
}

interface PlanRow {
  id: string;
  name_nl: string;
  name_en: string;
  tax_category: string;
}

interface ProrationRow {
  change_date: string;
  period_end: string;
  from_plan_id: string;
  from_quantity: number;
  credit_unit_price_minor: string;
  to_plan_id: string;
  to_quantity: number;
  debit_unit_price_minor: string;
}

interface NewLine {
  kind: InvoiceLineKind;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  taxCategory: string;
  periodStart: string;
  periodEnd: string;
}

/** A draft's line as finalising reads it. */
type LineRow = Pick<
  InvoiceLineRow,
  | 'invoiceId'
  | 'position'
  | 'description'
  | 'quantity'
  | 'unitPriceMinor'
  | 'netMinor'
  | 'taxCategory'
  | 'periodStart'
  | 'periodEnd'
>;

interface DraftRow {
  id: string;
  account_id: string;
  currency: string;
  language: 'nl' | 'en';
  period_start: string | null;
  period_end: string | null;
  customer_number: string;
  name: string;
  company_name: string | null;
  coc_number: string | null;
  vat_id: string | null;
  vat_valid: boolean | null;
  /** The billing e-mail, else the owner's: the buyer's electronic address on the document. */
  recipient: string | null;
  street: string | null;
  house_number: string | null;
  house_number_addition: string | null;
  postal_code: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  /** The account was erased after this draft was made (finaliseProblem). */
  erased: boolean;
}

const WORDS = {
  credit: { nl: 'tegoed voor de rest van de periode', en: 'credit for the rest of the period' },
  debit: { nl: 'rest van de periode', en: 'rest of the period' },
};

/**
 * The work of a billing run, one batch per transaction (a pg-boss job each; see BillingQueue).
 * Drafting inserts at most one invoice per subscription and period — the unique key decides, so
 * overlapping or repeated runs skip what exists. Finalising takes the numbers of a whole batch from
 * the tenant's counter row (`UPDATE … RETURNING`, locked until commit) and stores each invoice's
 * document in the same transaction: a batch that dies rolls back its numbers with it.
 */
@Injectable()
export class BillingEngine {
  constructor(
    private readonly settings: InvoicingSettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One drafting transaction of the run. The first plans the run's batches (ranges of about
   * BILLING_BATCH_SIZE subscription ids) and asks for more jobs to work
   * beside it; every later one claims an undone batch (`FOR UPDATE SKIP LOCKED`: another job's batch
   * is passed over, a dead job's is free again), drafts it and marks it done. The run row is locked
   * only at the end, for the counts; under that lock the batch that finds none left undone moves the
   * run to review — exactly one does, as every batch's end waits for the one before it to commit.
   */
  async draftBatch(db: EntityManager, tenantId: string, runId: string): Promise<FollowUp> {
    const run = await db.findOne(BillingRun, { where: { tenantId, id: runId } });
    if (!run || run.status !== 'drafting') return null;
    if (!(await this.planned(db, tenantId, runId))) return this.plan(db, tenantId, runId);
    // SQL: an undone batch no other transaction is working on.
    const [batch] = (await db.query(
      `SELECT batch_no, after_id::text, last_id::text FROM billing_run_batch
        WHERE tenant_id = $1 AND run_id = $2 AND NOT done ORDER BY batch_no LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [tenantId, runId],
    )) as { batch_no: number; after_id: string | null; last_id: string | null }[];
    if (!batch) return this.endDrafting(db, tenantId, runId, null);
    const [tenant] = (await db.query(`SELECT default_language FROM tenant WHERE id = $1`, [tenantId])) as {
      default_language: 'nl' | 'en';
    }[];
    // SQL: the batch's subscriptions running in the run's period, with the plan's terms and the
    // language of the account's first owner (the tenant's when unset), and whether the account was erased.
    const subscriptions: SubscriptionRow[] = await db.query(
      `SELECT s.id, s.account_id, s.plan_id, s.quantity, s.start_date::text, s.billing_anchor::text, s.end_date::text,
              p.billing_interval AS interval, p.currency,
              EXISTS (SELECT 1 FROM subscriber_account a
                       WHERE a.tenant_id = s.tenant_id AND a.id = s.account_id AND a.erased_at IS NOT NULL) AS erased,
              COALESCE((SELECT u.preferred_language FROM app_user u
                         WHERE u.tenant_id = s.tenant_id AND u.account_id = s.account_id AND u.account_role = 'owner'
                           AND u.preferred_language IS NOT NULL ORDER BY u.created_at LIMIT 1), $5) AS language
         FROM subscription s JOIN plan p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id
        WHERE s.tenant_id = $1 AND s.start_date <= $3 AND (s.end_date IS NULL OR s.end_date >= $2)
          AND ($4::uuid IS NULL OR s.id > $4::uuid) AND ($6::uuid IS NULL OR s.id <= $6::uuid)
        ORDER BY s.id`,
      [tenantId, run.periodStart, run.periodEnd, batch.after_id, tenant.default_language, batch.last_id],
    );
    const plans = await this.plans(db, tenantId);
    const { drafted, skipped } = await this.draftMany(db, tenantId, run, subscriptions, plans);
    await db.query(`UPDATE billing_run_batch SET done = true WHERE tenant_id = $1 AND run_id = $2 AND batch_no = $3`, [
      tenantId,
      runId,
      batch.batch_no,
    ]);
    return this.endDrafting(db, tenantId, runId, { drafted, skipped });
  }

  private async planned(db: EntityManager, tenantId: string, runId: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM billing_run_batch WHERE tenant_id = $1 AND run_id = $2 LIMIT 1`,
      [tenantId, runId],
    );
    return rows.length > 0;
  }

  /**
   * Splits the run's subscriptions into batches of BILLING_BATCH_SIZE ids (the last
   * open-ended, so one is always there), under the run row's lock so that two jobs plan it once.
   */
  private async plan(db: EntityManager, tenantId: string, runId: string): Promise<FollowUp> {
    const run = await db.findOne(BillingRun, { where: { tenantId, id: runId }, lock: { mode: 'pessimistic_write' } });
    if (!run || run.status !== 'drafting') return null;
    if (await this.planned(db, tenantId, runId)) return { step: 'draft' };
    // SQL: every BILLING_BATCH_SIZE-th subscription id of the period ends a batch; the last one runs on to the end.
    await db.query(
      `WITH bounds AS (
         SELECT id, row_number() OVER (ORDER BY id) AS n FROM subscription
          WHERE tenant_id = $1 AND start_date <= $4 AND (end_date IS NULL OR end_date >= $3)),
       ends AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM bounds WHERE n % $5 = 0),
       batches AS (
         SELECT k, lag(id) OVER (ORDER BY k) AS after_id, id AS last_id FROM ends
         UNION ALL SELECT (SELECT count(*) FROM ends) + 1, (SELECT id FROM ends ORDER BY k DESC LIMIT 1), NULL)
       INSERT INTO billing_run_batch (tenant_id, run_id, batch_no, after_id, last_id)
       SELECT $1, $2, k, after_id, last_id FROM batches`,
      [tenantId, runId, run.periodStart, run.periodEnd, this.config.billing.batchSize],
    );
    return { step: 'draft', alongside: this.config.billing.draftConcurrency - 1 };
  }

  /**
   * Adds a batch's counts to the run (its row locked from here to commit), and moves the run to
   * review once no batch is left undone, with the review window on the database clock. Without a
   * batch (`null`: the undone ones are all being worked), the job ends; those jobs finish the run.
   */
  private async endDrafting(
    db: EntityManager,
    tenantId: string,
    runId: string,
    batch: { drafted: number; skipped: number } | null,
  ): Promise<FollowUp> {
    // SQL: the counts; each statement after this one sees every batch committed before the lock was ours.
    const [counted] = (await db.query(
      `UPDATE billing_run SET drafted = drafted + $3, skipped = skipped + $4
        WHERE tenant_id = $1 AND id = $2 AND status = 'drafting' RETURNING id`,
      [tenantId, runId, batch?.drafted ?? 0, batch?.skipped ?? 0],
    )) as [unknown[], number];
    if (counted.length === 0) return null;
    const undone: { working: boolean }[] = await db.query(
      `SELECT true AS working FROM billing_run_batch WHERE tenant_id = $1 AND run_id = $2 AND NOT done LIMIT 1`,
      [tenantId, runId],
    );
    if (undone.length > 0) return batch ? { step: 'draft' } : null;
    const reviewHours = (await this.settings.read(db, tenantId, false)).reviewWindowHours;
    // SQL: the drafts were written in bulk; finalising's plans need statistics that know them.
    await db.query(`SELECT refresh_billing_statistics()`);
    // SQL: drafting done: the review window on the database clock.
    const [updated] = (await db.query(
      `UPDATE billing_run SET status = 'review', drafted_at = now(), finalise_after = now() + make_interval(hours => $3)
        WHERE tenant_id = $1 AND id = $2
        RETURNING finalise_after`,
      [tenantId, runId, reviewHours],
    )) as [{ finalise_after: Date | null }[], number];
    return { step: 'finalise', startAfter: updated[0]?.finalise_after ?? undefined };
  }

  /**
   * Drafts the batch's periods that start in the run's period, set-based: the plan and quantity on
   * each period's first day and its price are looked up in memory (one query each for the batch's
   * prorations and the tenant's prices), then the invoices and their lines are written in two
   * statements. A subscription with a proration not yet on an invoice takes the one-by-one path
   * (draftSubscription), which puts it on its first new invoice.
   */
  private async draftMany(
    db: EntityManager,
    tenantId: string,
    run: BillingRun,
    subscriptions: SubscriptionRow[],
    plans: Map<string, PlanRow>,
  ): Promise<{ drafted: number; skipped: number }> {
    if (subscriptions.length === 0) return { drafted: 0, skipped: 0 };
    // SQL: every proration of the batch's subscriptions, in the order the one-by-one path reads them.
    const prorations: {
      subscription_id: string;
      change_date: string;
      from_plan_id: string;
      from_quantity: number;
      pending: boolean;
    }[] = await db.query(
      `SELECT subscription_id, change_date::text, from_plan_id, from_quantity, invoice_id IS NULL AS pending
           FROM proration WHERE tenant_id = $1 AND subscription_id = ANY ($2::uuid[])
          ORDER BY subscription_id, change_date, created_at`,
      [tenantId, subscriptions.map((s) => s.id)],
    );
    const changes = new Map<string, typeof prorations>();
    for (const p of prorations) changes.set(p.subscription_id, [...(changes.get(p.subscription_id) ?? []), p]);
    const prices = await this.prices(db, tenantId);
    let drafted = 0;
    let skipped = 0;
    const invoices: { subscription: SubscriptionRow; line: NewLine }[] = [];
    // Subscriptions with the same dates and interval have the same periods (most share an anchor):
    // computed once per combination, not per subscription (the date arithmetic was the portal's
    // largest share of drafting).
    const periodsOf = new Map<string, ReturnType<typeof periodsStartingIn>>();
    for (const s of subscriptions) {
      const own = changes.get(s.id) ?? [];
      // An erased account's records are kept, restricted (issue 18 §3): nothing new is billed to it.
      if (s.erased) continue;
      if (own.some((p) => p.pending)) {
        if ((await this.draftSubscription(db, tenantId, run, s, plans)) > 0) drafted++;
        else skipped++;
        continue;
      }
      const key = `${s.start_date} ${s.billing_anchor} ${s.interval} ${s.end_date}`;
      let periods = periodsOf.get(key);
      if (!periods) {
        const schedule = {
          startDate: s.start_date,
          billingAnchor: s.billing_anchor,
          interval: s.interval,
          endDate: s.end_date,
        };
        periods = periodsStartingIn(schedule, run.periodStart, run.periodEnd);
        periodsOf.set(key, periods);
      }
      for (const period of periods) {
        // The plan and quantity on the period's first day: the first change on or after it says what they were.
        const changed = own.find((p) => p.change_date >= period.start);
        const plan = plans.get(changed?.from_plan_id ?? s.plan_id) as PlanRow;
        const price = priceOn(prices.get(plan.id) ?? [], period.start);
        invoices.push({
          subscription: s,
          line: {
            kind: 'recurring',
            description: name(plan, s.language),
            quantity: changed?.from_quantity ?? s.quantity,
            unitPriceMinor: prorate(price, period.days, period.fullDays),
            taxCategory: plan.tax_category,
            periodStart: period.start,
            periodEnd: period.end,
          },
        });
      }
    }
    // SQL: the drafts and their recurring lines in one statement (a data-modifying CTE): a line is
    // written for each draft the INSERT made. ON CONFLICT on the unique key is what keeps a second
    // run from drafting a period again; the lines' foreign key and their draft-only trigger are
    // checked at the statement's end, when the drafts are there.
    const inserted: { subscription_id: string }[] =
      invoices.length === 0
        ? []
        : await db.query(
            `WITH d AS (
               SELECT * FROM unnest($3::uuid[], $4::uuid[], $5::date[], $6::date[], $7::char(3)[], $8::text[], $9::text[],
                                    $10::int[], $11::bigint[], $12::text[])
                 AS d(account_id, subscription_id, period_start, period_end, currency, language, description, quantity,
                      unit_price, tax_category)),
             made AS (
               INSERT INTO invoice (tenant_id, run_id, account_id, subscription_id, period_start, period_end, currency, language, net_minor)
               SELECT $1, $2, account_id, subscription_id, period_start, period_end, currency, language, quantity * unit_price FROM d
               ON CONFLICT (tenant_id, subscription_id, period_start) DO NOTHING
               RETURNING id, subscription_id, period_start),
             lines AS (
               INSERT INTO invoice_line (tenant_id, invoice_id, position, kind, description, quantity, unit_price_minor, net_minor,
                                         tax_category, period_start, period_end)
               SELECT $1, made.id, 1, 'recurring', d.description, d.quantity, d.unit_price, d.quantity * d.unit_price,
                      d.tax_category, d.period_start, d.period_end
                 FROM made JOIN d ON d.subscription_id = made.subscription_id AND d.period_start = made.period_start)
             SELECT subscription_id FROM made`,
            [
              tenantId,
              run.id,
              invoices.map((i) => i.subscription.account_id),
              invoices.map((i) => i.subscription.id),
              invoices.map((i) => i.line.periodStart),
              invoices.map((i) => i.line.periodEnd),
              invoices.map((i) => i.subscription.currency),
              invoices.map((i) => i.subscription.language),
              invoices.map((i) => i.line.description),
              invoices.map((i) => i.line.quantity),
              invoices.map((i) => String(i.line.unitPriceMinor)),
              invoices.map((i) => i.line.taxCategory),
            ],
          );
    const withNew = new Set(inserted.map((row) => row.subscription_id));
    for (const s of subscriptions) {
      if (s.erased) skipped++;
      if (s.erased || (changes.get(s.id) ?? []).some((p) => p.pending)) continue;
      if (withNew.has(s.id)) drafted++;
      else skipped++;
    }
    return { drafted, skipped };
  }

  /** Drafts the subscription's periods that start in the run's period; returns how many were new. */
  private async draftSubscription(
    db: EntityManager,
    tenantId: string,
    run: BillingRun,
    s: SubscriptionRow,
    plans: Map<string, PlanRow>,
  ): Promise<number> {
    const schedule = {
      startDate: s.start_date,
      billingAnchor: s.billing_anchor,
      interval: s.interval,
      endDate: s.end_date,
    };
    let made = 0;
    for (const period of periodsStartingIn(schedule, run.periodStart, run.periodEnd)) {
      // The plan and quantity on the period's first day: the first change on or after it says what they were.
      const [changed] = (await db.query(
        `SELECT from_plan_id, from_quantity FROM proration
          WHERE tenant_id = $1 AND subscription_id = $2 AND change_date >= $3 ORDER BY change_date, created_at LIMIT 1`,
        [tenantId, s.id, period.start],
      )) as { from_plan_id: string; from_quantity: number }[];
      const plan = plans.get(changed?.from_plan_id ?? s.plan_id) as PlanRow;
      const quantity = changed?.from_quantity ?? s.quantity;
      const price = await this.priceAt(db, tenantId, plan.id, period.start);
      const lines: NewLine[] = [
        {
          kind: 'recurring',
          description: name(plan, s.language),
          quantity,
          unitPriceMinor: prorate(price, period.days, period.fullDays),
          taxCategory: plan.tax_category,
          periodStart: period.start,
          periodEnd: period.end,
        },
      ];
      // SQL: ON CONFLICT on the unique key is what keeps a second run from drafting this period again.
      const inserted: { id: string }[] = await db.query(
        `INSERT INTO invoice (tenant_id, run_id, account_id, subscription_id, period_start, period_end, currency, language)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (tenant_id, subscription_id, period_start) DO NOTHING RETURNING id`,
        [tenantId, run.id, s.account_id, s.id, period.start, period.end, s.currency, s.language],
      );
      const invoiceId = inserted[0]?.id;
      if (!invoiceId) continue;
      // Proration records not yet on an invoice go on this one.
      const [prorations] = (await db.query(
        `UPDATE proration SET invoice_id = $3 WHERE tenant_id = $1 AND subscription_id = $2 AND invoice_id IS NULL
         RETURNING change_date::text, period_end::text, from_plan_id, from_quantity, credit_unit_price_minor,
                   to_plan_id, to_quantity, debit_unit_price_minor`,
        [tenantId, s.id, invoiceId],
      )) as [ProrationRow[], number];
      for (const p of prorations.sort((a, b) => a.change_date.localeCompare(b.change_date))) {
        const from = plans.get(p.from_plan_id) as PlanRow;
        const to = plans.get(p.to_plan_id) as PlanRow;
        // A credit is a negative quantity at a positive price (BR-27: no negative prices).
        lines.push({
          kind: 'proration-credit',
          description: `${name(from, s.language)}: ${WORDS.credit[s.language]}`,
          quantity: -p.from_quantity,
          unitPriceMinor: Number(p.credit_unit_price_minor),
          taxCategory: from.tax_category,
          periodStart: p.change_date,
          periodEnd: p.period_end,
        });
        lines.push({
          kind: 'proration-debit',
          description: `${name(to, s.language)}: ${WORDS.debit[s.language]}`,
          quantity: p.to_quantity,
          unitPriceMinor: Number(p.debit_unit_price_minor),
          taxCategory: to.tax_category,
          periodStart: p.change_date,
          periodEnd: p.period_end,
        });
      }
      const rows = lines
        .filter((line) => line.unitPriceMinor > 0 || line.kind === 'recurring')
        .map((line, i) => ({
          tenantId,
          invoiceId,
          position: i + 1,
          kind: line.kind,
          description: line.description,
          quantity: line.quantity,
          unitPriceMinor: String(line.unitPriceMinor),
          netMinor: String(line.quantity * line.unitPriceMinor),
          taxCategory: line.taxCategory,
          periodStart: line.periodStart,
          periodEnd: line.periodEnd,
        }));
      await db.insert(InvoiceLineRow, rows);
      const net = rows.reduce((sum, row) => sum + Number(row.netMinor), 0);
      await db.update(Invoice, { tenantId, id: invoiceId }, { netMinor: String(net) });
      made++;
    }
    return made;
  }

  /**
   * Issues the run's next batch of drafts, in id order. `after` is the last draft the previous batch
   * took (everything up to it is issued or marked failed, in committed batches): the next batch starts
   * there, so a batch never walks over the invoices already issued — with the table's statistics
   * stale in a tenant's first run, the planner read the run in primary-key order from its start and
   * each batch took longer than the one before. Without `after` (a new job, a retry) it starts at the
   * beginning. `issueDate` is today in the tenant's time zone; only the demo seed passes an earlier
   * day (its run of last month was issued on that month's first day).
   */
  async finaliseBatch(
    db: EntityManager,
    tenantId: string,
    runId: string,
    { after, issueDate }: { after?: string; issueDate?: string } = {},
  ): Promise<FollowUp> {
    const run = await db.findOne(BillingRun, { where: { tenantId, id: runId }, lock: { mode: 'pessimistic_write' } });
    if (!run) return null;
    if (run.status === 'review') {
      // A job queued for the end of the review window; an explicit "finalise" sets the status itself.
      if (!run.finaliseAfter || run.finaliseAfter.getTime() > Date.now()) return null;
      run.status = 'finalising';
      await db.update(BillingRun, { tenantId, id: runId }, { status: 'finalising' });
    }
    if (run.status !== 'finalising') return null;
    const settings = await this.settings.read(db, tenantId, false);
    // SQL: the next batch of the run's drafts, with the account's billing details as they are now
    // (the snapshot the document keeps).
    const drafts: DraftRow[] = await db.query(
      `SELECT i.id, i.account_id, i.currency, i.language, i.period_start::text, i.period_end::text,
              a.customer_number, a.name, a.company_name, a.coc_number, a.vat_id, a.vat_valid,
              ${invoiceRecipientSql('a')} AS recipient,
              a.street, a.house_number, a.house_number_addition, a.postal_code, a.city, a.region, a.country,
              a.erased_at IS NOT NULL AS erased
         FROM invoice i JOIN subscriber_account a ON a.tenant_id = i.tenant_id AND a.id = i.account_id
        WHERE i.tenant_id = $1 AND i.run_id = $2 AND i.status = 'draft' AND i.failure IS NULL
          AND i.id > COALESCE($4::uuid, '00000000-0000-0000-0000-000000000000')
        ORDER BY i.id LIMIT $3
        FOR UPDATE OF i`,
      [tenantId, runId, this.config.billing.batchSize, after ?? null],
    );
    if (drafts.length === 0) {
      await db.update(
        BillingRun,
        { tenantId, id: runId },
        { status: 'completed', open: null, completedAt: () => 'now()' },
      );
      return null;
    }
    const failures: { invoiceId: string; subscriptionId: null; reason: string }[] = [];
    const ready = drafts.filter((d) => {
      const problem = finaliseProblem(d);
      const reason = problem ? FINALISE_PROBLEM_TEXT[problem] : null;
      if (reason) failures.push({ invoiceId: d.id, subscriptionId: null, reason });
      return !reason;
    });
    for (const failure of failures)
      await db.update(Invoice, { tenantId, id: failure.invoiceId }, { failure: failure.reason });

    if (ready.length > 0) {
      const issued = issueDate ?? todayIn(settings.timeZone);
      const year = Number(issued.slice(0, 4));
      const numbers = await this.takeNumbers(
        db,
        tenantId,
        'invoice',
        year,
        settings.numberPrefix as string,
        ready.length,
      );
      const [tenant] = (await db.query(`SELECT display_name, brand_color FROM tenant WHERE id = $1`, [tenantId])) as {
        display_name: string;
        brand_color: string;
      }[];
      const categories = new Map(settings.taxCategories.map((c) => [c.code, c]));
      // SQL: the batch's lines, as plain rows (no entity mapping: it was a visible share of finalising).
      const lines: LineRow[] = await db.query(
        `SELECT invoice_id AS "invoiceId", position, description, quantity, unit_price_minor AS "unitPriceMinor",
                net_minor AS "netMinor", tax_category AS "taxCategory", period_start::text AS "periodStart",
                period_end::text AS "periodEnd"
           FROM invoice_line WHERE tenant_id = $1 AND invoice_id = ANY ($2::uuid[]) ORDER BY invoice_id, position`,
        [tenantId, ready.map((d) => d.id)],
      );
      const linesOf = new Map<string, LineRow[]>();
      for (const line of lines) {
        const own = linesOf.get(line.invoiceId);
        if (own) own.push(line);
        else linesOf.set(line.invoiceId, [line]);
      }
      const documents = ready.map((draft, i) =>
        this.assemble(
          settings,
          { displayName: tenant.display_name, color: tenant.brand_color },
          draft,
          linesOf.get(draft.id) ?? [],
          categories,
          numbers.format(i),
          issued,
        ),
      );
      // SQL: the drafts become the issued invoices in this transaction, with their numbers and
      // documents, in one statement (the batch's documents as one JSON array). The ids are named in
      // the key's condition too: in a tenant's first run the table's statistics still say "a few
      // rows", and joined by `v.id` alone the planner hashed every invoice of the tenant per batch.
      await db.query(
        `UPDATE invoice i SET status = 'open', year = $3, sequence_no = v.sequence_no, number = v.number, issue_date = $4,
                due_date = v.due_date, document = v.document, net_minor = v.net_minor, tax_minor = v.tax_minor,
                gross_minor = v.gross_minor, finalised_at = now()
           FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, sequence_no int, number text, due_date date, document jsonb,
                                                    net_minor bigint, tax_minor bigint, gross_minor bigint)
          WHERE i.tenant_id = $1 AND i.id = ANY ($5::uuid[]) AND i.id = v.id`,
        [
          tenantId,
          JSON.stringify(
            documents.map((document, i) => ({
              id: ready[i].id,
              sequence_no: numbers.first + i,
              number: document.number,
              due_date: document.dueDate,
              document,
              net_minor: document.totals.taxExclusiveMinor,
              tax_minor: document.totals.taxMinor,
              gross_minor: document.totals.taxInclusiveMinor,
            })),
          ),
          year,
          issued,
          ready.map((d) => d.id),
        ],
      );
    }
    // SQL: progress and the failures, capped at 100 kept.
    await db.query(
      `UPDATE billing_run SET finalised = finalised + $3, failed = failed + $4,
              failures = (SELECT COALESCE(jsonb_agg(f), '[]') FROM (SELECT f FROM jsonb_array_elements(failures || $5::jsonb) f LIMIT 100) x)
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, runId, ready.length, failures.length, JSON.stringify(failures)],
    );
    return { step: 'finalise', issued: ready.map((d) => d.id), after: drafts[drafts.length - 1].id };
  }

  /**
   * `count` consecutive numbers of the tenant's series and year: the counter row is made with this
   * year's prefix on first use and incremented in the caller's transaction (row-locked until it
   * commits), so numbers are gapless and never repeat — a rollback returns them.
   */
  async takeNumbers(
    db: EntityManager,
    tenantId: string,
    kind: 'invoice' | 'credit-note',
    year: number,
    prefix: string,
    count: number,
  ): Promise<{ first: number; format: (i: number) => string }> {
    await db.query(
      `INSERT INTO invoice_number_counter (tenant_id, kind, year, prefix) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, kind, year) DO NOTHING`,
      [tenantId, kind, year, prefix],
    );
    const [[counter]] = (await db.query(
      `UPDATE invoice_number_counter SET last_number = last_number + $4
        WHERE tenant_id = $1 AND kind = $2 AND year = $3 RETURNING last_number, prefix`,
      [tenantId, kind, year, count],
    )) as [{ last_number: number; prefix: string }[], number];
    const first = counter.last_number - count + 1;
    return {
      first,
      // Credit notes read `<prefix>-CN-<year>-<000001>`: their own series, never mistaken for an invoice.
      format: (i) =>
        `${counter.prefix}-${kind === 'credit-note' ? 'CN-' : ''}${year}-${String(first + i).padStart(6, '0')}`,
    };
  }

  private assemble(
    settings: VersionedInvoicingSettings,
    branding: { displayName: string; color: string },
    draft: DraftRow,
    rows: LineRow[],
    categories: Map<string, { category: 'S' | 'Z' | 'E'; rateBasisPoints: number; textNl: string; textEn: string }>,
    number: string,
    issueDate: string,
  ): InvoiceDocument {
    const supplierCountry = settings.address?.country ?? 'NL';
    const customerAddress: PostalAddress = {
      streetLine: [draft.street, draft.house_number, draft.house_number_addition].filter(Boolean).join(' ') || null,
      postalCode: draft.postal_code,
      city: draft.city,
      region: draft.region,
      country: draft.country ?? supplierCountry,
    };
    const lines: InvoiceLine[] = rows.map((row) => {
      const category = categories.get(row.taxCategory);
      if (!category) throw new Error(`tax category ${row.taxCategory} is no longer configured`);
      return {
        position: row.position,
        description: row.description,
        quantity: row.quantity,
        unitPriceMinor: Number(row.unitPriceMinor),
        netMinor: Number(row.netMinor),
        tax: taxTreatmentFor({
          supplierCountry,
          customerCountry: customerAddress.country,
          customerVatId: draft.vat_id,
          customerVatValid: draft.vat_valid,
          domestic: {
            category: category.category,
            rateBasisPoints: category.rateBasisPoints,
            text: { nl: category.textNl, en: category.textEn },
          },
          language: draft.language,
        }),
        periodStart: row.periodStart,
        periodEnd: row.periodEnd,
      };
    });
    return {
      kind: 'invoice',
      number,
      issueDate,
      dueDate: addDays(issueDate, settings.paymentTermDays),
      currency: draft.currency,
      language: draft.language,
      locale: draft.language === 'nl' ? 'nl-NL' : `en-${supplierCountry}`,
      periodStart: draft.period_start,
      periodEnd: draft.period_end,
      supplier: {
        legalName: settings.legalName as string,
        address: {
          streetLine: settings.address?.streetLine ?? null,
          postalCode: settings.address?.postalCode ?? null,
          city: settings.address?.city ?? null,
          region: settings.address?.region ?? null,
          country: supplierCountry,
        },
        vatId: settings.vatId,
        registrationNumber: settings.cocNumber,
        iban: settings.iban,
        bic: settings.bic,
        bankAccount: settings.bankAccount,
        email: settings.invoiceEmail,
      },
      customer: {
        customerNumber: draft.customer_number,
        name: draft.company_name ?? draft.name,
        address: customerAddress,
        vatId: draft.vat_id,
        registrationNumber: draft.coc_number,
        email: draft.recipient,
      },
      lines,
      totals: computeTotals(lines),
      paymentReference: number,
      precedingInvoice: null,
      note: null,
      footer: (draft.language === 'nl' ? settings.footerNl : settings.footerEn) || null,
      branding,
    };
  }

  private async plans(db: EntityManager, tenantId: string): Promise<Map<string, PlanRow>> {
    const rows: PlanRow[] = await db.query(`SELECT id, name_nl, name_en, tax_category FROM plan WHERE tenant_id = $1`, [
      tenantId,
    ]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Every plan's prices, newest first (a tenant has a handful of plans and price changes). */
  private async prices(db: EntityManager, tenantId: string): Promise<Map<string, { from: string; minor: number }[]>> {
    const rows: { plan_id: string; effective_from: string; unit_price_minor: string }[] = await db.query(
      `SELECT plan_id, effective_from::text, unit_price_minor FROM plan_price WHERE tenant_id = $1 ORDER BY effective_from DESC`,
      [tenantId],
    );
    const prices = new Map<string, { from: string; minor: number }[]>();
    for (const row of rows)
      prices.set(row.plan_id, [
        ...(prices.get(row.plan_id) ?? []),
        { from: row.effective_from, minor: Number(row.unit_price_minor) },
      ]);
    return prices;
  }

  private async priceAt(db: EntityManager, tenantId: string, planId: string, date: string): Promise<number> {
    const rows: { unit_price_minor: string }[] = await db.query(
      `SELECT unit_price_minor FROM plan_price WHERE tenant_id = $1 AND plan_id = $2 AND effective_from <= $3
        ORDER BY effective_from DESC LIMIT 1`,
      [tenantId, planId, date],
    );
    return Number(rows[0]?.unit_price_minor ?? 0);
  }
}

/** The price in force on `date` (as priceAt reads it): the newest that applies from that day or before. */
function priceOn(prices: { from: string; minor: number }[], date: string): number {
  return prices.find((p) => p.from <= date)?.minor ?? 0;
}

function name(plan: PlanRow, language: 'nl' | 'en'): string {
  return language === 'nl' ? plan.name_nl : plan.name_en;
}
