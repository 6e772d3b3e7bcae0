import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QUEUE_SCHEMA } from './1795480000000-AddSignInSecurity';

export const BILLING_RENDER_QUEUE = 'billing-render';

/**
 * Finance (issue 17 §5): the PDF and UBL file of each issued invoice, rendered after the finalising
 * transaction commits (a job per invoice) and stored with its SHA-256: insert-only for every role,
 * so what was sent is served byte for byte the same forever.
 */
export class AddInvoiceFiles1795603000000 implements MigrationInterface {
  name = 'AddInvoiceFiles1795603000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoice_file (
        tenant_id  uuid NOT NULL,
        invoice_id uuid NOT NULL,
        format     text NOT NULL CONSTRAINT invoice_file_format_check CHECK (format IN ('pdf', 'ubl')),
        media_type text NOT NULL,
        file_name  text NOT NULL CONSTRAINT invoice_file_file_name_check CHECK (length(file_name) BETWEEN 1 AND 100),
        sha256     text NOT NULL CONSTRAINT invoice_file_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content    bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invoice_file_pkey PRIMARY KEY (tenant_id, invoice_id, format),
        CONSTRAINT invoice_file_tenant_id_invoice_id_fkey FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice (tenant_id, id),
        CONSTRAINT invoice_file_digest_check CHECK (sha256 = encode(sha256(content), 'hex'))
      )`);
    await q.query(
      `CREATE TRIGGER invoice_file_insert_only BEFORE UPDATE OR DELETE ON invoice_file FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER invoice_file_no_truncate BEFORE TRUNCATE ON invoice_file FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(`ALTER TABLE invoice_file ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE invoice_file FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON invoice_file
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT ON invoice_file TO portal_runtime`);
    await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [
      BILLING_RENDER_QUEUE,
      JSON.stringify({ policy: 'standard', retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT ${QUEUE_SCHEMA}.delete_queue($1)`, [BILLING_RENDER_QUEUE]);
    await q.query(`DROP TABLE invoice_file`);
  }
}
