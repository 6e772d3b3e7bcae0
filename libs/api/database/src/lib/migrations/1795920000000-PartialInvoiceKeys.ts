import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Index entries only for the rows that are looked up by them. Every draft of a billing run wrote an
 * entry with NULLs into `invoice_credited_invoice_idx` (credit notes only have `credited_invoice_id`)
 * and into the number key (a draft has no year nor sequence number), and the issuing UPDATE — a new
 * row version, never HOT — wrote the credited one again: 100,000 drafts made 300,000 entries that no
 * query reads. Both become partial. The number stays unique per tenant, series and year for every
 * issued invoice and credit note (NULLs never collided anyway; a unique index is what the constraint
 * was); a lookup or the self-referencing foreign key's check by `credited_invoice_id = $1` implies
 * it is not NULL, so the partial index serves them as before.
 */
export class PartialInvoiceKeys1795920000000 implements MigrationInterface {
  name = 'PartialInvoiceKeys1795920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX invoice_credited_invoice_idx`);
    await q.query(
      `CREATE INDEX invoice_credited_invoice_idx ON invoice (tenant_id, credited_invoice_id) WHERE credited_invoice_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE invoice DROP CONSTRAINT invoice_number_key`);
    await q.query(
      `CREATE UNIQUE INDEX invoice_number_key ON invoice (tenant_id, kind, year, sequence_no) WHERE sequence_no IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX invoice_number_key`);
    await q.query(`ALTER TABLE invoice ADD CONSTRAINT invoice_number_key UNIQUE (tenant_id, kind, year, sequence_no)`);
    await q.query(`DROP INDEX invoice_credited_invoice_idx`);
    await q.query(`CREATE INDEX invoice_credited_invoice_idx ON invoice (tenant_id, credited_invoice_id)`);
  }
}
