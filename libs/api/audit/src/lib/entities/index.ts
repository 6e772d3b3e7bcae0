import { AuditChain } from './audit-chain.entity';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { AuditEvent } from './audit-event.entity';
import { AuditSeal } from './audit-seal.entity';
import { AuditSealProgress } from './audit-seal-progress.entity';

export { AuditChain, AuditCheckpoint, AuditEvent, AuditSeal, AuditSealProgress };
/** The entities of the audit library's tables. */
export const AUDIT_ENTITIES = [AuditChain, AuditCheckpoint, AuditEvent, AuditSeal, AuditSealProgress];
