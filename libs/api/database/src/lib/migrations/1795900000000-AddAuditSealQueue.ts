import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QUEUE_SCHEMA } from './1795480000000-AddSignInSecurity';

export const AUDIT_SEAL_QUEUE = 'audit-seal';

/**
 * Issue 19 §2: a web process (PROCESS_ROLE=web) does no background work, so it hands the tenants it
 * wrote access-log events for to the workers as one job a second; a worker chains them (ADR 0016).
 * Short expiry and quick retries: sealing a tenant's waiting events takes milliseconds, and the
 * hourly checkpoint seals whatever a lost job left.
 *
 * Readiness says whether this process's migrations are all applied (a new version's web process
 * that started before its migrations ran answers 503): the runtime role may read their names.
 */
export class AddAuditSealQueue1795900000000 implements MigrationInterface {
  name = 'AddAuditSealQueue1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [
      AUDIT_SEAL_QUEUE,
      JSON.stringify({ policy: 'standard', retryLimit: 3, retryDelay: 1, expireInSeconds: 30, retentionMinutes: 60 }),
    ]);
    await q.query(`GRANT SELECT ON schema_migration TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE SELECT ON schema_migration FROM portal_runtime`);
    await q.query(`SELECT ${QUEUE_SCHEMA}.delete_queue($1)`, [AUDIT_SEAL_QUEUE]);
  }
}
