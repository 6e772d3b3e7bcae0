import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing details that follow the account's country (issue 16 §4): a `region` (US state, Canadian
 * province, free text in the generic form), and a tax id that may be a Canadian GST/HST account
 * (9-digit business number + RT + 4 digits) besides a VAT id. Existing rows satisfy both checks.
 */
export class FollowBillingCountry1795575000000 implements MigrationInterface {
  name = 'FollowBillingCountry1795575000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subscriber_account ADD COLUMN region text CONSTRAINT subscriber_account_region_check CHECK (length(region) >= 1 AND length(region) <= 100)`);
    await q.query(`ALTER TABLE subscriber_account DROP CONSTRAINT subscriber_account_vat_id_check`);
    await q.query(
      `ALTER TABLE subscriber_account ADD CONSTRAINT subscriber_account_vat_id_check CHECK (vat_id ~ '^([A-Z]{2}[0-9A-Z+*.]{2,13}|[0-9]{9}RT[0-9]{4})$')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE subscriber_account SET vat_id = NULL, vat_valid = NULL, vat_checked_at = NULL WHERE vat_id ~ '^[0-9]{9}RT[0-9]{4}$'`);
    await q.query(`ALTER TABLE subscriber_account DROP CONSTRAINT subscriber_account_vat_id_check`);
    await q.query(`ALTER TABLE subscriber_account ADD CONSTRAINT subscriber_account_vat_id_check CHECK (vat_id ~ '^[A-Z]{2}[0-9A-Z+*.]{2,13}$')`);
    await q.query(`ALTER TABLE subscriber_account DROP COLUMN region`);
  }
}
