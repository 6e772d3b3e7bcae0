import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finance (issue 17 §6): payments registered by hand against an issued invoice (date, amount,
 * reference; partial payments add up). Insert-only for every role: a wrong payment is corrected by
 * a later one, never edited away. The invoice turns paid when they cover its total.
 */
export class AddPayments1795604000000 implements MigrationInterface {
  name = 'AddPayments1795604000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment (
        tenant_id    uuid NOT NULL,
        id           uuid NOT NULL DEFAULT gen_random_uuid(),
        invoice_id   uuid NOT NULL,
        amount_minor bigint NOT NULL CONSTRAINT payment_amount_minor_check CHECK (amount_minor > 0),
        paid_on      date NOT NULL,
        reference    text NOT NULL CONSTRAINT payment_reference_check CHECK (length(reference) BETWEEN 1 AND 200),
        created_by   uuid,
        created_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payment_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT payment_tenant_id_invoice_id_fkey FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX payment_invoice_idx ON payment (tenant_id, invoice_id)`);
    await q.query(`CREATE TRIGGER payment_insert_only BEFORE UPDATE OR DELETE ON payment FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER payment_no_truncate BEFORE TRUNCATE ON payment FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    await q.query(`ALTER TABLE payment ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE payment FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON payment
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT ON payment TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment`);
  }
}
