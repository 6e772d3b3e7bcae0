import { Module } from '@nestjs/common';
import { AuditModule } from '@mijn-account/api-audit';
import { MailModule } from '@mijn-account/api-mail';
import { StatisticsModule } from '@mijn-account/api-statistics';
import {
  DisclosuresController,
  MyPrivacyController,
  PrivacySettingsController,
  ProcessingRecordController,
} from './overview/privacy-overview.controller';
import { PrivacyOverviewService } from './overview/privacy-overview.service';
import { ErasureController } from './erasure/erasure.controller';
import { ErasureService } from './erasure/erasure.service';
import { RetentionPurge } from './erasure/retention-purge.job';
import { ExportLinks } from './exports/export-links';
import { PrivacyExportsController } from './exports/privacy-exports.controller';
import { PrivacyExportsService } from './exports/privacy-exports.service';
import { PrivacyQueue } from './privacy.queue';
import { DeadlineNotices } from './requests/deadline-notices.job';
import { MyPrivacyRequestsController, PrivacyRequestsAdminController } from './requests/privacy-requests.controller';
import { PrivacyRequests } from './requests/privacy-requests.service';
import { PrivacyStatementController, StatementsAdminController } from './statements/privacy-statements.controller';
import { PrivacyStatements } from './statements/privacy-statements.service';
import { RequestTrackerService } from './requests/request-tracker.service';
import { MyRestrictionController, RestrictionsAdminController } from './restriction/restriction.controller';
import { RestrictionService } from './restriction/restriction.service';
import { CookieConsentController, CookieSettingsController } from './cookies/cookie-consent.controller';
import { CookieConsentService } from './cookies/cookie-consent.service';

/**
 * Privacy rights (issue 18): the privacy page's data, exports, erasure, restriction and objection,
 * requests with their legal deadlines, statements with versions, the cookie declaration, usage
 * statistics and disclosures. Each slice adds its controllers and services here.
 */
@Module({
  imports: [AuditModule, MailModule, StatisticsModule],
  controllers: [
    PrivacyStatementController,
    StatementsAdminController,
    MyPrivacyController,
    ProcessingRecordController,
    PrivacySettingsController,
    DisclosuresController,
    MyPrivacyRequestsController,
    PrivacyRequestsAdminController,
    MyRestrictionController,
    RestrictionsAdminController,
    ErasureController,
    PrivacyExportsController,
    CookieConsentController,
    CookieSettingsController,
  ],
  providers: [
    PrivacyQueue,
    PrivacyRequests,
    PrivacyStatements,
    PrivacyOverviewService,
    RequestTrackerService,
    RestrictionService,
    DeadlineNotices,
    ErasureService,
    PrivacyExportsService,
    ExportLinks,
    RetentionPurge,
    CookieConsentService,
  ],
  exports: [PrivacyRequests],
})
export class PrivacyModule {}
