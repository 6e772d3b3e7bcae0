import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy statements with versions (issue 18 §6): per tenant, numbered versions with a Dutch and an
 * English body in Markdown, an effective date and a summary of the changes. A version is a draft
 * (`published_at` null; at most one per tenant) until the tenant admin publishes it; a published
 * version never changes again (a trigger refuses it), so what a person acknowledged stays readable.
 * `revision` is the draft's edit counter (its ETag).
 */
export class AddPrivacyStatements1795750000000 implements MigrationInterface {
  name = 'AddPrivacyStatements1795750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE privacy_statement (
        tenant_id     uuid NOT NULL,
        version       int NOT NULL CONSTRAINT privacy_statement_version_check CHECK (version >= 1),
        effective_on  date NOT NULL,
        summary_nl    text NOT NULL CONSTRAINT privacy_statement_summary_nl_check CHECK (length(summary_nl) <= 2000),
        summary_en    text NOT NULL CONSTRAINT privacy_statement_summary_en_check CHECK (length(summary_en) <= 2000),
        body_nl       text NOT NULL CONSTRAINT privacy_statement_body_nl_check CHECK (length(body_nl) <= 100000),
        body_en       text NOT NULL CONSTRAINT privacy_statement_body_en_check CHECK (length(body_en) <= 100000),
        published_at  timestamptz,
        published_by  uuid,
        announced_to  int,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        revision      int NOT NULL DEFAULT 1,
        CONSTRAINT privacy_statement_pkey PRIMARY KEY (tenant_id, version),
        CONSTRAINT privacy_statement_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX privacy_statement_one_draft ON privacy_statement (tenant_id) WHERE published_at IS NULL`,
    );
    await q.query(`
      CREATE FUNCTION privacy_statement_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.published_at IS NOT NULL THEN
          RAISE EXCEPTION 'a published privacy statement never changes' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER privacy_statement_frozen BEFORE UPDATE OR DELETE ON privacy_statement
        FOR EACH ROW EXECUTE FUNCTION privacy_statement_frozen()`);
    await q.query(`ALTER TABLE privacy_statement ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE privacy_statement FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON privacy_statement
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON privacy_statement TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE privacy_statement`);
    await q.query(`DROP FUNCTION privacy_statement_frozen()`);
  }
}
