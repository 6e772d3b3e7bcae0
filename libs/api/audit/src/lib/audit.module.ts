import { Module } from '@nestjs/common';
import { AccessLogController } from './access-log.controller';
import { AccessLogService } from './access-log.service';
import { AuditJobs } from './audit-jobs';
import { AuditReaderService } from './audit-reader.service';
import { AuditSealerService } from './audit-sealer.service';
import { AuditSigner } from './audit-signer';
import { AuditWriterService } from './audit-writer.service';

/** The tamper-evident access log: hash chains per account, signed checkpoints, verification. */
@Module({
  controllers: [AccessLogController],
  providers: [AuditWriterService, AuditSealerService, AuditReaderService, AccessLogService, AuditSigner, AuditJobs],
  exports: [AuditWriterService, AuditSealerService, AuditReaderService, AuditJobs, AuditSigner],
})
export class AuditModule {}
