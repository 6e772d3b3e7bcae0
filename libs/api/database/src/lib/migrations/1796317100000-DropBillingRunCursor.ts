import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `billing_run.cursor` is dead since drafting plans its batches up front (`billing_run_batch`,
 * migration AddBillingRunBatches): nothing writes it, and the planner read it only as an always-null
 * lower bound. A run that was drafting under the old engine loses nothing by it: planning again from
 * the first subscription drafts only what has no invoice yet (the unique key per subscription and period).
 */
export class DropBillingRunCursor1796317100000 implements MigrationInterface {
  name = 'DropBillingRunCursor1796317100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE billing_run DROP COLUMN cursor`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE billing_run ADD COLUMN cursor uuid`);
  }
}
