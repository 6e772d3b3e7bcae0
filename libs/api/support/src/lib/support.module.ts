import { StatisticsModule } from '@mijn-account/api-statistics';
import { Global, Module } from '@nestjs/common';
import { AccountsModule } from '@mijn-account/api-accounts';
import { AuditModule } from '@mijn-account/api-audit';
import { GRANT_GATE } from '@mijn-account/api-core';
import { MailModule } from '@mijn-account/api-mail';
import { AccessSettingsController } from './access-settings.controller';
import { AccessSettingsService } from './access-settings.service';
import { AccountAccessRequestsController, SupportController } from './support.controller';
import { GrantGateService } from './grant-gate.service';
import { GrantsService } from './grants.service';
import { SupportViewService } from './support-view.service';

/**
 * Helpdesk access: requests, decisions, grants, and the support view of subscriber data. Global,
 * for one thing only: the access guard (auth) finds the grant gate through it.
 */
@Global()
@Module({
  imports: [AccountsModule, AuditModule, MailModule, StatisticsModule],
  controllers: [SupportController, AccountAccessRequestsController, AccessSettingsController],
  providers: [
    GrantsService,
    GrantGateService,
    AccessSettingsService,
    SupportViewService,
    { provide: GRANT_GATE, useExisting: GrantGateService },
  ],
  exports: [GRANT_GATE, GrantsService],
})
export class SupportModule {}
