import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QUEUE_SCHEMA } from './1795480000000-AddSignInSecurity';

/** Writes a held disclosure to the person's access log on the day its legal hold ends. */
export const PRIVACY_DISCLOSURE_NOTICE_QUEUE = 'privacy-disclosure-notices';

const BASES = `('consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests')`;

/**
 * The privacy page's sources (issue 18 §1, §9): the tenant's record of processing activities
 * (Art. 30; one row per data category with purpose, legal basis, retention, recipients and any
 * automated decision-making, in nl and en), the register of disclosures of a person's data to a third
 * party (with an optional legal hold that delays telling the person), and the age confirmation
 * sign-up asks for (`minimum_age`, `parental_consent_allowed` on the privacy settings).
 */
export class AddProcessingRecordAndDisclosures1795710000000 implements MigrationInterface {
  name = 'AddProcessingRecordAndDisclosures1795710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE processing_activity (
        tenant_id               uuid NOT NULL,
        id                      uuid NOT NULL DEFAULT gen_random_uuid(),
        position                int NOT NULL DEFAULT 0,
        category_nl             text NOT NULL CONSTRAINT processing_activity_category_nl_check CHECK (length(category_nl) BETWEEN 1 AND 200),
        category_en             text NOT NULL CONSTRAINT processing_activity_category_en_check CHECK (length(category_en) BETWEEN 1 AND 200),
        purpose_nl              text NOT NULL CONSTRAINT processing_activity_purpose_nl_check CHECK (length(purpose_nl) BETWEEN 1 AND 2000),
        purpose_en              text NOT NULL CONSTRAINT processing_activity_purpose_en_check CHECK (length(purpose_en) BETWEEN 1 AND 2000),
        legal_basis             text NOT NULL CONSTRAINT processing_activity_legal_basis_check CHECK (legal_basis IN ${BASES}),
        retention_nl            text NOT NULL CONSTRAINT processing_activity_retention_nl_check CHECK (length(retention_nl) BETWEEN 1 AND 1000),
        retention_en            text NOT NULL CONSTRAINT processing_activity_retention_en_check CHECK (length(retention_en) BETWEEN 1 AND 1000),
        recipients_nl           text NOT NULL CONSTRAINT processing_activity_recipients_nl_check CHECK (length(recipients_nl) BETWEEN 1 AND 1000),
        recipients_en           text NOT NULL CONSTRAINT processing_activity_recipients_en_check CHECK (length(recipients_en) BETWEEN 1 AND 1000),
        automated_decision_nl   text CONSTRAINT processing_activity_automated_decision_nl_check CHECK (length(automated_decision_nl) BETWEEN 1 AND 2000),
        automated_decision_en   text CONSTRAINT processing_activity_automated_decision_en_check CHECK (length(automated_decision_en) BETWEEN 1 AND 2000),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        version                 int NOT NULL DEFAULT 1,
        CONSTRAINT processing_activity_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT processing_activity_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id),
        CONSTRAINT processing_activity_automated_check CHECK ((automated_decision_nl IS NULL) = (automated_decision_en IS NULL))
      )`);
    await q.query(`ALTER TABLE processing_activity ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE processing_activity FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON processing_activity
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON processing_activity TO portal_runtime`);

    await q.query(`
      CREATE TABLE privacy_disclosure (
        tenant_id             uuid NOT NULL,
        id                    uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id               uuid NOT NULL,
        recipient             text NOT NULL CONSTRAINT privacy_disclosure_recipient_check CHECK (length(recipient) BETWEEN 1 AND 300),
        legal_basis           text NOT NULL CONSTRAINT privacy_disclosure_legal_basis_check CHECK (legal_basis IN ${BASES}),
        categories            text NOT NULL CONSTRAINT privacy_disclosure_categories_check CHECK (length(categories) BETWEEN 1 AND 1000),
        disclosed_on          date NOT NULL,
        notice_delayed_until  date,
        recorded_by           uuid NOT NULL,
        recorded_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT privacy_disclosure_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT privacy_disclosure_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id),
        CONSTRAINT privacy_disclosure_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT privacy_disclosure_hold_check CHECK (notice_delayed_until IS NULL OR notice_delayed_until > disclosed_on)
      )`);
    await q.query(`CREATE INDEX privacy_disclosure_user_idx ON privacy_disclosure (tenant_id, user_id)`);
    await q.query(`ALTER TABLE privacy_disclosure ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE privacy_disclosure FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON privacy_disclosure
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    // A disclosure is a fact: recorded, never edited away (erasure removes it with the person).
    await q.query(`GRANT SELECT, INSERT ON privacy_disclosure TO portal_runtime`);

    // A held disclosure reaches the access log (which the person reads) only when its hold ends.
    await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [
      PRIVACY_DISCLOSURE_NOTICE_QUEUE,
      JSON.stringify({ retryLimit: 5, retryDelay: 300, expireInSeconds: 600 }),
    ]);

    await q.query(`
      ALTER TABLE privacy_settings
        ADD COLUMN minimum_age int CONSTRAINT privacy_settings_minimum_age_check CHECK (minimum_age BETWEEN 1 AND 21),
        ADD COLUMN parental_consent_allowed boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE privacy_settings DROP COLUMN minimum_age, DROP COLUMN parental_consent_allowed`);
    await q.query(`SELECT ${QUEUE_SCHEMA}.delete_queue($1)`, [PRIVACY_DISCLOSURE_NOTICE_QUEUE]);
    await q.query(`DROP TABLE privacy_disclosure`);
    await q.query(`DROP TABLE processing_activity`);
  }
}
