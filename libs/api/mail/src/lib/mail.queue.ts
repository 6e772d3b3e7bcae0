import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig, JobQueue, Metrics } from '@mijn-account/api-core';
import { MAIL_QUEUE, withTenant } from '@mijn-account/api-database';
import { MailMessage } from './entities/mail-message.entity';

export interface MailJob {
  tenantId: string;
  id: string;
}

interface OutboxRow {
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string>;
  display_name: string;
}

/**
 * The mail queue, on the process's one pg-boss (`JobQueue`). Jobs carry only the tenant and outbox
 * id; the message itself stays in the tenant's row-level-secured `mail_message` table. pg-boss
 * retries a failed delivery with exponential back-off, and a job whose worker died is retried
 * after the queue's expiry: seconds, sized to one delivery (the queue's policy, set in the migrations).
 *
 * Delivery is at most once per outbox row: the row is locked, sent, and marked in one transaction,
 * and a row already marked is skipped. Only a crash after the SMTP server accepted the message but
 * before the commit can repeat it; the stable Message-ID lets mail systems drop that duplicate.
 */
@Injectable()
export class MailQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(MailQueue.name);
  private readonly transport: Transporter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    // One delivery ends within about 20 s, well inside the mail queue's 30 s expiry (ADR 0016):
    // nodemailer's defaults (2 min to connect, 10 min of silence) would outlast it.
    this.transport = createTransport({
      url: config.mail.smtpUrl,
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 10_000,
    });
    jobs.handle<MailJob>(MAIL_QUEUE, (job) => this.deliver(job), {
      pollSeconds: config.mail.pollSeconds,
      batchSize: 5,
    });
  }

  /** Inserts the delivery job inside the caller's transaction. */
  async enqueue(manager: EntityManager, job: MailJob, startAfter?: Date): Promise<void> {
    await this.jobs.enqueue(manager, MAIL_QUEUE, job, startAfter ? { startAfter } : {});
  }

  /** After the job queue has drained (its onModuleDestroy): no delivery uses the transport any more. */
  onApplicationShutdown(): void {
    this.transport.close();
  }

  private async deliver({ tenantId, id }: MailJob): Promise<void> {
    let failure: unknown = null;
    await withTenant(this.dataSource, tenantId, async (db) => {
      // SQL: locks the unsent message (FOR UPDATE OF m) and reads the tenant's name with it; one
      // whose recipient was erased (an empty address, erase_person_records) is never sent.
      const rows: OutboxRow[] = await db.query(
        `SELECT m.recipient, m.subject, m.text_body, m.html_body, m.headers, t.display_name
           FROM mail_message m JOIN tenant t ON t.id = m.tenant_id
          WHERE m.tenant_id = $1 AND m.id = $2 AND m.sent_at IS NULL AND m.recipient <> ''
          FOR UPDATE OF m`,
        [tenantId, id],
      );
      const row = rows[0];
      if (!row) return;
      // SQL: the attachments' bytes, read from the stored invoice files they reference.
      const attachments: { file_name: string; media_type: string; content: Buffer }[] = await db.query(
        `SELECT f.file_name, f.media_type, f.content FROM mail_attachment a
           JOIN invoice_file f ON f.tenant_id = a.tenant_id AND f.invoice_id = a.invoice_id AND f.format = a.format
          WHERE a.tenant_id = $1 AND a.mail_id = $2 ORDER BY a.position`,
        [tenantId, id],
      );
      try {
        await this.transport.sendMail({
          from: { name: row.display_name, address: this.config.mail.from },
          to: row.recipient,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body,
          headers: row.headers,
          attachments: attachments.map((a) => ({
            filename: a.file_name,
            contentType: a.media_type,
            content: a.content,
          })),
          messageId: `<${id}@${this.config.mail.from.split('@')[1] ?? 'mijn-account'}>`,
        });
        await db.update(
          MailMessage,
          { tenantId, id },
          { sentAt: () => 'now()', attempts: () => 'attempts + 1', lastError: null },
        );
      } catch (error) {
        failure = error;
        await db.update(
          MailMessage,
          { tenantId, id },
          {
            attempts: () => 'attempts + 1',
            lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
          },
        );
      }
    });
    this.metrics.mailDelivered(failure ? 'failed' : 'sent');
    if (failure) {
      this.logger.warn({ err: failure, mail: id }, 'mail delivery failed; pg-boss will retry');
      throw failure;
    }
  }
}
