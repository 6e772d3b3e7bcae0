import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PRIVACY_RETENTION_PURGE_QUEUE, withTenant } from '@mijn-account/api-database';
import { PrivacyQueue } from '../privacy.queue';

/** Every day at 02:40 UTC: pg-boss's schedule gives one job per tick, however many workers. */
const CRON = '40 2 * * *';

/**
 * How long a closed privacy request keeps who asked and what was said (ADR 0015 "Retention of the
 * registers"): the limitation period of a claim about how it was handled (art. 3:310 BW, 5 years).
 */
export const REQUEST_RETENTION_YEARS = 5;

/** What one tenant's purge removed. */
export interface PurgeResult {
  invoices: number;
  finalMails: number;
  /** Closed privacy requests past their retention, detached from their person. */
  requests: number;
  /** Consent records whose purpose ended for their person more than 5 years ago. */
  consentRecords: number;
  /** Access-log events of erased accounts purged up to a signed checkpoint. */
  accessLogEvents: number;
}

/**
 * The retention purge (issue 18 §3, ADR 0015 "Retention purge"): what an erasure kept goes when its
 * retention ends — invoices and credit notes of erased accounts 7 years after the end of their year
 * of issue, with their lines, files, payments, reminders and mails, and the erasure's final mail once
 * delivered. The database decides what goes (`purge_retained_records`, the one way past the
 * invoices' delete triggers); this job only calls it per tenant. Then privacy requests closed more
 * than REQUEST_RETENTION_YEARS ago lose their person and free text (a plain update: the runtime
 * role may change the register). Then the consent ledger and the access log of erased accounts
 * (`purge_consent_records`, `purge_access_log`: owner-owned, the only deletes their triggers admit).
 */
@Injectable()
export class RetentionPurge {
  private readonly logger = new Logger(RetentionPurge.name);

  constructor(
    private readonly dataSource: DataSource,
    queue: PrivacyQueue,
  ) {
    queue.handle(PRIVACY_RETENTION_PURGE_QUEUE, () => this.runAll(), CRON);
  }

  /** Every tenant in turn; one tenant's failure does not hold up the others. */
  async runAll(): Promise<void> {
    // SQL: the tenant table has no row-level security (the resolver reads it before a tenant is known).
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM tenant ORDER BY id`);
    for (const { id } of rows)
      await this.runFor(id).catch((error: unknown) =>
        this.logger.error({ err: error, tenant: id }, 'privacy retention purge failed'),
      );
  }

  /** One tenant's purge, in one transaction. */
  async runFor(tenantId: string): Promise<PurgeResult> {
    const result = await withTenant(this.dataSource, tenantId, async (db) => {
      const [row]: { purged: Pick<PurgeResult, 'invoices' | 'finalMails'> }[] = await db.query(
        `SELECT purge_retained_records($1) AS purged`,
        [tenantId],
      );
      // SQL: the register keeps each request's type, channel, dates and status (the tenant's
      // accountability, and counts), and drops what names or describes the person.
      const [requests]: [unknown[], number] = await db.query(
        `UPDATE privacy_request
            SET user_id = NULL, account_id = NULL, registered_by = NULL, details = NULL, outcome = NULL,
                extension_reason = CASE WHEN extension_reason IS NULL THEN NULL ELSE '(removed after retention)' END,
                version = version + 1
          WHERE tenant_id = $1 AND closed_at < now() - make_interval(years => $2)
            AND (user_id IS NOT NULL OR account_id IS NOT NULL OR registered_by IS NOT NULL OR details IS NOT NULL
                 OR outcome IS NOT NULL OR extension_reason <> '(removed after retention)')
          RETURNING 1`,
        [tenantId, REQUEST_RETENTION_YEARS],
      );
      // After the invoices: an account whose last invoices went just now has nothing left its log accounts for.
      const [registers]: { consent: number; log: number }[] = await db.query(
        `SELECT purge_consent_records($1) AS consent, purge_access_log($1) AS log`,
        [tenantId],
      );
      return {
        ...row.purged,
        requests: requests.length,
        consentRecords: registers.consent,
        accessLogEvents: registers.log,
      };
    });
    if (Object.values(result).some((n) => n > 0)) this.logger.log({ tenant: tenantId, ...result }, 'purged');
    return result;
  }
}
