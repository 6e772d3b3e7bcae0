import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail that anyone can make the portal send (sign-up, password reset, e-mail change, invitations)
 * is limited per recipient address and per client IP, so that nobody can mail-bomb an address
 * through the portal (issue 14). One row per key and fixed window, counted in the transaction of
 * the request that queues the mail.
 */
export class AddMailSendThrottle1795551100000 implements MigrationInterface {
  name = 'AddMailSendThrottle1795551100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_send_throttle (
        tenant_id         uuid NOT NULL REFERENCES tenant (id),
        key               text NOT NULL,
        window_started_at timestamptz NOT NULL DEFAULT now(),
        sent              int NOT NULL DEFAULT 0 CHECK (sent >= 0),
        PRIMARY KEY (tenant_id, key)
      )`);
    await q.query(`ALTER TABLE mail_send_throttle ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE mail_send_throttle FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON mail_send_throttle
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON mail_send_throttle TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_send_throttle`);
  }
}
