import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lines of issued invoices never change (issue 17 §5) — checked once per statement instead of once
 * per row. The row trigger (`invoice_line_draft_only`) looked its draft up for every line: a third of
 * PostgreSQL's time in a billing run (10,000 lookups per 10,000 invoices, a plpgsql call and a cached
 * plan each). Statement triggers with transition tables (PostgreSQL 10+) check a whole statement's
 * lines with one join: any line inserted, updated (its old and its new invoice) or deleted whose
 * invoice is issued makes the statement fail, for every role, as before (same message and code).
 * The check runs after the rows are written but before the statement ends, so a refused statement
 * writes nothing; a line moved off an issued invoice — allowed before, as only the new invoice was
 * looked at — is refused too.
 */
export class CheckInvoiceLinesPerStatement1795770000000 implements MigrationInterface {
  name = 'CheckInvoiceLinesPerStatement1795770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER invoice_line_draft_only ON invoice_line`);
    await q.query(`DROP FUNCTION invoice_line_of_draft_only()`);
    // Nested IFs: a condition naming a transition table the trigger does not have would not plan.
    await q.query(`
      CREATE FUNCTION invoice_lines_of_drafts_only() RETURNS trigger LANGUAGE plpgsql AS $$
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
      END $$`);
    // One trigger per event: a trigger with transition tables fires for one event only.
    await q.query(`
      CREATE TRIGGER invoice_line_insert_draft_only AFTER INSERT ON invoice_line
        REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION invoice_lines_of_drafts_only()`);
    await q.query(`
      CREATE TRIGGER invoice_line_update_draft_only AFTER UPDATE ON invoice_line
        REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION invoice_lines_of_drafts_only()`);
    await q.query(`
      CREATE TRIGGER invoice_line_delete_draft_only AFTER DELETE ON invoice_line
        REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION invoice_lines_of_drafts_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete'])
      await q.query(`DROP TRIGGER invoice_line_${event}_draft_only ON invoice_line`);
    await q.query(`DROP FUNCTION invoice_lines_of_drafts_only()`);
    await q.query(`
      CREATE FUNCTION invoice_line_of_draft_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent_status text;
      BEGIN
        SELECT status INTO parent_status FROM invoice
         WHERE tenant_id = COALESCE(NEW.tenant_id, OLD.tenant_id) AND id = COALESCE(NEW.invoice_id, OLD.invoice_id);
        IF parent_status IS NOT NULL AND parent_status <> 'draft' THEN
          RAISE EXCEPTION 'the lines of an issued invoice never change' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await q.query(
      `CREATE TRIGGER invoice_line_draft_only BEFORE INSERT OR UPDATE OR DELETE ON invoice_line FOR EACH ROW EXECUTE FUNCTION invoice_line_of_draft_only()`,
    );
  }
}
