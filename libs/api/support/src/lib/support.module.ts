import { Module } from '@nestjs/common';
import { AccountsModule } from '@mijn-account/api-accounts';
import { AuditModule } from '@mijn-account/api-audit';
import { MailModule } from '@mijn-account/api-mail';
import { AccessSettingsController } from './access-settings.controller';
import { AccountAccessRequestsController, SupportController } from './support.controller';
import { GrantsService } from './grants.service';

/** Helpdesk access: requests, decisions, grants, and the support view of subscriber data. */
@Module({
  imports: [AccountsModule, AuditModule, MailModule],
  controllers: [SupportController, AccountAccessRequestsController, AccessSettingsController],
  providers: [GrantsService],
})
export class SupportModule {}
