import { Module } from '@nestjs/common';
import { PrivacyQueue } from './privacy.queue';
import { PrivacyRequests } from './requests/privacy-requests.service';

/**
 * Privacy rights (issue 18): the privacy page's data, exports, erasure, restriction and objection,
 * requests with their legal deadlines, statements with versions, the cookie declaration, usage
 * statistics and disclosures. Each slice adds its controllers and services here.
 */
@Module({
  controllers: [],
  providers: [PrivacyQueue, PrivacyRequests],
  exports: [PrivacyRequests],
})
export class PrivacyModule {}
