import { Module } from '@nestjs/common';
import { AccessLogController } from './access-log.controller';
import { AccessLogService } from './access-log.service';
import { AuditJobs } from './audit-jobs';
import { AuditLogService } from './audit-log.service';
import { AuditSigner } from './audit-signer';

/** The tamper-evident access log: hash chains per account, signed checkpoints, verification. */
@Module({
  controllers: [AccessLogController],
  providers: [AuditLogService, AccessLogService, AuditSigner, AuditJobs],
  exports: [AuditLogService, AuditJobs],
})
export class AuditModule {}
