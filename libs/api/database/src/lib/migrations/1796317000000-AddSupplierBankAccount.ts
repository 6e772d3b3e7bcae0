import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 §1, ADR 0021: a supplier outside the SEPA area (the Canadian tenant) gives a bank account
 * instead of an IBAN — the bank's name and account number, and for Canada the institution and transit
 * numbers. An account is whole or absent, and never beside an IBAN.
 */
export class AddSupplierBankAccount1796317000000 implements MigrationInterface {
  name = 'AddSupplierBankAccount1796317000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE invoicing_settings
        ADD COLUMN bank_name text
          CONSTRAINT invoicing_settings_bank_name_check CHECK (length(bank_name) BETWEEN 1 AND 100),
        ADD COLUMN bank_institution_number text
          CONSTRAINT invoicing_settings_bank_institution_number_check CHECK (bank_institution_number ~ '^[0-9]{3}$'),
        ADD COLUMN bank_transit_number text
          CONSTRAINT invoicing_settings_bank_transit_number_check CHECK (bank_transit_number ~ '^[0-9]{5}$'),
        ADD COLUMN bank_account_number text
          CONSTRAINT invoicing_settings_bank_account_number_check CHECK (length(bank_account_number) BETWEEN 4 AND 60),
        ADD CONSTRAINT invoicing_settings_bank_account_check CHECK (
          (bank_name IS NULL AND bank_account_number IS NULL AND bank_institution_number IS NULL AND bank_transit_number IS NULL)
          OR (bank_name IS NOT NULL AND bank_account_number IS NOT NULL AND iban IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE invoicing_settings
        DROP CONSTRAINT invoicing_settings_bank_account_check,
        DROP COLUMN bank_account_number,
        DROP COLUMN bank_transit_number,
        DROP COLUMN bank_institution_number,
        DROP COLUMN bank_name`);
  }
}
