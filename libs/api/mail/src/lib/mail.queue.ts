import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Pool } from 'pg';
import { setTimeout } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@mijn-account/api-core';
import { MAIL_QUEUE, QUEUE_SCHEMA, transactionalDb, withTenant } from '@mijn-account/api-database';
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
 * The mail queue: pg-boss (schema made by the migrations, so `migrate: false`) on the runtime
 * role's pool. Jobs carry only the tenant and outbox id; the message itself stays in the tenant's
 * row-level-secured `mail_message` table. pg-boss retries a failed delivery with exponential
 * back-off (the queue's policy, set in the migration).
 *
 * Delivery is at most once per outbox row: the row is locked, sent, and marked in one transaction,
 * and a row already marked is skipped. Only a crash after the SMTP server accepted the message but
 * before the commit can repeat it; the stable Message-ID lets mail systems drop that duplicate.
 */
@Injectable()
export class MailQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailQueue.name);
  private readonly boss: PgBoss;
  private readonly transport: Transporter;
  /** pg-boss statements and deliveries still running; shutdown waits for them (see onModuleDestroy). */
  private busy = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => this.track(() => pool.query(text, values)) },
      schema: QUEUE_SCHEMA,
      migrate: false,
      schedule: false,
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'mail queue error'));
    this.transport = createTransport(config.mail.smtpUrl);
  }

  /** Inserts the delivery job inside the caller's transaction. */
  async enqueue(manager: EntityManager, job: MailJob, startAfter?: Date): Promise<void> {
    await this.boss.send(MAIL_QUEUE, job, { db: transactionalDb(manager), ...(startAfter ? { startAfter } : {}) });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    await this.boss.work<MailJob>(
      MAIL_QUEUE,
      { pollingIntervalSeconds: this.config.mail.pollSeconds, batchSize: 5 },
      async (jobs) => {
        await this.track(async () => {
          for (const job of jobs) await this.deliver(job.data);
        });
      },
    );
  }

  /**
   * pg-boss's graceful stop waits only for jobs already handed to a worker: a fetch still in flight
   * can hand over jobs afterwards, and it completes or fails jobs without awaiting that. So after
   * stopping we wait until none of its statements nor our deliveries is running, before the
   * database module ends the pool. The steps between them are microtasks, so a timer never sees
   * the gap between a fetch and the delivery it starts.
   */
  async onModuleDestroy(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 5_000, close: false });
    const deadline = Date.now() + 10_000;
    while (this.busy > 0 && Date.now() < deadline) await setTimeout(20);
    if (this.busy > 0) this.logger.warn(`mail queue stopped with ${this.busy} statement(s) or delivery still running`);
    this.transport.close();
  }

  private async track<T>(work: () => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await work();
    } finally {
      this.busy--;
    }
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
    if (failure) {
      this.logger.warn({ err: failure, mail: id }, 'mail delivery failed; pg-boss will retry');
      throw failure;
    }
  }
}
