import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QUEUE_SCHEMA } from './1795480000000-AddSignInSecurity';

export const BILLING_REMINDER_QUEUE = 'billing-reminders';

/**
 * Payment reminders (issue 17 §6): the tenant's settings (after how many days overdue, at most how
 * many, how many days apart; `reminder_max` 0 is off, the default) and one insert-only row per
 * reminder sent. The primary key (invoice, reminder number) is what keeps a reminder from going
 * out twice when several workers run the job at once: the row and its mail commit together.
 */
export class AddPaymentReminders1795609000000 implements MigrationInterface {
  name = 'AddPaymentReminders1795609000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE invoicing_settings
        ADD COLUMN reminder_after_days int NOT NULL DEFAULT 7
          CONSTRAINT invoicing_settings_reminder_after_days_check CHECK (reminder_after_days BETWEEN 0 AND 365),
        ADD COLUMN reminder_max int NOT NULL DEFAULT 0
          CONSTRAINT invoicing_settings_reminder_max_check CHECK (reminder_max BETWEEN 0 AND 10),
        ADD COLUMN reminder_interval_days int NOT NULL DEFAULT 14
          CONSTRAINT invoicing_settings_reminder_interval_days_check CHECK (reminder_interval_days BETWEEN 1 AND 365)`);
    await q.query(`
      CREATE TABLE payment_reminder (
        tenant_id   uuid NOT NULL,
        invoice_id  uuid NOT NULL,
        reminder_no int NOT NULL CONSTRAINT payment_reminder_reminder_no_check CHECK (reminder_no BETWEEN 1 AND 10),
        recipient   text NOT NULL CONSTRAINT payment_reminder_recipient_check CHECK (length(recipient) BETWEEN 3 AND 320),
        language    text NOT NULL CONSTRAINT payment_reminder_language_check CHECK (language IN ('nl', 'en')),
        sent_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payment_reminder_pkey PRIMARY KEY (tenant_id, invoice_id, reminder_no),
        CONSTRAINT payment_reminder_tenant_id_invoice_id_fkey FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice (tenant_id, id)
      )`);
    await q.query(
      `CREATE TRIGGER payment_reminder_insert_only BEFORE UPDATE OR DELETE ON payment_reminder FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(`ALTER TABLE payment_reminder ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE payment_reminder FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON payment_reminder
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT ON payment_reminder TO portal_runtime`);
    // One hourly job (a pg-boss schedule) that goes through every tenant; one at a time across workers.
    await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [
      BILLING_REMINDER_QUEUE,
      JSON.stringify({ policy: 'singleton', retryLimit: 2, retryDelay: 60, expireInSeconds: 600 }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT ${QUEUE_SCHEMA}.delete_queue($1)`, [BILLING_REMINDER_QUEUE]);
    await q.query(`DROP TABLE payment_reminder`);
    await q.query(
      `ALTER TABLE invoicing_settings DROP COLUMN reminder_after_days, DROP COLUMN reminder_max, DROP COLUMN reminder_interval_days`,
    );
  }
}
