import type { MigrationInterface, QueryRunner } from 'typeorm';

const FUNCTION_BEFORE = `
  CREATE OR REPLACE FUNCTION invoice_lines_of_drafts_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      IF EXISTS (SELECT 1 FROM new_lines l JOIN invoice i ON i.tenant_id = l.tenant_id AND i.id = l.invoice_id
                  WHERE i.status <> 'draft') THEN
        RAISE EXCEPTION 'the lines of an issued invoice never change' USING ERRCODE = 'insufficient_privilege';
      END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      IF EXISTS (SELECT 1 FROM old_lines l JOIN invoice i ON i.tenant_id = l.tenant_id AND i.id = l.invoice_id
                  WHERE i.status <> 'draft') THEN
        RAISE EXCEPTION 'the lines of an issued invoice never change' USING ERRCODE = 'insufficient_privilege';
      END IF;
    END IF;
    RETURN NULL;
  END $$`;

/** The lines' invoices, each looked up by its key (a LIMIT keeps the subquery from becoming a join). */
const issuedAmong = (lines: string) => `
  EXISTS (SELECT 1 FROM (SELECT DISTINCT tenant_id, invoice_id FROM ${lines}) l
            CROSS JOIN LATERAL (SELECT i.status FROM invoice i
                                 WHERE i.tenant_id = l.tenant_id AND i.id = l.invoice_id LIMIT 1) i
           WHERE i.status <> 'draft')`;

/**
 * The statement check that lines change on drafts only (migration 1795770000000) joined the statement's
 * lines to `invoice`, and the planner chose how. In a tenant's first billing run the invoice table's
 * statistics still say "a few rows" (autovacuum has not analysed the new drafts yet), so every
 * drafting batch hashed **all** of the tenant's invoices: 3 ms a batch at 10,000 invoices, 32 ms at
 * 100,000 — the run grew quadratically. Now each distinct invoice of the statement is looked up by
 * its primary key, whatever the statistics say: the same answer, the same error, a cost per line.
 */
export class CheckLinesByLookup1796250000000 implements MigrationInterface {
  name = 'CheckLinesByLookup1796250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION invoice_lines_of_drafts_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          IF ${issuedAmong('new_lines')} THEN
            RAISE EXCEPTION 'the lines of an issued invoice never change' USING ERRCODE = 'insufficient_privilege';
          END IF;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          IF ${issuedAmong('old_lines')} THEN
            RAISE EXCEPTION 'the lines of an issued invoice never change' USING ERRCODE = 'insufficient_privilege';
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(FUNCTION_BEFORE);
  }
}
