import { Module } from '@nestjs/common';
import { MailModule } from '@mijn-account/api-mail';
import { PrivacyQueue } from './privacy.queue';
import { PrivacyRequests } from './requests/privacy-requests.service';
import { PrivacyStatementController, StatementsAdminController } from './statements/privacy-statements.controller';
import { PrivacyStatements } from './statements/privacy-statements.service';

/**
 * Privacy rights (issue 18): the privacy page's data, exports, erasure, restriction and objection,
 * requests with their legal deadlines, statements with versions, the cookie declaration, usage
 * statistics and disclosures. Each slice adds its controllers and services here.
 */
@Module({
  imports: [MailModule],
  controllers: [PrivacyStatementController, StatementsAdminController],
  providers: [PrivacyQueue, PrivacyRequests, PrivacyStatements],
  exports: [PrivacyRequests],
})
export class PrivacyModule {}
