import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext, TenantContext } from '@mijn-account/api-core';
import type { Language } from '@mijn-account/shared-contracts';
import { MailAttachment } from './entities/mail-attachment.entity';
import { MailMessage } from './entities/mail-message.entity';
import { MailQueue } from './mail.queue';
import { type MailTemplateName, type MailTemplates, type RenderedMail, renderMail } from './templates';

export interface QueuedMail<K extends MailTemplateName> {
  to: string;
  template: K;
  params: MailTemplates[K];
  /** The recipient's language; the tenant's default when they have none. */
  language?: Language | null;
  /** Extra headers, such as List-Unsubscribe for newsletters. */
  headers?: Record<string, string>;
  /** Not before this moment (spreads a newsletter over time). */
  startAfter?: Date;
  /** Stored invoice files to attach, by reference: the worker reads their bytes when it delivers. */
  attachments?: { invoiceId: string; format: 'pdf' | 'ubl' }[];
}

/**
 * Queues mail in the caller's transaction: the rendered message goes to the tenant's outbox table
 * and a pg-boss job to deliver it is inserted on the same connection. A change that rolls back
 * therefore sends nothing; the worker (mail.worker.ts) delivers what was committed.
 */
@Injectable()
export class MailService {
  constructor(private readonly queue: MailQueue) {}

  /**
   * Queues in the request's transaction, or in `db` when given (a transaction of its own that must
   * commit even though the request fails, such as the notice that an account was locked).
   */
  async send<K extends MailTemplateName>(
    ctx: RequestContext,
    mail: QueuedMail<K>,
    db?: EntityManager,
  ): Promise<string> {
    return this.queueFor(ctx.tenant, mail, db ?? (await ctx.db()));
  }

  /**
   * Queues in `db`, a transaction of `tenant` (set by `withTenant`), for work that has no request:
   * a job such as the one that renders an issued invoice and mails it with its PDF.
   */
  async queueFor<K extends MailTemplateName>(
    tenant: Pick<TenantContext, 'id' | 'displayName' | 'brandColor' | 'defaultLanguage'>,
    mail: QueuedMail<K>,
    db: EntityManager,
  ): Promise<string> {
    const language = mail.language ?? tenant.defaultLanguage;
    const rendered = renderMail(mail.template, mail.params, language, {
      tenantName: tenant.displayName,
      brandColor: tenant.brandColor,
    });
    const queued = await db.insert(MailMessage, {
      tenantId: tenant.id,
      recipient: mail.to,
      template: mail.template,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      headers: { ...mail.headers, 'Content-Language': language },
    });
    const id = (queued.identifiers[0] as Pick<MailMessage, 'id'>).id;
    if (mail.attachments?.length)
      await db.insert(
        MailAttachment,
        mail.attachments.map((a, i) => ({ tenantId: tenant.id, mailId: id, position: i + 1, ...a })),
      );
    await this.queue.enqueue(db, { tenantId: tenant.id, id }, mail.startAfter);
    return id;
  }

  /** The mail exactly as `send` would queue it, in the tenant's branding, without queuing it (previews). */
  render<K extends MailTemplateName>(
    ctx: RequestContext,
    template: K,
    params: MailTemplates[K],
    language: Language,
  ): RenderedMail {
    return renderMail(template, params, language, {
      tenantName: ctx.tenant.displayName,
      brandColor: ctx.tenant.brandColor,
    });
  }
}
