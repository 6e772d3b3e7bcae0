import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finance (issue 17 §1): a tenant's invoicing settings (the supplier on every invoice, the number
 * prefix, payment term, review window, footers) and its tax categories with their rates and texts.
 * One settings row per tenant, made on first save (a read before that shows the defaults).
 */
export class AddInvoicingSettings1795600000000 implements MigrationInterface {
  name = 'AddInvoicingSettings1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoicing_settings (
        tenant_id           uuid NOT NULL,
        legal_name          text CONSTRAINT invoicing_settings_legal_name_check CHECK (length(legal_name) BETWEEN 1 AND 200),
        street_line         text CONSTRAINT invoicing_settings_street_line_check CHECK (length(street_line) BETWEEN 1 AND 200),
        postal_code         text CONSTRAINT invoicing_settings_postal_code_check CHECK (length(postal_code) BETWEEN 2 AND 12),
        city                text CONSTRAINT invoicing_settings_city_check CHECK (length(city) BETWEEN 1 AND 100),
        region              text CONSTRAINT invoicing_settings_region_check CHECK (length(region) BETWEEN 1 AND 100),
        country             char(2) CONSTRAINT invoicing_settings_country_check CHECK (country ~ '^[A-Z]{2}$'),
        vat_id              text CONSTRAINT invoicing_settings_vat_id_check CHECK (vat_id ~ '^([A-Z]{2}[0-9A-Z+*.]{2,13}|[0-9]{9}RT[0-9]{4})$'),
        coc_number          text CONSTRAINT invoicing_settings_coc_number_check CHECK (length(coc_number) BETWEEN 1 AND 24),
        iban                text CONSTRAINT invoicing_settings_iban_check CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        bic                 text CONSTRAINT invoicing_settings_bic_check CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
        number_prefix       text CONSTRAINT invoicing_settings_number_prefix_check CHECK (number_prefix ~ '^[A-Z0-9]{1,10}$'),
        payment_term_days   int NOT NULL DEFAULT 14 CONSTRAINT invoicing_settings_payment_term_days_check CHECK (payment_term_days BETWEEN 0 AND 365),
        review_window_hours int NOT NULL DEFAULT 24 CONSTRAINT invoicing_settings_review_window_hours_check CHECK (review_window_hours BETWEEN 0 AND 720),
        footer_nl           text NOT NULL DEFAULT '' CONSTRAINT invoicing_settings_footer_nl_check CHECK (length(footer_nl) <= 500),
        footer_en           text NOT NULL DEFAULT '' CONSTRAINT invoicing_settings_footer_en_check CHECK (length(footer_en) <= 500),
        time_zone           text NOT NULL DEFAULT 'Europe/Amsterdam' CONSTRAINT invoicing_settings_time_zone_check CHECK (length(time_zone) BETWEEN 1 AND 64),
        version             int NOT NULL DEFAULT 1,
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invoicing_settings_pkey PRIMARY KEY (tenant_id),
        CONSTRAINT invoicing_settings_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id)
      )`);

    // The tenant's own categories for domestic customers (UNCL5305 S, Z or E with a rate and a text);
    // reverse charge and export categories follow from the customer (tax-rules.ts), not from here.
    await q.query(`
      CREATE TABLE tax_category (
        tenant_id         uuid NOT NULL,
        code              text NOT NULL CONSTRAINT tax_category_code_check CHECK (code ~ '^[a-z0-9-]{1,20}$'),
        category          text NOT NULL CONSTRAINT tax_category_category_check CHECK (category IN ('S', 'Z', 'E')),
        rate_basis_points int NOT NULL CONSTRAINT tax_category_rate_basis_points_check CHECK (rate_basis_points BETWEEN 0 AND 10000),
        text_nl           text NOT NULL CONSTRAINT tax_category_text_nl_check CHECK (length(text_nl) BETWEEN 1 AND 200),
        text_en           text NOT NULL CONSTRAINT tax_category_text_en_check CHECK (length(text_en) BETWEEN 1 AND 200),
        CONSTRAINT tax_category_pkey PRIMARY KEY (tenant_id, code),
        CONSTRAINT tax_category_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id),
        CONSTRAINT tax_category_rate_check CHECK (category = 'S' OR rate_basis_points = 0)
      )`);

    for (const table of ['invoicing_settings', 'tax_category']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant())`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE ON invoicing_settings TO portal_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON tax_category TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tax_category, invoicing_settings`);
  }
}
