import { Module } from '@nestjs/common';
import { AuthModule } from '@mijn-account/api-auth';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

/** The tenant's own staff, managed by its tenant admins. */
@Module({ imports: [AuthModule], controllers: [StaffController], providers: [StaffService] })
export class StaffModule {}
