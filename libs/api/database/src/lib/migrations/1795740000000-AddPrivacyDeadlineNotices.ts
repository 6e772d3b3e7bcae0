import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QUEUE_SCHEMA } from './1795480000000-AddSignInSecurity';

export const PRIVACY_DEADLINE_QUEUE = 'privacy-deadlines';

/**
 * The daily mail to a tenant's privacy contact about open privacy requests due within seven days
 * (issue 18 §5). One pg-boss schedule for every tenant; `privacy_deadline_notice` (tenant, day) is
 * inserted before the mail is queued, in one transaction, so two workers or a retried job mail a
 * tenant at most once a day.
 */
export class AddPrivacyDeadlineNotices1795740000000 implements MigrationInterface {
  name = 'AddPrivacyDeadlineNotices1795740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE privacy_deadline_notice (
        tenant_id  uuid NOT NULL,
        day        date NOT NULL,
        recipient  text NOT NULL,
        requests   int NOT NULL,
        sent_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT privacy_deadline_notice_pkey PRIMARY KEY (tenant_id, day),
        CONSTRAINT privacy_deadline_notice_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id)
      )`);
    await q.query(`ALTER TABLE privacy_deadline_notice ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE privacy_deadline_notice FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON privacy_deadline_notice
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT ON privacy_deadline_notice TO portal_runtime`);
    // One daily job (a pg-boss schedule) that goes through every tenant; one at a time across workers.
    await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [
      PRIVACY_DEADLINE_QUEUE,
      JSON.stringify({ policy: 'singleton', retryLimit: 2, retryDelay: 60, expireInSeconds: 600 }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT ${QUEUE_SCHEMA}.delete_queue($1)`, [PRIVACY_DEADLINE_QUEUE]);
    await q.query(`DROP TABLE privacy_deadline_notice`);
  }
}
