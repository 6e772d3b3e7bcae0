import { Module } from '@nestjs/common';
import { AuditModule } from '@mijn-account/api-audit';
import { MailModule } from '@mijn-account/api-mail';
import { ErasureController } from './erasure/erasure.controller';
import { ErasureService } from './erasure/erasure.service';
import { PrivacyQueue } from './privacy.queue';
import { PrivacyRequests } from './requests/privacy-requests.service';

/**
 * Privacy rights (issue 18): the privacy page's data, exports, erasure, restriction and objection,
 * requests with their legal deadlines, statements with versions, the cookie declaration, usage
 * statistics and disclosures. Each slice adds its controllers and services here.
 */
@Module({
  imports: [AuditModule, MailModule],
  controllers: [ErasureController],
  providers: [PrivacyQueue, PrivacyRequests, ErasureService],
  exports: [PrivacyRequests],
})
export class PrivacyModule {}
