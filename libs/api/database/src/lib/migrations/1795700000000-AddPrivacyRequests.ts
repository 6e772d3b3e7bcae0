import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy requests (issue 18 §5): every request a person makes under the GDPR — on the privacy page
 * or registered by staff when it came by mail or phone — with its legal deadline (one month after
 * receipt, Art. 12(3); `extended_until` at most two months later, with the reason the person is
 * told), status and outcome. A request outlives the user it came from (proof that it was handled),
 * so `user_id` has no foreign key: an erasure leaves the request, pointing at nobody.
 *
 * With it, what every slice of the privacy rights builds on: the tenant's privacy settings (contact,
 * supervisory authority, the erasure's grace period), the consent ledger widened from newsletters
 * to every purpose the person decides on (age confirmation, objections, cookies, acknowledged
 * statements), and the person's restriction (Art. 18) and objections (Art. 21) on `app_user`.
 */
export class AddPrivacyRequests1795700000000 implements MigrationInterface {
  name = 'AddPrivacyRequests1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE privacy_request (
        tenant_id        uuid NOT NULL,
        id               uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id          uuid,
        account_id       uuid,
        type             text NOT NULL CONSTRAINT privacy_request_type_check CHECK (type IN
                           ('access', 'rectification', 'erasure', 'restriction', 'objection', 'portability', 'question', 'complaint')),
        channel          text NOT NULL CONSTRAINT privacy_request_channel_check CHECK (channel IN ('portal', 'email', 'phone', 'letter')),
        details          text CONSTRAINT privacy_request_details_check CHECK (length(details) <= 4000),
        received_on      date NOT NULL,
        deadline         date NOT NULL,
        extended_until   date,
        extension_reason text CONSTRAINT privacy_request_extension_reason_check CHECK (length(extension_reason) BETWEEN 1 AND 2000),
        status           text NOT NULL DEFAULT 'open' CONSTRAINT privacy_request_status_check CHECK (status IN ('open', 'done', 'refused', 'withdrawn')),
        outcome          text CONSTRAINT privacy_request_outcome_check CHECK (length(outcome) <= 4000),
        registered_by    uuid,
        closed_at        timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        version          int NOT NULL DEFAULT 1,
        CONSTRAINT privacy_request_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT privacy_request_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id),
        CONSTRAINT privacy_request_extension_check CHECK (
          (extended_until IS NULL AND extension_reason IS NULL)
          OR (extended_until > deadline AND extended_until <= deadline + interval '2 months' AND extension_reason IS NOT NULL)),
        CONSTRAINT privacy_request_closed_check CHECK ((status = 'open') = (closed_at IS NULL))
      )`);
    await q.query(`CREATE INDEX privacy_request_user_idx ON privacy_request (tenant_id, user_id)`);
    await q.query(`CREATE INDEX privacy_request_open_idx ON privacy_request (tenant_id, deadline) WHERE status = 'open'`);
    await q.query(`ALTER TABLE privacy_request ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE privacy_request FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON privacy_request
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON privacy_request TO portal_runtime`);

    await q.query(`
      CREATE TABLE privacy_settings (
        tenant_id          uuid NOT NULL,
        contact_email      text CONSTRAINT privacy_settings_contact_email_check CHECK (length(contact_email) BETWEEN 3 AND 254),
        contact_phone      text CONSTRAINT privacy_settings_contact_phone_check CHECK (contact_phone ~ '^\\+[1-9][0-9]{6,14}$'),
        authority_name     text CONSTRAINT privacy_settings_authority_name_check CHECK (length(authority_name) BETWEEN 1 AND 200),
        authority_url      text CONSTRAINT privacy_settings_authority_url_check CHECK (authority_url ~ '^https://'),
        erasure_grace_days int NOT NULL DEFAULT 14 CONSTRAINT privacy_settings_erasure_grace_days_check CHECK (erasure_grace_days BETWEEN 0 AND 90),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        version            int NOT NULL DEFAULT 1,
        CONSTRAINT privacy_settings_pkey PRIMARY KEY (tenant_id),
        CONSTRAINT privacy_settings_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id)
      )`);
    await q.query(`ALTER TABLE privacy_settings ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE privacy_settings FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON privacy_settings
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON privacy_settings TO portal_runtime`);

    // The consent ledger: newsletters were its only purpose; a row of another purpose has no list.
    await q.query(`
      ALTER TABLE consent_record
        ALTER COLUMN list_id DROP NOT NULL,
        ADD COLUMN purpose text NOT NULL DEFAULT 'newsletter' CONSTRAINT consent_record_purpose_check CHECK (purpose IN
          ('newsletter', 'age', 'direct-marketing', 'statistics', 'cookies', 'privacy-statement')),
        ADD CONSTRAINT consent_record_list_purpose_check CHECK ((purpose = 'newsletter') = (list_id IS NOT NULL)),
        DROP CONSTRAINT consent_record_action_check,
        ADD CONSTRAINT consent_record_action_check CHECK (action IN
          ('opted-in', 'confirmed', 'opted-out', 'given', 'withdrawn', 'objected', 'acknowledged')),
        DROP CONSTRAINT consent_record_method_check,
        ADD CONSTRAINT consent_record_method_check CHECK (method IN
          ('portal', 'mail-link', 'one-click', 'admin-import', 'sign-up', 'banner', 'staff'))`);

    // Restriction of processing (Art. 18), with its reason and who set it; objections per purpose (Art. 21).
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN restricted_at timestamptz,
        ADD COLUMN restriction_reason text CONSTRAINT app_user_restriction_reason_check CHECK (length(restriction_reason) BETWEEN 1 AND 2000),
        ADD COLUMN restricted_by uuid,
        ADD COLUMN marketing_objected_at timestamptz,
        ADD COLUMN statistics_objected_at timestamptz,
        ADD CONSTRAINT app_user_restriction_check CHECK ((restricted_at IS NULL) = (restriction_reason IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user DROP CONSTRAINT app_user_restriction_check, DROP COLUMN restricted_at,
        DROP COLUMN restriction_reason, DROP COLUMN restricted_by, DROP COLUMN marketing_objected_at,
        DROP COLUMN statistics_objected_at`);
    await q.query(`
      ALTER TABLE consent_record DROP CONSTRAINT consent_record_list_purpose_check, DROP COLUMN purpose,
        ALTER COLUMN list_id SET NOT NULL,
        DROP CONSTRAINT consent_record_action_check,
        ADD CONSTRAINT consent_record_action_check CHECK (action IN ('opted-in', 'confirmed', 'opted-out')),
        DROP CONSTRAINT consent_record_method_check,
        ADD CONSTRAINT consent_record_method_check CHECK (method IN ('portal', 'mail-link', 'one-click', 'admin-import'))`);
    await q.query(`DROP TABLE privacy_settings`);
    await q.query(`DROP TABLE privacy_request`);
  }
}
