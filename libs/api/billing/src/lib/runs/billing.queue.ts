import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, JobQueue } from '@mijn-account/api-core';
import { MailService } from '@mijn-account/api-mail';
import { PAGES } from '@mijn-account/shared-contracts';
import {
  BILLING_DRAFT_QUEUE,
  BILLING_FINALISE_QUEUE,
  BILLING_RENDER_QUEUE,
  withTenant,
} from '@mijn-account/api-database';
import type { InvoiceDocument } from '../documents/invoice-document';
import { InvoiceRenderer } from '../documents/invoice-renderer';
import { BillingEngine, type FollowUp } from './billing-engine';
import { invoiceRecipientSql } from '../accounts/invoice-recipient.sql';

export interface BillingJob {
  tenantId: string;
  runId: string;
  /** Finalising: where the previous job's last batch ended (FollowUp.after). */
  after?: string;
}

/**
 * The documents of one finalising batch (or one credit note) to render: one job for the batch, not
 * one per invoice (a job row per invoice cost pg-boss a job insert with its indexes each). Jobs queued
 * before that change carry one `invoiceId`.
 */
export interface RenderJob {
  tenantId: string;
  invoiceIds?: string[];
  invoiceId?: string;
}

/** How long one job goes on with the next batches before it hands over to a new job. */
const STEP_BUDGET_MS = 10_000;

const QUEUES = { draft: BILLING_DRAFT_QUEUE, finalise: BILLING_FINALISE_QUEUE } as const;

/**
 * The billing run's jobs, on the process's one pg-boss (`JobQueue`; queues made by the migrations):
 * a job works batches, each in one tenant transaction; the hand-over to the next job is queued in
 * the transaction of the batch before it. Every batch is idempotent (the unique keys, the run's
 * drafting batches and the drafts' status decide what is left), so a job run twice, or a run
 * started again, does no harm. Drafting jobs work one run's batches side by side.
 */
