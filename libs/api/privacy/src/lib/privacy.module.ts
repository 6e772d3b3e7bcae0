import { Module } from '@nestjs/common';
import { AuditModule } from '@mijn-account/api-audit';
import { MailModule } from '@mijn-account/api-mail';
import { PrivacyQueue } from './privacy.queue';
import { DeadlineNotices } from './requests/deadline-notices.job';
import { MyPrivacyRequestsController, PrivacyRequestsAdminController } from './requests/privacy-requests.controller';
import { PrivacyRequests } from './requests/privacy-requests.service';
import { RequestTrackerService } from './requests/request-tracker.service';
import { MyRestrictionController, RestrictionsAdminController } from './restriction/restriction.controller';
import { RestrictionService } from './restriction/restriction.service';

/**
 * Privacy rights (issue 18): the privacy page's data, exports, erasure, restriction and objection,
 * requests with their legal deadlines, statements with versions, the cookie declaration, usage
 * statistics and disclosures. Each slice adds its controllers and services here.
 */
@Module({
  imports: [AuditModule, MailModule],
  controllers: [
    MyPrivacyRequestsController,
    PrivacyRequestsAdminController,
    MyRestrictionController,
    RestrictionsAdminController,
  ],
  providers: [PrivacyQueue, PrivacyRequests, RequestTrackerService, RestrictionService, DeadlineNotices],
  exports: [PrivacyRequests],
})
export class PrivacyModule {}
