import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run's drafting batches, planned once when drafting starts (ranges of subscription ids of about
 * BILLING_BATCH_SIZE each), so that batches no longer wait for one cursor on the run row: a drafting
 * job claims an undone batch with `FOR UPDATE SKIP LOCKED`, drafts it and marks it done in one
 * transaction, and several jobs work one run at once (ADR 0012). A job that dies leaves its batch
 * undone and unlocked for the next. Rows go with their run.
 */
export class AddBillingRunBatches1796000000000 implements MigrationInterface {
  name = 'AddBillingRunBatches1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE billing_run_batch (
        tenant_id uuid NOT NULL,
        run_id    uuid NOT NULL,
        batch_no  int NOT NULL,
        after_id  uuid,
        last_id   uuid,
        done      boolean NOT NULL DEFAULT false,
        CONSTRAINT billing_run_batch_pkey PRIMARY KEY (tenant_id, run_id, batch_no),
        CONSTRAINT billing_run_batch_tenant_id_run_id_fkey FOREIGN KEY (tenant_id, run_id)
          REFERENCES billing_run (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`ALTER TABLE billing_run_batch ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE billing_run_batch FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON billing_run_batch
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON billing_run_batch TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE billing_run_batch`);
  }
}
