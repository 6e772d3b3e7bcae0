import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finance (issue 17 §5): a credit note is an `invoice` row of kind `credit-note`, numbered in its
 * own series, that names the invoice it corrects. The link is part of the issued content, so the
 * immutability trigger (which compares every column but the status ones) keeps it unchanged.
 * Also the index finance's tenant-wide invoice list pages through (newest first, keyset).
 */
export class AddCreditNoteReference1795606000000 implements MigrationInterface {
  name = 'AddCreditNoteReference1795606000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice ADD COLUMN credited_invoice_id uuid`);
    await q.query(`
      ALTER TABLE invoice
        ADD CONSTRAINT invoice_tenant_id_credited_invoice_id_fkey FOREIGN KEY (tenant_id, credited_invoice_id) REFERENCES invoice (tenant_id, id),
        ADD CONSTRAINT invoice_credited_invoice_check CHECK ((kind = 'credit-note') = (credited_invoice_id IS NOT NULL))`);
    await q.query(`CREATE INDEX invoice_credited_invoice_idx ON invoice (tenant_id, credited_invoice_id)`);
    await q.query(`CREATE INDEX invoice_created_idx ON invoice (tenant_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX invoice_created_idx`);
    await q.query(`DROP INDEX invoice_credited_invoice_idx`);
    await q.query(
      `ALTER TABLE invoice DROP CONSTRAINT invoice_credited_invoice_check, DROP CONSTRAINT invoice_tenant_id_credited_invoice_id_fkey, DROP COLUMN credited_invoice_id`,
    );
  }
}
