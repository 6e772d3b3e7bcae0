import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QUEUE_SCHEMA } from './1795480000000-AddSignInSecurity';

/** The daily job that purges what an erasure kept once its retention has ended. */
export const PRIVACY_RETENTION_PURGE_QUEUE = 'privacy-retention-purge';

/** Insert-only tables hanging on an invoice: their delete is admitted to the purge only. */
const HANGING = ['invoice_file', 'payment', 'payment_reminder', 'mail_attachment'];
/**
 * The operations each table's `_insert_only` trigger guards, where not both: a reminder's address is
 * updated once to `erased` by an erasure, which its own trigger `payment_reminder_erasure_only`
 * (1795800000000) limits to exactly that.
 */
const GUARDED: Record<string, string> = { payment_reminder: 'DELETE' };

const IMMUTABLE_INVOICE = (deleteAdmitted: string) => `
  CREATE OR REPLACE FUNCTION invoice_issued_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    mutable CONSTANT text[] := ARRAY['status', 'status_changed_at', 'status_reason'];
  BEGIN
    IF TG_OP = 'DELETE' THEN
      IF OLD.status <> 'draft'${deleteAdmitted} THEN
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
  END $$`;

/**
 * What an erasure kept, purged when its retention ends (issue 18 §3, ADR 0015 "Retention purge").
 *
 * Invoices and credit notes of an erased account (`subscriber_account.erased_at`) are kept for the
 * fiscal retention — 7 years from the end of the year of issue, one rule for every tenant — and then
 * deleted with everything hanging on them (lines, stored files, payments, reminders, the mails that
 * carried them). Those tables refuse deletes for every role, so the purge is one SECURITY DEFINER
 * function, `purge_retained_records(tenant)`, owned by the owner role and callable by the runtime:
 *
 * - it decides itself what goes (erased accounts only, retention ended by the database's own date;
 *   an invoice stays while a credit note on it is still within its retention), so a caller cannot
 *   widen it;
 * - the delete triggers admit a delete only when `fiscal_purge_admitted()`: a transaction-local
 *   setting the function sets **and** the current role being the function's owner (inside the
 *   function). The runtime role may set the setting itself; it is still refused, as it is not the owner.
 *
 * It also deletes the erasure's final mail (`erasure-done`) once delivered: that outbox row is the
 * last thing holding the erased person's address.
 */
export class PurgeKeptRecordsAfterRetention1795810000000 implements MigrationInterface {
  name = 'PurgeKeptRecordsAfterRetention1795810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION fiscal_retention_end(issued date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
        SELECT make_date(extract(year FROM issued)::int + 7, 12, 31)
      $$`);
    await q.query(`
      CREATE FUNCTION purge_retained_records(p_tenant uuid) RETURNS jsonb
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
      DECLARE
        purged uuid[];
        mails uuid[];
        final_mails int;
      BEGIN
        IF p_tenant IS DISTINCT FROM app_current_tenant() THEN RAISE EXCEPTION 'purge_retained_records: not this tenant'; END IF;
        SELECT coalesce(array_agg(i.id), '{}') INTO purged
          FROM invoice i JOIN subscriber_account a ON a.tenant_id = i.tenant_id AND a.id = i.account_id
         WHERE i.tenant_id = p_tenant AND a.erased_at IS NOT NULL AND i.issue_date IS NOT NULL
           AND fiscal_retention_end(i.issue_date) < current_date
           AND NOT EXISTS (SELECT 1 FROM invoice c WHERE c.tenant_id = i.tenant_id AND c.credited_invoice_id = i.id
                             AND (c.issue_date IS NULL OR fiscal_retention_end(c.issue_date) >= current_date));
        PERFORM set_config('app.fiscal_purge', 'on', true);
        SELECT coalesce(array_agg(DISTINCT mail_id), '{}') INTO mails
          FROM mail_attachment WHERE tenant_id = p_tenant AND invoice_id = ANY (purged);
        DELETE FROM mail_attachment WHERE tenant_id = p_tenant AND invoice_id = ANY (purged);
        DELETE FROM mail_message m WHERE m.tenant_id = p_tenant AND m.id = ANY (mails)
           AND NOT EXISTS (SELECT 1 FROM mail_attachment x WHERE x.tenant_id = m.tenant_id AND x.mail_id = m.id);
        DELETE FROM payment_reminder WHERE tenant_id = p_tenant AND invoice_id = ANY (purged);
        DELETE FROM payment WHERE tenant_id = p_tenant AND invoice_id = ANY (purged);
        DELETE FROM invoice_file WHERE tenant_id = p_tenant AND invoice_id = ANY (purged);
        DELETE FROM proration WHERE tenant_id = p_tenant AND invoice_id = ANY (purged);
        -- Lines go by the cascade, after their invoice (the line trigger then finds no issued invoice).
        DELETE FROM invoice WHERE tenant_id = p_tenant AND id = ANY (purged);
        PERFORM set_config('app.fiscal_purge', '', true);
        WITH gone AS (
          DELETE FROM mail_message m WHERE m.tenant_id = p_tenant AND m.template = 'erasure-done' AND m.sent_at IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM mail_attachment x WHERE x.tenant_id = m.tenant_id AND x.mail_id = m.id)
          RETURNING 1)
        SELECT count(*) INTO final_mails FROM gone;
        RETURN jsonb_build_object('invoices', cardinality(purged), 'finalMails', final_mails);
      END
      $fn$`);
    await q.query(`REVOKE ALL ON FUNCTION purge_retained_records(uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION purge_retained_records(uuid) TO portal_runtime`);
    // After the purge function: the owner is read from it (a literal regprocedure resolves at creation).
    await q.query(`
      CREATE FUNCTION fiscal_purge_admitted() RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT coalesce(current_setting('app.fiscal_purge', true), '') = 'on'
           AND current_user = (SELECT pg_get_userbyid(p.proowner) FROM pg_proc p
                                WHERE p.oid = 'purge_retained_records(uuid)'::regprocedure)
      $$`);
    await q.query(IMMUTABLE_INVOICE(' AND NOT fiscal_purge_admitted()'));
    await q.query(`
      CREATE FUNCTION refuse_change_unless_purged() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND fiscal_purge_admitted() THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of HANGING) {
      await q.query(
        `CREATE OR REPLACE TRIGGER ${table}_insert_only BEFORE ${GUARDED[table] ?? 'UPDATE OR DELETE'} ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change_unless_purged()`,
      );
    }
    await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [
      PRIVACY_RETENTION_PURGE_QUEUE,
      JSON.stringify({ policy: 'singleton', retryLimit: 2, retryDelay: 300, expireInSeconds: 1800 }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT ${QUEUE_SCHEMA}.delete_queue($1)`, [PRIVACY_RETENTION_PURGE_QUEUE]);
    for (const table of HANGING) {
      await q.query(
        `CREATE OR REPLACE TRIGGER ${table}_insert_only BEFORE ${GUARDED[table] ?? 'UPDATE OR DELETE'} ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
    }
    await q.query(`DROP FUNCTION refuse_change_unless_purged()`);
    await q.query(IMMUTABLE_INVOICE(''));
    await q.query(`DROP FUNCTION fiscal_purge_admitted()`);
    await q.query(`DROP FUNCTION purge_retained_records(uuid)`);
    await q.query(`DROP FUNCTION fiscal_retention_end(date)`);
  }
}
