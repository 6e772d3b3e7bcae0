import { Module } from '@nestjs/common';
import { AuthModule } from '@mijn-account/api-auth';
import { AccountsService } from './accounts.service';
import { BillingController } from './billing.controller';
import { BillingService } from './billing.service';
import { ChangeHistoryService } from './change-history.service';
import { MeController } from './me.controller';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { ProfileController } from './profile.controller';
import { ProfileService } from './profile.service';

/** Mijn account: who am I, profile, company and billing details, the people in the account. */
@Module({
  imports: [AuthModule],
  controllers: [MeController, ProfileController, BillingController, MembersController],
  providers: [AccountsService, ProfileService, BillingService, ChangeHistoryService, MembersService],
  exports: [BillingService],
})
export class AccountsModule {}
