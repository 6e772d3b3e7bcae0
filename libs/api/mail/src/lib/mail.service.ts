import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '@mijn-account/api-core';
import type { Language } from '@mijn-account/shared-contracts';
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
    db ??= await ctx.db();
    const language = mail.language ?? ctx.tenant.defaultLanguage;
    const rendered = this.render(ctx, mail.template, mail.params, language);
    const queued = await db.insert(MailMessage, {
      tenantId: ctx.tenant.id,
      recipient: mail.to,
      template: mail.template,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      headers: { ...mail.headers, 'Content-Language': language },
    });
    const id = (queued.identifiers[0] as Pick<MailMessage, 'id'>).id;
    await this.queue.enqueue(db, { tenantId: ctx.tenant.id, id }, mail.startAfter);
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
