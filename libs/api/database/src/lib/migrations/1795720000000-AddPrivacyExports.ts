import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QUEUE_SCHEMA } from './1795480000000-AddSignInSecurity';

export const PRIVACY_EXPORT_QUEUE = 'privacy-export';
export const PRIVACY_EXPORT_PURGE_QUEUE = 'privacy-export-purge';

/**
 * Data exports (issue 18 §2, access and portability): one row per export a person asked for, tied
 * to its privacy request, and the ZIP it became, stored as chunks in PostgreSQL so any API process
 * can serve it whichever worker built it. At most one export per person is being made at a time:
 * the partial unique index decides, not a read-then-write in the application. A ready export's
 * chunks are deleted when it expires (three days), by a scheduled job.
 */
export class AddPrivacyExports1795720000000 implements MigrationInterface {
  name = 'AddPrivacyExports1795720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE privacy_export (
        tenant_id    uuid NOT NULL,
        id           uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id      uuid NOT NULL,
        request_id   uuid NOT NULL,
        language     text NOT NULL CONSTRAINT privacy_export_language_check CHECK (language IN ('nl', 'en')),
        status       text NOT NULL DEFAULT 'pending'
                       CONSTRAINT privacy_export_status_check CHECK (status IN ('pending', 'ready', 'failed', 'expired')),
        created_at   timestamptz NOT NULL DEFAULT now(),
        ready_at     timestamptz,
        expires_at   timestamptz,
        size_bytes   bigint CONSTRAINT privacy_export_size_bytes_check CHECK (size_bytes >= 0),
        sha256       text CONSTRAINT privacy_export_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT privacy_export_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT privacy_export_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id),
        CONSTRAINT privacy_export_tenant_id_request_id_fkey FOREIGN KEY (tenant_id, request_id) REFERENCES privacy_request (tenant_id, id),
        CONSTRAINT privacy_export_ready_check CHECK ((status IN ('ready', 'expired')) = (ready_at IS NOT NULL AND expires_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX privacy_export_user_idx ON privacy_export (tenant_id, user_id, created_at)`);
    // One export being made per person: a second request meets this index and is refused (409).
    await q.query(
      `CREATE UNIQUE INDEX privacy_export_one_pending_idx ON privacy_export (tenant_id, user_id) WHERE status = 'pending'`,
    );
    await q.query(`
      CREATE TABLE privacy_export_chunk (
        tenant_id uuid NOT NULL,
        export_id uuid NOT NULL,
        chunk_no  int NOT NULL CONSTRAINT privacy_export_chunk_chunk_no_check CHECK (chunk_no >= 1),
        data      bytea NOT NULL,
        CONSTRAINT privacy_export_chunk_pkey PRIMARY KEY (tenant_id, export_id, chunk_no),
        CONSTRAINT privacy_export_chunk_tenant_id_export_id_fkey FOREIGN KEY (tenant_id, export_id)
          REFERENCES privacy_export (tenant_id, id) ON DELETE CASCADE
      )`);
    for (const table of ['privacy_export', 'privacy_export_chunk']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant())`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE ON privacy_export TO portal_runtime`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON privacy_export_chunk TO portal_runtime`);
    // An export is built once; a retry after a crash starts it again (its chunks roll back with it).
    await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [
      PRIVACY_EXPORT_QUEUE,
      JSON.stringify({ policy: 'standard', retryLimit: 2, retryDelay: 30, expireInSeconds: 900 }),
    ]);
    // The hourly purge of expired exports, one at a time across workers.
    await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [
      PRIVACY_EXPORT_PURGE_QUEUE,
      JSON.stringify({ policy: 'singleton', retryLimit: 2, retryDelay: 60, expireInSeconds: 600 }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT ${QUEUE_SCHEMA}.delete_queue($1)`, [PRIVACY_EXPORT_PURGE_QUEUE]);
    await q.query(`SELECT ${QUEUE_SCHEMA}.delete_queue($1)`, [PRIVACY_EXPORT_QUEUE]);
    await q.query(`DROP TABLE privacy_export_chunk`);
    await q.query(`DROP TABLE privacy_export`);
  }
}
