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

interface OutboxAttachment {
  file_name: string;
  media_type: string;
  content: Buffer;
}

/**
 * How long one delivery may hold a message: the mail queue's expiry (30 s, ADR 0016), beyond the
 * transport's own limits (about 20 s). A sender that died leaves its lease to run out; the job's
 * retry, due after the same expiry, then finds it free.
 */
export const MAIL_LEASE_SECONDS = 30;

/**
 * The mail queue, on the process's one pg-boss (`JobQueue`). Jobs carry only the tenant and outbox
 * id; the message itself stays in the tenant's row-level-secured `mail_message` table. pg-boss
 * retries a failed delivery with exponential back-off, and a job whose worker died is retried
 * after the queue's expiry: seconds, sized to one delivery (the queue's policy, set in the migrations).
 *
 * Delivery is once per outbox row but for one window: the row is leased (`sending_until`, committed),
 * sent holding no connection, and marked sent; a row already marked is skipped, one leased by a live
 * delivery retried later. A crash after the SMTP server accepted the message but before the mark
 * commits, or a delivery slower than its lease, can repeat it; the stable Message-ID lets mail
 * systems drop that duplicate (ADR 0004).
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
    const claimed = await this.claim(tenantId, id);
    if (claimed === 'done') return;
    if (claimed === 'busy') {
      // Another delivery holds a live lease: try again later (pg-boss's back-off); by then it has
      // marked the message sent (skipped then), or died and its lease has run out (sent then).
      throw new Error(`mail ${id} is being sent by another delivery`);
    }
    const { row, attachments } = claimed;
    // No connection or transaction is held from here until the SMTP server has answered (ADR 0016).
    let failure: unknown = null;
    try {
      await this.transport.sendMail({
        from: { name: row.display_name, address: this.config.mail.from },
        to: row.recipient,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        headers: row.headers,
        attachments: attachments.map((a) => ({ filename: a.file_name, contentType: a.media_type, content: a.content })),
        messageId: `<${id}@${this.config.mail.from.split('@')[1] ?? 'mijn-account'}>`,
      });
    } catch (error) {
      failure = error;
    }
    await withTenant(this.dataSource, tenantId, (db) =>
      db.update(
        MailMessage,
        { tenantId, id },
        failure
          ? {
              attempts: () => 'attempts + 1',
              lastError: String(failure instanceof Error ? failure.message : failure).slice(0, 500),
              sendingUntil: null,
            }
          : { sentAt: () => 'now()', attempts: () => 'attempts + 1', lastError: null, sendingUntil: null },
      ),
    );
    this.metrics.mailDelivered(failure ? 'failed' : 'sent');
    if (failure) {
      this.logger.warn({ err: failure, mail: id }, 'mail delivery failed; pg-boss will retry');
      throw failure;
    }
  }

  /**
   * Takes the message for one delivery in a short transaction of its own: a lease (`sending_until`,
   * committed) instead of a row lock held across the SMTP call. 'done' when there is nothing to send
   * (sent already, or its recipient erased: an empty address, erase_person_records); 'busy' when
   * another delivery's lease has not run out.
   */
  private async claim(
    tenantId: string,
    id: string,
  ): Promise<'done' | 'busy' | { row: OutboxRow; attachments: OutboxAttachment[] }> {
    return withTenant(this.dataSource, tenantId, async (db) => {
      // SQL: leases the unsent message unless another delivery's lease is live, and reads the
      // tenant's name with it, in one statement.
      const rows: OutboxRow[] = await db.query(
        `WITH leased AS (
           UPDATE mail_message m SET sending_until = now() + make_interval(secs => $3)
             FROM tenant t
            WHERE m.tenant_id = $1 AND m.id = $2 AND t.id = m.tenant_id
              AND m.sent_at IS NULL AND m.recipient <> ''
              AND (m.sending_until IS NULL OR m.sending_until < now())
            RETURNING m.recipient, m.subject, m.text_body, m.html_body, m.headers, t.display_name)
         SELECT * FROM leased`,
        [tenantId, id, MAIL_LEASE_SECONDS],
      );
      const row = rows[0];
      if (!row) {
        // SQL: why not: a live lease means another delivery is at it.
        const busy: unknown[] = await db.query(
          `SELECT 1 FROM mail_message WHERE tenant_id = $1 AND id = $2 AND sent_at IS NULL AND recipient <> ''`,
          [tenantId, id],
        );
        return busy.length > 0 ? 'busy' : 'done';
      }
      // SQL: the attachments' bytes, read from the stored invoice files they reference.
      const attachments: OutboxAttachment[] = await db.query(
        `SELECT f.file_name, f.media_type, f.content FROM mail_attachment a
           JOIN invoice_file f ON f.tenant_id = a.tenant_id AND f.invoice_id = a.invoice_id AND f.format = a.format
          WHERE a.tenant_id = $1 AND a.mail_id = $2 ORDER BY a.position`,
        [tenantId, id],
      );
      return { row, attachments };
    });
  }
}
