import { Module } from '@nestjs/common';
import { AccessLogController } from './access-log.controller';
import { AuditCheckpointer } from './audit-checkpointer';
import { AuditLogService } from './audit-log.service';
import { AuditSigner } from './audit-signer';

/** The tamper-evident access log: hash chains per account, signed checkpoints, verification. */
@Module({
  controllers: [AccessLogController],
  providers: [AuditLogService, AuditSigner, AuditCheckpointer],
  exports: [AuditLogService, AuditCheckpointer],
})
export class AuditModule {}
