import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tenant has a country (issue 16 §4): a phone number typed without +country is read in the
 * account's billing country, else in the tenant's (staff, and accounts without billing details).
 * Existing tenants get theirs from their currency: CAD → CA, USD → US, GBP → GB, else NL (every
 * euro tenant so far is Dutch); `tenant:create --country` sets it for new ones.
 */
export class AddTenantCountry1795580000000 implements MigrationInterface {
  name = 'AddTenantCountry1795580000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenant ADD COLUMN country text`);
    await q.query(
      `UPDATE tenant SET country = CASE currency WHEN 'CAD' THEN 'CA' WHEN 'USD' THEN 'US' WHEN 'GBP' THEN 'GB' ELSE 'NL' END`,
    );
    await q.query(`
      ALTER TABLE tenant ALTER COLUMN country SET NOT NULL,
        ADD CONSTRAINT tenant_country_check CHECK (country ~ '^[A-Z]{2}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenant DROP COLUMN country`);
  }
}
