import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mijn account (issue 4): profile fields, company and billing details, an append-only change
 * history, newsletter lists with subscriptions, and the append-only consent ledger.
 */
export class AddAccountDetailsAndNewsletters1795490000000 implements MigrationInterface {
  name = 'AddAccountDetailsAndNewsletters1795490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN phone_e164 text CHECK (phone_e164 ~ '^\\+[1-9][0-9]{6,14}$'),
        ADD COLUMN time_zone  text CHECK (length(time_zone) BETWEEN 1 AND 64)`);

    await q.query(`
      ALTER TABLE subscriber_account
        ADD COLUMN company_name          text CHECK (length(company_name) BETWEEN 1 AND 200),
        ADD COLUMN coc_number            text CHECK (length(coc_number) BETWEEN 1 AND 20),
        ADD COLUMN vat_id                text CHECK (vat_id ~ '^[A-Z]{2}[0-9A-Z+*.]{2,13}$'),
        ADD COLUMN vat_valid             boolean,
        ADD COLUMN vat_checked_at        timestamptz,
        ADD COLUMN billing_email         text CHECK (billing_email = lower(billing_email) AND length(billing_email) BETWEEN 3 AND 254),
        ADD COLUMN street                text CHECK (length(street) BETWEEN 1 AND 200),
        ADD COLUMN house_number          text CHECK (length(house_number) BETWEEN 1 AND 10),
        ADD COLUMN house_number_addition text CHECK (length(house_number_addition) BETWEEN 1 AND 10),
        ADD COLUMN postal_code           text CHECK (length(postal_code) BETWEEN 2 AND 12),
        ADD COLUMN city                  text CHECK (length(city) BETWEEN 1 AND 100),
        ADD COLUMN country               char(2) CHECK (country ~ '^[A-Z]{2}$')`);

    // What changed, when, by whom: written with every edit, never rewritten.
    await q.query(`
      CREATE TABLE change_history (
        tenant_id       uuid NOT NULL REFERENCES tenant (id),
        id              bigint GENERATED ALWAYS AS IDENTITY,
        subject_type    text NOT NULL CHECK (subject_type IN ('profile', 'billing')),
        subject_id      uuid NOT NULL,
        changed_by      uuid,
        changed_by_name text NOT NULL,
        changed_by_kind text NOT NULL CHECK (changed_by_kind IN ('subscriber', 'staff')),
        changes         jsonb NOT NULL,
        at              timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX change_history_subject_idx ON change_history (tenant_id, subject_type, subject_id, at DESC)`);

    await q.query(`
      CREATE TABLE newsletter_list (
        tenant_id      uuid NOT NULL REFERENCES tenant (id),
        id             uuid NOT NULL DEFAULT gen_random_uuid(),
        name_nl        text NOT NULL CHECK (length(name_nl) BETWEEN 1 AND 100),
        name_en        text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
        description_nl text NOT NULL DEFAULT '' CHECK (length(description_nl) <= 500),
        description_en text NOT NULL DEFAULT '' CHECK (length(description_en) <= 500),
        visible        boolean NOT NULL DEFAULT true,
        created_at     timestamptz NOT NULL DEFAULT now(),
        version        int NOT NULL DEFAULT 1,
        PRIMARY KEY (tenant_id, id)
      )`);

    await q.query(`
      CREATE TABLE newsletter_subscription (
        tenant_id  uuid NOT NULL,
        list_id    uuid NOT NULL,
        user_id    uuid NOT NULL,
        status     text NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, list_id, user_id),
        FOREIGN KEY (tenant_id, list_id) REFERENCES newsletter_list (tenant_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
      )`);

    // The consent ledger: one row per opt-in, confirmation and opt-out, with the words shown.
    // No foreign key to the user: a person's consent record outlives their account.
    await q.query(`
      CREATE TABLE consent_record (
        tenant_id       uuid NOT NULL REFERENCES tenant (id),
        id              bigint GENERATED ALWAYS AS IDENTITY,
        list_id         uuid NOT NULL,
        user_id         uuid NOT NULL,
        email           text NOT NULL,
        action          text NOT NULL CHECK (action IN ('opted-in', 'confirmed', 'opted-out')),
        method          text NOT NULL CHECK (method IN ('portal', 'mail-link', 'one-click', 'admin-import')),
        ip              inet,
        wording         text NOT NULL,
        privacy_version text NOT NULL,
        at              timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, list_id) REFERENCES newsletter_list (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX consent_record_list_idx ON consent_record (tenant_id, list_id, user_id, at)`);
    await q.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['consent_record', 'change_history']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }

    await q.query(`
      CREATE TABLE newsletter_issue (
        tenant_id  uuid NOT NULL,
        id         uuid NOT NULL DEFAULT gen_random_uuid(),
        list_id    uuid NOT NULL,
        subject    text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 50000),
        sent_by    uuid NOT NULL,
        recipients int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, list_id) REFERENCES newsletter_list (tenant_id, id)
      )`);

    for (const table of ['change_history', 'newsletter_list', 'newsletter_subscription', 'consent_record', 'newsletter_issue']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant())`);
    }
    await q.query(`GRANT SELECT, INSERT ON change_history, consent_record, newsletter_issue TO portal_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON newsletter_list, newsletter_subscription TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE newsletter_issue, consent_record, newsletter_subscription, newsletter_list, change_history`);
    await q.query(`DROP FUNCTION refuse_change()`);
    await q.query(`
      ALTER TABLE subscriber_account DROP COLUMN company_name, DROP COLUMN coc_number, DROP COLUMN vat_id,
        DROP COLUMN vat_valid, DROP COLUMN vat_checked_at, DROP COLUMN billing_email, DROP COLUMN street,
        DROP COLUMN house_number, DROP COLUMN house_number_addition, DROP COLUMN postal_code, DROP COLUMN city,
        DROP COLUMN country`);
    await q.query(`ALTER TABLE app_user DROP COLUMN phone_e164, DROP COLUMN time_zone`);
  }
}
