import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consent ledger's and the access log's own retention (ADR 0015 "Retention of the registers"),
 * through the same door as the fiscal purge: owner-owned SECURITY DEFINER functions that decide by
 * themselves what goes, and delete triggers that admit a delete only when `fiscal_purge_admitted()`
 * (the transaction-local setting **and** the current role being the purge functions' owner). The
 * runtime role still cannot delete a consent record or an access-log row, setting or not.
 *
 * - `purge_consent_records(tenant)`: a person's records for one purpose (and list) go 5 years after
 *   that purpose ended for them — their latest record there is an opt-out or a withdrawal, or the
 *   person no longer exists (erased; counted from the erasure when it is recorded).
 * - `purge_access_log(tenant)`: of an erased account with no invoice left (the fiscal purge took them,
 *   or there were none), whole sealed segments up to the newest signed checkpoint whose events are all
 *   older than 5 years. That checkpoint stays as the chain's new start (`audit_chain.purged_through`),
 *   and verification starts from its signed hash instead of the genesis hash. Only the purge may move
 *   `purged_through` (a trigger), so the runtime role cannot make the verifier skip events.
 */
export class PurgeRegistersAfterRetention1796100000000 implements MigrationInterface {
  name = 'PurgeRegistersAfterRetention1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_chain ADD COLUMN purged_through bigint NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION purge_consent_records(p_tenant uuid) RETURNS int
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
      DECLARE
        purged int;
      BEGIN
        IF p_tenant IS DISTINCT FROM app_current_tenant() THEN RAISE EXCEPTION 'purge_consent_records: not this tenant'; END IF;
        PERFORM set_config('app.fiscal_purge', 'on', true);
        WITH latest AS (
          SELECT DISTINCT ON (c.user_id, c.purpose, c.list_id) c.user_id, c.purpose, c.list_id, c.action, c.at
            FROM consent_record c WHERE c.tenant_id = p_tenant
           ORDER BY c.user_id, c.purpose, c.list_id, c.at DESC, c.id DESC
        ), ended AS (
          SELECT l.user_id, l.purpose, l.list_id FROM latest l
           WHERE (l.action IN ('opted-out', 'withdrawn') AND l.at < now() - interval '5 years')
              OR (NOT EXISTS (SELECT 1 FROM app_user u WHERE u.tenant_id = p_tenant AND u.id = l.user_id)
                  AND greatest(l.at, (SELECT max(r.closed_at) FROM erasure_request r
                                       WHERE r.tenant_id = p_tenant AND r.user_id = l.user_id AND r.status = 'done'))
                      < now() - interval '5 years')
        ), gone AS (
          DELETE FROM consent_record c USING ended e
           WHERE c.tenant_id = p_tenant AND c.user_id = e.user_id AND c.purpose = e.purpose
             AND c.list_id IS NOT DISTINCT FROM e.list_id
          RETURNING 1)
        SELECT count(*) INTO purged FROM gone;
        PERFORM set_config('app.fiscal_purge', '', true);
        RETURN purged;
      END
      $fn$`);
    await q.query(`
      CREATE FUNCTION purge_access_log(p_tenant uuid) RETURNS int
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
      DECLARE
        chain record;
        anchor bigint;
        entries bigint[];
        purged int := 0;
      BEGIN
        IF p_tenant IS DISTINCT FROM app_current_tenant() THEN RAISE EXCEPTION 'purge_access_log: not this tenant'; END IF;
        PERFORM set_config('app.fiscal_purge', 'on', true);
        FOR chain IN
          SELECT c.account_id, c.purged_through FROM audit_chain c
            JOIN subscriber_account a ON a.tenant_id = c.tenant_id AND a.id = c.account_id
           WHERE c.tenant_id = p_tenant AND a.erased_at IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.tenant_id = c.tenant_id AND i.account_id = c.account_id)
           FOR UPDATE OF c
        LOOP
          -- The newest signed checkpoint up to which every event is past retention.
          SELECT max(k.seq) INTO anchor FROM audit_checkpoint k
           WHERE k.tenant_id = p_tenant AND k.account_id = chain.account_id AND k.seq > chain.purged_through
             AND NOT EXISTS (
               SELECT 1 FROM audit_seal s JOIN audit_event e ON e.tenant_id = s.tenant_id AND e.entry_no = s.entry_no
                WHERE s.tenant_id = p_tenant AND s.account_id = chain.account_id AND s.seq <= k.seq
                  AND e.at >= now() - interval '5 years');
          CONTINUE WHEN anchor IS NULL;
          SELECT coalesce(array_agg(s.entry_no), '{}') INTO entries FROM audit_seal s
           WHERE s.tenant_id = p_tenant AND s.account_id = chain.account_id AND s.seq <= anchor;
          DELETE FROM audit_seal s WHERE s.tenant_id = p_tenant AND s.account_id = chain.account_id AND s.seq <= anchor;
          DELETE FROM audit_event e WHERE e.tenant_id = p_tenant AND e.entry_no = ANY (entries);
          -- The anchor stays: its signed hash is where verification now starts.
          DELETE FROM audit_checkpoint k WHERE k.tenant_id = p_tenant AND k.account_id = chain.account_id AND k.seq < anchor;
          UPDATE audit_chain c SET purged_through = anchor WHERE c.tenant_id = p_tenant AND c.account_id = chain.account_id;
          purged := purged + cardinality(entries);
        END LOOP;
        PERFORM set_config('app.fiscal_purge', '', true);
        RETURN purged;
      END
      $fn$`);
    for (const fn of ['purge_consent_records', 'purge_access_log']) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn}(uuid) FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn}(uuid) TO portal_runtime`);
    }
    await q.query(`
      CREATE FUNCTION refuse_unless_purging() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF fiscal_purge_admitted() THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '%: only the retention purge moves the purge point', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_chain_purge_point BEFORE UPDATE ON audit_chain FOR EACH ROW
        WHEN (NEW.purged_through IS DISTINCT FROM OLD.purged_through) EXECUTE FUNCTION refuse_unless_purging()`);
    await this.triggers(q, 'refuse_change_unless_purged');
  }

  async down(q: QueryRunner): Promise<void> {
    await this.triggers(q, 'refuse_change');
    await q.query(`DROP TRIGGER audit_chain_purge_point ON audit_chain`);
    await q.query(`DROP FUNCTION refuse_unless_purging()`);
    await q.query(`DROP FUNCTION purge_access_log(uuid)`);
    await q.query(`DROP FUNCTION purge_consent_records(uuid)`);
    await q.query(`ALTER TABLE audit_chain DROP COLUMN purged_through`);
  }

  /** The append-only triggers of the ledger and the log, with `fn` deciding (updates stay refused either way). */
  private async triggers(q: QueryRunner, fn: string): Promise<void> {
    for (const [trigger, table, ops] of [
      ['consent_record_append_only', 'consent_record', 'UPDATE OR DELETE'],
      ['audit_event_append_only', 'audit_event', 'DELETE'],
      ['audit_seal_append_only', 'audit_seal', 'UPDATE OR DELETE'],
      ['audit_checkpoint_append_only', 'audit_checkpoint', 'UPDATE OR DELETE'],
    ])
      await q.query(`CREATE OR REPLACE TRIGGER ${trigger} BEFORE ${ops} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
  }
}
