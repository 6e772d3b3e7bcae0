import { Module } from '@nestjs/common';
import { AuditModule } from '@mijn-account/api-audit';
import { MailModule } from '@mijn-account/api-mail';
import { ExportLinks } from './exports/export-links';
import { PrivacyExportsController } from './exports/privacy-exports.controller';
import { PrivacyExportsService } from './exports/privacy-exports.service';
import { PrivacyQueue } from './privacy.queue';
import { PrivacyRequests } from './requests/privacy-requests.service';

/**
 * Privacy rights (issue 18): the privacy page's data, exports, erasure, restriction and objection,
 * requests with their legal deadlines, statements with versions, the cookie declaration, usage
 * statistics and disclosures. Each slice adds its controllers and services here.
 */
@Module({
  imports: [AuditModule, MailModule],
  controllers: [PrivacyExportsController],
  providers: [PrivacyQueue, PrivacyRequests, PrivacyExportsService, ExportLinks],
  exports: [PrivacyRequests],
})
export class PrivacyModule {}
