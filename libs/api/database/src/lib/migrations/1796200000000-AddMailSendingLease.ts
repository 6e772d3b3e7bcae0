import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19 §1: the mail worker no longer holds its outbox row locked (and a connection in a
 * transaction) while it talks to the SMTP server. It leases the message instead: `sending_until`,
 * committed before the call, tells another delivery of the same message to come back later; a
 * sender that died leaves a lease that runs out (ADR 0004, ADR 0016).
 */
export class AddMailSendingLease1796200000000 implements MigrationInterface {
  name = 'AddMailSendingLease1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_message ADD COLUMN sending_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_message DROP COLUMN sending_until`);
  }
}
