import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QUEUE_SCHEMA } from './1795480000000-AddSignInSecurity';

export const BILLING_DRAFT_QUEUE = 'billing-draft';
export const BILLING_FINALISE_QUEUE = 'billing-finalise';

/**
 * Finance (issue 17 §3, §5): billing runs, invoices with their lines, the per-tenant number
 * counters, and idempotency keys. What PostgreSQL guarantees here, whatever the code does:
 * - at most one invoice per subscription and service period (`invoice_subscription_period_key`);
 * - at most one unfinished run per period (`billing_run_open_key`: `open` is 1 until completed, then NULL);
 * - numbers unique per tenant, series and year (`invoice_number_key`), taken from a counter row
 *   updated in the finalising transaction, so a rolled-back finalisation leaves no gap;
 * - an issued invoice's content never changes and it is never deleted, for every role (triggers):
 *   only its status moves on (open → paid / void / uncollectible).
 */
export class AddBillingRunsAndInvoices1795602000000 implements MigrationInterface {
  name = 'AddBillingRunsAndInvoices1795602000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE billing_run (
        tenant_id       uuid NOT NULL,
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        period_start    date NOT NULL,
        period_end      date NOT NULL,
        open            smallint DEFAULT 1 CONSTRAINT billing_run_open_check CHECK (open = 1),
        status          text NOT NULL DEFAULT 'drafting' CONSTRAINT billing_run_status_check CHECK (status IN ('drafting', 'review', 'finalising', 'completed')),
        to_bill         int NOT NULL DEFAULT 0,
        drafted         int NOT NULL DEFAULT 0,
        finalised       int NOT NULL DEFAULT 0,
        failed          int NOT NULL DEFAULT 0,
        skipped         int NOT NULL DEFAULT 0,
        cursor          uuid,
        failures        jsonb NOT NULL DEFAULT '[]',
        started_by      uuid,
        started_by_name text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        drafted_at      timestamptz,
        finalise_after  timestamptz,
        completed_at    timestamptz,
        CONSTRAINT billing_run_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT billing_run_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id),
        CONSTRAINT billing_run_open_key UNIQUE (tenant_id, period_start, period_end, open),
        CONSTRAINT billing_run_period_check CHECK (period_end >= period_start),
        CONSTRAINT billing_run_completed_check CHECK ((status = 'completed') = (open IS NULL))
      )`);

    await q.query(`
      CREATE TABLE invoice (
        tenant_id         uuid NOT NULL,
        id                uuid NOT NULL DEFAULT gen_random_uuid(),
        kind              text NOT NULL DEFAULT 'invoice' CONSTRAINT invoice_kind_check CHECK (kind IN ('invoice', 'credit-note')),
        run_id            uuid,
        account_id        uuid NOT NULL,
        subscription_id   uuid,
        period_start      date,
        period_end        date,
        status            text NOT NULL DEFAULT 'draft' CONSTRAINT invoice_status_check CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
        currency          char(3) NOT NULL CONSTRAINT invoice_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
        language          text NOT NULL CONSTRAINT invoice_language_check CHECK (language IN ('nl', 'en')),
        year              int,
        sequence_no       int CONSTRAINT invoice_sequence_no_check CHECK (sequence_no >= 1),
        number            text,
        issue_date        date,
        due_date          date,
        document          jsonb,
        net_minor         bigint NOT NULL DEFAULT 0,
        tax_minor         bigint,
        gross_minor       bigint,
        failure           text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        finalised_at      timestamptz,
        status_changed_at timestamptz,
        status_reason     text CONSTRAINT invoice_status_reason_check CHECK (length(status_reason) BETWEEN 1 AND 500),
        CONSTRAINT invoice_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT invoice_tenant_id_account_id_fkey FOREIGN KEY (tenant_id, account_id) REFERENCES subscriber_account (tenant_id, id),
        CONSTRAINT invoice_tenant_id_subscription_id_fkey FOREIGN KEY (tenant_id, subscription_id) REFERENCES subscription (tenant_id, id),
        CONSTRAINT invoice_tenant_id_run_id_fkey FOREIGN KEY (tenant_id, run_id) REFERENCES billing_run (tenant_id, id),
        CONSTRAINT invoice_subscription_period_key UNIQUE (tenant_id, subscription_id, period_start),
        CONSTRAINT invoice_number_key UNIQUE (tenant_id, kind, year, sequence_no),
        CONSTRAINT invoice_issued_check CHECK (
          (status = 'draft' AND number IS NULL AND sequence_no IS NULL AND year IS NULL AND document IS NULL)
          OR (status <> 'draft' AND number IS NOT NULL AND sequence_no IS NOT NULL AND year IS NOT NULL
              AND document IS NOT NULL AND issue_date IS NOT NULL AND gross_minor IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX invoice_run_idx ON invoice (tenant_id, run_id, status)`);
    await q.query(`CREATE INDEX invoice_account_idx ON invoice (tenant_id, account_id, created_at)`);

    await q.query(`
      CREATE TABLE invoice_line (
        tenant_id        uuid NOT NULL,
        invoice_id       uuid NOT NULL,
        position         int NOT NULL CONSTRAINT invoice_line_position_check CHECK (position >= 1),
        kind             text NOT NULL CONSTRAINT invoice_line_kind_check CHECK (kind IN ('recurring', 'proration-credit', 'proration-debit', 'one-off')),
        description      text NOT NULL CONSTRAINT invoice_line_description_check CHECK (length(description) BETWEEN 1 AND 500),
        quantity         int NOT NULL CONSTRAINT invoice_line_quantity_check CHECK (quantity <> 0),
        unit_price_minor bigint NOT NULL CONSTRAINT invoice_line_unit_price_minor_check CHECK (unit_price_minor >= 0),
        net_minor        bigint NOT NULL,
        tax_category     text NOT NULL,
        period_start     date,
        period_end       date,
        CONSTRAINT invoice_line_pkey PRIMARY KEY (tenant_id, invoice_id, position),
        CONSTRAINT invoice_line_tenant_id_invoice_id_fkey FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT invoice_line_net_check CHECK (net_minor = quantity * unit_price_minor)
      )`);

    // Gapless numbers: one row per tenant, series and year, incremented in the finalising transaction.
    await q.query(`
      CREATE TABLE invoice_number_counter (
        tenant_id   uuid NOT NULL,
        kind        text NOT NULL CONSTRAINT invoice_number_counter_kind_check CHECK (kind IN ('invoice', 'credit-note')),
        year        int NOT NULL CONSTRAINT invoice_number_counter_year_check CHECK (year BETWEEN 2000 AND 9999),
        prefix      text NOT NULL CONSTRAINT invoice_number_counter_prefix_check CHECK (prefix ~ '^[A-Z0-9]{1,10}$'),
        last_number int NOT NULL DEFAULT 0 CONSTRAINT invoice_number_counter_last_number_check CHECK (last_number >= 0),
        CONSTRAINT invoice_number_counter_pkey PRIMARY KEY (tenant_id, kind, year),
        CONSTRAINT invoice_number_counter_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id)
      )`);

    await q.query(`
      CREATE TABLE idempotency_key (
        tenant_id       uuid NOT NULL,
        user_id         uuid NOT NULL,
        key             text NOT NULL CONSTRAINT idempotency_key_key_check CHECK (length(key) BETWEEN 1 AND 200),
        route           text NOT NULL,
        request_hash    text NOT NULL,
        response_status int,
        response_body   jsonb,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT idempotency_key_pkey PRIMARY KEY (tenant_id, user_id, key),
        CONSTRAINT idempotency_key_tenant_id_user_id_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
      )`);

    await q.query(
      `ALTER TABLE proration ADD CONSTRAINT proration_tenant_id_invoice_id_fkey FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice (tenant_id, id)`,
    );

    // Issued documents are immutable for every role (the owner too): only the status moves on.
    await q.query(`
      CREATE FUNCTION invoice_issued_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        mutable CONSTANT text[] := ARRAY['status', 'status_changed_at', 'status_reason'];
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'invoice %: an issued invoice is never deleted', OLD.number USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status = 'draft' THEN
          RETURN NEW;
        END IF;
        IF (to_jsonb(NEW) - mutable) IS DISTINCT FROM (to_jsonb(OLD) - mutable) THEN
          RAISE EXCEPTION 'invoice %: the content of an issued invoice never changes', OLD.number USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.status <> OLD.status AND NOT (
             (OLD.status = 'open' AND NEW.status IN ('paid', 'void', 'uncollectible'))
          OR (OLD.status = 'uncollectible' AND NEW.status IN ('paid', 'void'))) THEN
          RAISE EXCEPTION 'invoice %: no way from % to %', OLD.number, OLD.status, NEW.status USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER invoice_issued_immutable BEFORE UPDATE OR DELETE ON invoice FOR EACH ROW EXECUTE FUNCTION invoice_issued_is_immutable()`,
    );
    await q.query(`
      CREATE FUNCTION invoice_line_of_draft_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent_status text;
      BEGIN
        SELECT status INTO parent_status FROM invoice
         WHERE tenant_id = COALESCE(NEW.tenant_id, OLD.tenant_id) AND id = COALESCE(NEW.invoice_id, OLD.invoice_id);
        IF parent_status IS NOT NULL AND parent_status <> 'draft' THEN
          RAISE EXCEPTION 'the lines of an issued invoice never change' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await q.query(
      `CREATE TRIGGER invoice_line_draft_only BEFORE INSERT OR UPDATE OR DELETE ON invoice_line FOR EACH ROW EXECUTE FUNCTION invoice_line_of_draft_only()`,
    );
    for (const table of ['invoice', 'invoice_line']) {
      await q.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
      );
    }

    for (const table of ['billing_run', 'invoice', 'invoice_line', 'invoice_number_counter', 'idempotency_key']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant())`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE ON billing_run, invoice_number_counter, idempotency_key TO portal_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON invoice, invoice_line TO portal_runtime`);

    // The jobs that draft and finalise a run in batches (one transaction each); a job that dies
    // with its process is taken up again after it expires, and every step is idempotent.
    for (const queue of [BILLING_DRAFT_QUEUE, BILLING_FINALISE_QUEUE]) {
      await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [
        queue,
        JSON.stringify({ policy: 'standard', retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 }),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const queue of [BILLING_DRAFT_QUEUE, BILLING_FINALISE_QUEUE]) {
      await q.query(`SELECT ${QUEUE_SCHEMA}.delete_queue($1)`, [queue]);
    }
    await q.query(`ALTER TABLE proration DROP CONSTRAINT proration_tenant_id_invoice_id_fkey`);
    await q.query(`DROP TABLE idempotency_key, invoice_number_counter, invoice_line, invoice, billing_run`);
    await q.query(`DROP FUNCTION invoice_line_of_draft_only(), invoice_issued_is_immutable()`);
  }
}
