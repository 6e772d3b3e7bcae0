import { Module } from '@nestjs/common';
import { AuthModule } from '@mijn-account/api-auth';
import { AccountsService } from './accounts.service';
import { MeController } from './me.controller';
import { MembersController } from './members.controller';

@Module({ imports: [AuthModule], controllers: [MeController, MembersController], providers: [AccountsService] })
export class AccountsModule {}
