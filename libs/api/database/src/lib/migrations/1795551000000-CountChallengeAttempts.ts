import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second-factor challenge allows a bounded number of code attempts (issue 14): each attempt is
 * counted on the challenge's own row before the code is checked, and a challenge that has had its
 * attempts is used up. A column of `action_token`, which already has tenant-leading keys, forced
 * row-level security and the runtime role's UPDATE grant.
 */
export class CountChallengeAttempts1795551000000 implements MigrationInterface {
  name = 'CountChallengeAttempts1795551000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE action_token ADD COLUMN attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE action_token DROP COLUMN attempts`);
  }
}
