import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 §1, ADR 0021: the tenant's invoice e-mail — where customers write about their invoices. It is
 * the seller contact e-mail (BT-43) and, where neither a KvK number nor the VAT id has an electronic
 * address scheme (a Canadian supplier), the seller's electronic address (BT-34, scheme EM).
 */
export class AddInvoiceEmail1796420000000 implements MigrationInterface {
  name = 'AddInvoiceEmail1796420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE invoicing_settings
        ADD COLUMN invoice_email text
          CONSTRAINT invoicing_settings_invoice_email_check CHECK (length(invoice_email) BETWEEN 3 AND 254)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoicing_settings DROP COLUMN invoice_email`);
  }
}