@Injectable()
export class BillingQueue {
  private readonly logger = new Logger(BillingQueue.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: BillingEngine,
    private readonly renderer: InvoiceRenderer,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {
    // A process without the worker (BILLING_WORKER=false) still queues steps for another one.
    if (!config.billing.worker) return;
    const pollSeconds = config.billing.pollSeconds;
    // Drafting batches are independent (each claims its own, ADR 0012): several are worked at once.
    jobs.handle<BillingJob>(QUEUES.draft, (job) => this.runStep('draft', job), {
      pollSeconds,
      workers: config.billing.draftConcurrency,
    });
    jobs.handle<BillingJob>(QUEUES.finalise, (job) => this.runStep('finalise', job), { pollSeconds });
    // Rendering is CPU work: a deployment (or the billing benchmark) may leave it to other processes.
    if (config.billing.renderWorker)
      jobs.handle<RenderJob>(BILLING_RENDER_QUEUE, (job) => this.render(job), { pollSeconds });
  }

  /** A cron job (pg-boss schedule, UTC) and its handler, worked where the billing worker runs. Call it in a constructor. */
  whenWorking(queue: string, cron: string, work: () => Promise<unknown>): void {
    if (!this.config.billing.worker) return;
    this.jobs.handle(queue, () => work(), { pollSeconds: this.config.billing.pollSeconds, cron });
  }

  /** Queues a run's next step inside the caller's transaction. */
  async enqueue(manager: EntityManager, step: 'draft' | 'finalise', job: BillingJob, startAfter?: Date): Promise<void> {
    await this.jobs.enqueue(manager, QUEUES[step], job, startAfter ? { startAfter } : {});
  }

  /** Queues the rendering of issued documents inside the caller's transaction (it runs after commit). */
  async enqueueRender(manager: EntityManager, tenantId: string, invoiceIds: string[]): Promise<void> {
    if (invoiceIds.length === 0) return;
    const job: RenderJob = { tenantId, invoiceIds };
    await this.jobs.enqueue(manager, BILLING_RENDER_QUEUE, job);
  }

  /**
   * Renders the job's invoices one after another, each stored in its own transaction (renderOne): a
   * job that dies half-way is retried and finds the files of those done, so each is rendered and
   * mailed once. One that fails does not hold up the rest; the job fails after trying them all, and
   * its retry takes up only what is left.
   */
  async render({ tenantId, invoiceIds, invoiceId }: RenderJob): Promise<void> {
    let failed: unknown = null;
    for (const id of invoiceIds ?? (invoiceId ? [invoiceId] : [])) {
      try {
        await this.renderOne(tenantId, id);
      } catch (error) {
        this.logger.error({ err: error, invoice: id }, 'invoice not rendered; its job will be retried');
        failed ??= error;
      }
    }
    if (failed) throw failed;
  }

  /**
   * Renders an issued invoice's PDF and UBL from its stored document (after the finalising commit,
   * outside any transaction: rendering is CPU work) and stores both with their SHA-256. Files are
   * insert-only; a second job for the same invoice finds them and stops. The transaction that stores
   * them also queues the mail to the customer with the PDF attached (by reference to the stored
   * file), so the mail goes exactly once, with the bytes that are served forever after.
   */
  private async renderOne(tenantId: string, invoiceId: string): Promise<void> {
    const document = await withTenant(this.dataSource, tenantId, async (db) => {
      // SQL: the issued document, unless its files are there already.
      const rows: { document: InvoiceDocument }[] = await db.query(
        `SELECT document FROM invoice i WHERE tenant_id = $1 AND id = $2 AND status <> 'draft'
            AND NOT EXISTS (SELECT 1 FROM invoice_file f WHERE f.tenant_id = i.tenant_id AND f.invoice_id = i.id)`,
        [tenantId, invoiceId],
      );
      return rows[0]?.document ?? null;
    });
    if (!document) return;
    const { pdf, ubl } = await this.renderer.render(document);
    await withTenant(this.dataSource, tenantId, async (db) => {
      // SQL: both files in one statement; a concurrent job's files win (ON CONFLICT), never overwritten.
      const stored: { format: string }[] = await db.query(
        `INSERT INTO invoice_file (tenant_id, invoice_id, format, media_type, file_name, sha256, content)
         VALUES ($1, $2, 'pdf', $3, $4, $5, $6), ($1, $2, 'ubl', $7, $8, $9, $10)
         ON CONFLICT (tenant_id, invoice_id, format) DO NOTHING RETURNING format`,
        [
          tenantId,
          invoiceId,
          pdf.mediaType,
          pdf.fileName,
          pdf.sha256,
          pdf.bytes,
          ubl.mediaType,
          ubl.fileName,
          ubl.sha256,
          ubl.bytes,
        ],
      );
      if (stored.some((f) => f.format === 'pdf')) await this.mailIssued(db, tenantId, invoiceId, document);
    });
  }

  /**
   * The mail that an invoice or credit note was issued, in the document's language, to the
   * account's billing e-mail address (or its first owner), with the stored PDF attached.
   */
  private async mailIssued(
    db: EntityManager,
    tenantId: string,
    invoiceId: string,
    document: InvoiceDocument,
  ): Promise<void> {
    // SQL: the tenant's branding and the recipient: the billing address, else the account's first owner.
    const rows: {
      slug: string;
      display_name: string;
      brand_color: string;
      default_language: 'nl' | 'en';
      recipient: string | null;
    }[] = await db.query(
      `SELECT t.slug, t.display_name, t.brand_color, t.default_language,
              ${invoiceRecipientSql('a')} AS recipient
         FROM invoice i JOIN subscriber_account a ON a.tenant_id = i.tenant_id AND a.id = i.account_id
         JOIN tenant t ON t.id = i.tenant_id
        WHERE i.tenant_id = $1 AND i.id = $2`,
      [tenantId, invoiceId],
    );
    const row = rows[0];
    if (!row?.recipient) {
      this.logger.warn(
        { invoice: invoiceId },
        'issued invoice not mailed: the account has no billing e-mail nor owner',
      );
      return;
    }
    const origin =
      this.config.portalDomain === 'localhost'
        ? `http://${row.slug}.localhost:${this.config.port}`
        : `https://${row.slug}.${this.config.portalDomain}`;
    const money = new Intl.NumberFormat(document.locale, { style: 'currency', currency: document.currency });
    const date = new Intl.DateTimeFormat(document.locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    await this.mail.queueFor(
      {
        id: tenantId,
        displayName: row.display_name,
        brandColor: row.brand_color,
        defaultLanguage: row.default_language,
      },
      {
        to: row.recipient,
        template: 'invoice-issued',
        language: document.language,
        params: {
          kind: document.kind,
          number: document.number,
          amount: money.format(document.totals.taxInclusiveMinor / 100),
          dueDate: document.dueDate ? date.format(new Date(`${document.dueDate}T00:00:00Z`)) : null,
          link: `${origin}${PAGES.myInvoices}`,
        },
        attachments: [{ invoiceId, format: 'pdf' }],
      },
      db,
    );
  }

  /**
   * Runs batches of the run, each in its own transaction, for up to STEP_BUDGET_MS; then (or when
   * the next step must wait, for the review window) the next step is handed to a new job, queued in
   * the last batch's transaction. If the process dies in between, this job is retried after it
   * expires, or at once when finance starts the run again.
   */
  private async runStep(step: 'draft' | 'finalise', job: BillingJob): Promise<void> {
    const deadline = Date.now() + STEP_BUDGET_MS;
    const { tenantId, runId } = job;
    let current = step;
    let after = job.after;
    for (;;) {
      const next = await withTenant(this.dataSource, tenantId, async (db) => {
        const follow: FollowUp =
          current === 'draft'
            ? await this.engine.draftBatch(db, tenantId, runId)
            : await this.engine.finaliseBatch(db, tenantId, runId, { after });
        // One render job for the batch's issued invoices, queued in the batch's transaction.
        if (follow?.issued?.length) await this.enqueueRender(db, tenantId, follow.issued);
        // Drafting planned: more jobs to work its batches beside this one.
        for (let extra = 0; extra < (follow?.alongside ?? 0); extra++)
          await this.enqueue(db, 'draft', { tenantId, runId });
        const handOver = follow !== null && (follow.startAfter !== undefined || Date.now() > deadline);
        if (follow && handOver)
          await this.enqueue(db, follow.step, { tenantId, runId, after: follow.after }, follow.startAfter);
        return handOver ? null : follow;
      });
      if (!next) return;
      current = next.step;
      after = next.after;
    }
  }
}
