import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { MeController } from './me.controller';

@Module({ controllers: [MeController], providers: [AccountsService] })
export class AccountsModule {}
