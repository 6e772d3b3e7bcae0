import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The subscriber's side of finance (issue 17 §2, §7):
 * - `subscriber_account.members_see_invoices`: the owner lets members see the account's invoices;
 * - `invoicing_settings.subscribers_may_change_plan`: the tenant lets owners change plan or quantity;
 * - `mail_attachment`: a queued mail's attachments, by reference to the stored invoice file (the
 *   bytes stay in `invoice_file`, which is insert-only, so the outbox never holds a copy);
 * - the helpdesk scope `invoices:read`, allowed by default and for tenants that allowed every scope.
 */
export class AddSubscriberInvoices1795608000000 implements MigrationInterface {
  name = 'AddSubscriberInvoices1795608000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subscriber_account ADD COLUMN members_see_invoices boolean NOT NULL DEFAULT false`);
    await q.query(
      `ALTER TABLE invoicing_settings ADD COLUMN subscribers_may_change_plan boolean NOT NULL DEFAULT false`,
    );
    await q.query(`
      CREATE TABLE mail_attachment (
        tenant_id  uuid NOT NULL,
        mail_id    uuid NOT NULL,
        position   integer NOT NULL CONSTRAINT mail_attachment_position_check CHECK (position BETWEEN 1 AND 10),
        invoice_id uuid NOT NULL,
        format     text NOT NULL,
        CONSTRAINT mail_attachment_pkey PRIMARY KEY (tenant_id, mail_id, position),
        CONSTRAINT mail_attachment_tenant_id_mail_id_fkey FOREIGN KEY (tenant_id, mail_id) REFERENCES mail_message (tenant_id, id),
        CONSTRAINT mail_attachment_tenant_id_invoice_id_format_fkey FOREIGN KEY (tenant_id, invoice_id, format)
          REFERENCES invoice_file (tenant_id, invoice_id, format)
      )`);
    await q.query(
      `CREATE TRIGGER mail_attachment_insert_only BEFORE UPDATE OR DELETE ON mail_attachment FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(`ALTER TABLE mail_attachment ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE mail_attachment FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON mail_attachment
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT ON mail_attachment TO portal_runtime`);
    await q.query(
      `ALTER TABLE tenant_access_settings ALTER COLUMN allowed_scopes
         SET DEFAULT ARRAY['profile:read', 'billing:read', 'billing:write', 'newsletters:read', 'invoices:read']`,
    );
    // SQL: a tenant that allowed every scope there was allows the new one too; a narrowed list stays as it is.
    await q.query(
      `UPDATE tenant_access_settings SET allowed_scopes = allowed_scopes || ARRAY['invoices:read']
        WHERE allowed_scopes @> ARRAY['profile:read', 'billing:read', 'billing:write', 'newsletters:read']`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE tenant_access_settings SET allowed_scopes = array_remove(allowed_scopes, 'invoices:read')`);
    await q.query(
      `ALTER TABLE tenant_access_settings ALTER COLUMN allowed_scopes
         SET DEFAULT ARRAY['profile:read', 'billing:read', 'billing:write', 'newsletters:read']`,
    );
    await q.query(`DROP TABLE mail_attachment`);
    await q.query(`ALTER TABLE invoicing_settings DROP COLUMN subscribers_may_change_plan`);
    await q.query(`ALTER TABLE subscriber_account DROP COLUMN members_see_invoices`);
  }
}
