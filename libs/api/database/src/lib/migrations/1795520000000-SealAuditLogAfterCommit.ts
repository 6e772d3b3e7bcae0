import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every column of an event but the three that sealing fills: no UPDATE may name them. */
const CONTENT_COLUMNS = [
  'tenant_id',
  'account_id',
  'id',
  'entry_no',
  'at',
  'actor_id',
  'actor_name',
  'actor_kind',
  'action',
  'resource',
  'fields',
  'outcome',
  'grant_id',
  'reason',
  'ticket',
  'ip',
];
/**
 * Access-log events are written unchained in the access's own transaction and chained afterwards
 * by one sealer per tenant (ADR 0007), so reads of one account under a grant no longer wait for
 * each other on the chain head. An event arrives with `seq`, `prev_hash` and `hash` empty; sealing
 * fills exactly those, once. Any other update, any delete and truncate stay refused for every role
 * (triggers), and the runtime role may update only those three columns (grants).
 *
 * An event no longer references its account: the foreign-key check would share-lock the account's
 * row on every access, and concurrent accesses to one account would queue on it again. Accesses
 * are logged only under a grant of the account, or after checking it exists (refusals); the
 * sealer's `audit_chain` row keeps the reference.
 */
export class SealAuditLogAfterCommit1795520000000 implements MigrationInterface {
  name = 'SealAuditLogAfterCommit1795520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_event
        DROP CONSTRAINT audit_event_pkey,
        DROP CONSTRAINT audit_event_tenant_id_account_id_fkey,
        ADD COLUMN entry_no bigint GENERATED ALWAYS AS IDENTITY,
        ALTER COLUMN seq DROP NOT NULL,
        ALTER COLUMN prev_hash DROP NOT NULL,
        ALTER COLUMN hash DROP NOT NULL,
        ADD CONSTRAINT audit_event_sealed_whole CHECK ((seq IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL)),
        ADD CONSTRAINT audit_event_seq UNIQUE (tenant_id, account_id, seq)`);
    await q.query(`CREATE INDEX audit_event_unsealed ON audit_event (tenant_id, entry_no) WHERE seq IS NULL`);

    // Triggers with column lists and WHEN clauses: a legitimate seal calls no function at all.
    await q.query(`DROP TRIGGER audit_event_append_only ON audit_event`);
    await q.query(
      `CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER audit_event_sealed_once BEFORE UPDATE ON audit_event FOR EACH ROW WHEN (OLD.hash IS NOT NULL) EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(`
      CREATE TRIGGER audit_event_content_fixed BEFORE UPDATE OF ${CONTENT_COLUMNS.join(', ')} ON audit_event
        FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`GRANT UPDATE (seq, prev_hash, hash) ON audit_event TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE UPDATE (seq, prev_hash, hash) ON audit_event FROM portal_runtime`);
    await q.query(`DROP TRIGGER audit_event_content_fixed ON audit_event`);
    await q.query(`DROP TRIGGER audit_event_sealed_once ON audit_event`);
    await q.query(`DROP TRIGGER audit_event_no_delete ON audit_event`);
    await q.query(
      `CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(`DROP INDEX audit_event_unsealed`);
    await q.query(`
      ALTER TABLE audit_event
        DROP CONSTRAINT audit_event_seq,
        DROP CONSTRAINT audit_event_sealed_whole,
        DROP COLUMN entry_no,
        ALTER COLUMN seq SET NOT NULL,
        ALTER COLUMN prev_hash SET NOT NULL,
        ALTER COLUMN hash SET NOT NULL,
        ADD PRIMARY KEY (tenant_id, account_id, seq),
        ADD FOREIGN KEY (tenant_id, account_id) REFERENCES audit_chain (tenant_id, account_id)`);
  }
}
