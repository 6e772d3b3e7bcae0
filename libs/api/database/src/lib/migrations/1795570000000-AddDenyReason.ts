import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A denial carries its reason: the agent reads it in their list and the account's access log
 * carries it with the step (issue 16 §6). Null for every other status and for denials made before.
 */
export class AddDenyReason1795570000000 implements MigrationInterface {
  name = 'AddDenyReason1795570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE access_grant ADD COLUMN deny_reason text
        CONSTRAINT access_grant_deny_reason_check CHECK (length(deny_reason) BETWEEN 1 AND 2000)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_grant DROP COLUMN deny_reason`);
  }
}
