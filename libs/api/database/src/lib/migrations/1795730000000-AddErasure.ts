import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QUEUE_SCHEMA } from './1795480000000-AddSignInSecurity';

/** The job that erases a person when their grace period ends (one job per request, `startAfter`). */
export const PRIVACY_ERASURE_QUEUE = 'privacy-erasure';
/** The job that mails a person shortly before their grace period ends. */
export const PRIVACY_ERASURE_REMINDER_QUEUE = 'privacy-erasure-reminder';

/**
 * Events stay undeletable; the one update allowed empties a salted event's personal fields. (The
 * delete trigger keeps the old name, which the log's earlier migrations take down by; their test
 * of going down and up sets these aside and puts them back.)
 */
export const ERASABLE_EVENT_TRIGGERS = [
  `DROP TRIGGER audit_event_append_only ON audit_event`,
  `CREATE TRIGGER audit_event_append_only BEFORE DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
  `CREATE TRIGGER audit_event_erasure_only BEFORE UPDATE ON audit_event FOR EACH ROW
     WHEN (NOT (
       OLD.personal_salt IS NOT NULL AND NEW.personal_salt IS NULL
       AND NEW.actor_id IS NULL AND NEW.actor_name = '' AND NEW.ip IS NULL
       AND (NEW.tenant_id, NEW.account_id, NEW.id, NEW.at, NEW.actor_kind, NEW.action, NEW.resource, NEW.fields,
            NEW.outcome, NEW.grant_id, NEW.reason, NEW.ticket, NEW.entry_no)
           IS NOT DISTINCT FROM
           (OLD.tenant_id, OLD.account_id, OLD.id, OLD.at, OLD.actor_kind, OLD.action, OLD.resource, OLD.fields,
            OLD.outcome, OLD.grant_id, OLD.reason, OLD.ticket, OLD.entry_no)))
     EXECUTE FUNCTION refuse_change()`,
];

/**
 * Erasure (issue 18 §3, ADR 0015 "Erasure and the access log").
 *
 * - `erasure_request`: a person's erasure in its grace period (cancellable until `erase_after`),
 *   then done; it outlives the user (no foreign key), pointing at nobody once they are gone.
 * - `subscriber_account.erased_at`: an account whose last person was erased; its personal columns
 *   are emptied, its invoices (with their address snapshots) are kept for the fiscal retention.
 * - The access log, erasable without breaking its chain: from now on each event carries a random
 *   `personal_salt`, and its seal a `personal_digest` = sha256(salt ‖ [actor id, actor name, ip]);
 *   the chain hashes the digest instead of those three fields. Erasing a person empties the three
 *   fields and the salt (through `audit_erase_actor`, the one update the log allows): the digest
 *   stays chained, cannot be reversed without the salt, and every hash and signed checkpoint still
 *   verifies. Events sealed before this migration have no digest; their hash covers the name, so
 *   they are left as they are (they keep verifying).
 */
export class AddErasure1795730000000 implements MigrationInterface {
  name = 'AddErasure1795730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE erasure_request (
        tenant_id          uuid NOT NULL,
        id                 uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id            uuid NOT NULL,
        account_id         uuid,
        privacy_request_id uuid NOT NULL,
        requested_at       timestamptz NOT NULL DEFAULT now(),
        erase_after        timestamptz NOT NULL,
        status             text NOT NULL DEFAULT 'pending' CONSTRAINT erasure_request_status_check CHECK (status IN ('pending', 'cancelled', 'done')),
        reminded_at        timestamptz,
        closed_at          timestamptz,
        account_erased     boolean NOT NULL DEFAULT false,
        version            int NOT NULL DEFAULT 1,
        CONSTRAINT erasure_request_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT erasure_request_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id),
        CONSTRAINT erasure_request_privacy_request_id_fkey FOREIGN KEY (tenant_id, privacy_request_id) REFERENCES privacy_request (tenant_id, id),
        CONSTRAINT erasure_request_closed_check CHECK ((status = 'pending') = (closed_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX erasure_request_pending_idx ON erasure_request (tenant_id, user_id) WHERE status = 'pending'`,
    );
    await q.query(`ALTER TABLE erasure_request ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE erasure_request FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON erasure_request
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON erasure_request TO portal_runtime`);

    await q.query(`ALTER TABLE subscriber_account ADD COLUMN erased_at timestamptz`);

    // Existing events keep no salt (they were sealed over their names); new ones get one at insert.
    await q.query(`ALTER TABLE audit_event ADD COLUMN personal_salt bytea`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN personal_salt SET DEFAULT uuid_send(gen_random_uuid())`);
    await q.query(`ALTER TABLE audit_seal ADD COLUMN personal_digest sha256_digest`);
    for (const statement of ERASABLE_EVENT_TRIGGERS) await q.query(statement);
    // Only sealed events whose seal holds the digest are erased (the sealer must have seen the salt).
    await q.query(`
      CREATE FUNCTION audit_erase_actor(p_tenant uuid, p_actor uuid) RETURNS bigint
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
        WITH erased AS (
          UPDATE audit_event e SET actor_id = NULL, actor_name = '', ip = NULL, personal_salt = NULL
           WHERE e.tenant_id = p_tenant AND p_tenant = app_current_tenant() AND e.actor_id = p_actor
             AND e.personal_salt IS NOT NULL
             AND EXISTS (SELECT 1 FROM audit_seal s WHERE s.tenant_id = e.tenant_id AND s.entry_no = e.entry_no
                                                    AND s.personal_digest IS NOT NULL)
          RETURNING 1)
        SELECT count(*) FROM erased
      $fn$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_erase_actor(uuid, uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_erase_actor(uuid, uuid) TO portal_runtime`);

    // What the runtime role may not delete or rewrite itself (insert-only history, the outbox,
    // throttles), erased for one person in one place: their change history (as subject, and their
    // name as the one who changed something), their sign-in attempts by address, throttles keyed
    // by their address, and every mail to them except the final one (`p_keep_mail`); with `p_account`
    // (the account goes too), the account's billing history.
    await q.query(`
      CREATE FUNCTION erase_person_records(p_tenant uuid, p_user uuid, p_email text, p_keep_mail uuid, p_account uuid) RETURNS void
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
      BEGIN
        IF p_tenant IS DISTINCT FROM app_current_tenant() THEN RAISE EXCEPTION 'erase_person_records: not this tenant'; END IF;
        DELETE FROM change_history WHERE tenant_id = p_tenant AND subject_type = 'profile' AND subject_id = p_user;
        DELETE FROM change_history WHERE tenant_id = p_tenant AND subject_type = 'billing' AND subject_id = p_account;
        UPDATE change_history SET changed_by = NULL, changed_by_name = ''
         WHERE tenant_id = p_tenant AND changed_by = p_user;
        DELETE FROM sign_in_event WHERE tenant_id = p_tenant AND (user_id = p_user OR email = p_email);
        DELETE FROM sign_in_throttle WHERE tenant_id = p_tenant AND key = 'email:' || p_email;
        DELETE FROM mail_send_throttle WHERE tenant_id = p_tenant AND key LIKE '%' || p_email || '%';
        DELETE FROM mail_message m WHERE m.tenant_id = p_tenant AND m.recipient = p_email
           AND m.id IS DISTINCT FROM p_keep_mail
           AND NOT EXISTS (SELECT 1 FROM mail_attachment a WHERE a.tenant_id = m.tenant_id AND a.mail_id = m.id);
      END
      $fn$`);
    await q.query(`REVOKE ALL ON FUNCTION erase_person_records(uuid, uuid, text, uuid, uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION erase_person_records(uuid, uuid, text, uuid, uuid) TO portal_runtime`);

    for (const queue of [PRIVACY_ERASURE_QUEUE, PRIVACY_ERASURE_REMINDER_QUEUE]) {
      await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [
        queue,
        JSON.stringify({ policy: 'standard', retryLimit: 3, retryDelay: 60, expireInSeconds: 600 }),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const queue of [PRIVACY_ERASURE_QUEUE, PRIVACY_ERASURE_REMINDER_QUEUE]) {
      await q.query(`SELECT ${QUEUE_SCHEMA}.delete_queue($1)`, [queue]);
    }
    await q.query(`DROP FUNCTION erase_person_records(uuid, uuid, text, uuid, uuid)`);
    await q.query(`DROP FUNCTION audit_erase_actor(uuid, uuid)`);
    await q.query(`DROP TRIGGER audit_event_erasure_only ON audit_event`);
    await q.query(`DROP TRIGGER audit_event_append_only ON audit_event`);
    await q.query(
      `CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(`ALTER TABLE audit_seal DROP COLUMN personal_digest`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN personal_salt`);
    await q.query(`ALTER TABLE subscriber_account DROP COLUMN erased_at`);
    await q.query(`DROP TABLE erasure_request`);
  }
}
