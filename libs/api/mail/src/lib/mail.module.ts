import { Module } from '@nestjs/common';
import { MailQueue } from './mail.queue';
import { MailService } from './mail.service';

/** Transactional e-mail: templates, the outbox, and the pg-boss worker that delivers it over SMTP. */
@Module({
  providers: [MailQueue, MailService],
  exports: [MailService],
})
export class MailModule {}
