import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_event` was the one table without a primary key: its unique index on (tenant_id, entry_no)
 * already was one in all but name. It becomes the primary key (the same index, renamed
 * `audit_event_pkey`), so the table has an identity the ORM can map like every other table (issue 15).
 */
export class KeyAuditEventsByEntryNo1795560000000 implements MigrationInterface {
  name = 'KeyAuditEventsByEntryNo1795560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event ADD CONSTRAINT audit_event_pkey PRIMARY KEY USING INDEX audit_event_entry_no`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_pkey`);
    await q.query(`CREATE UNIQUE INDEX audit_event_entry_no ON audit_event (tenant_id, entry_no)`);
  }
}
