import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events become insert-only, as issue 5 asks: "the runtime role can only insert and read". Until
 * now the sealer filled `seq`, `prev_hash` and `hash` of each event once (a column grant to the
 * runtime role, guarded by triggers). Now a seal is a row of its own in `audit_seal` — the event's
 * place in its account's chain and its hashes — and neither table can be updated or deleted from
 * by any role (triggers), nor truncated; the runtime role holds SELECT and INSERT on both.
 *
 * Without a column that changes, unsealed events are found through a per-tenant watermark
 * (`audit_seal_progress.sealed_through`: every event up to it is sealed or was never committed),
 * advanced in two phases: the sealer notes the identity's last number handed out and the
 * transactions running then (their `virtualxid` locks); once all of those have ended, no event up
 * to that number can still appear (ADR 0007). An access still writes one row into one index.
 */
export class SealIntoInsertOnlyTable1795540000000 implements MigrationInterface {
  name = 'SealIntoInsertOnlyTable1795540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_seal (
        tenant_id  uuid NOT NULL,
        account_id uuid NOT NULL,
        seq        audit_seq NOT NULL,
        entry_no   bigint NOT NULL,
        prev_hash  sha256_digest NOT NULL,
        hash       sha256_digest NOT NULL,
        PRIMARY KEY (tenant_id, account_id, seq),
        UNIQUE (tenant_id, entry_no)
      )`);
    await q.query(`
      CREATE TABLE audit_seal_progress (
        tenant_id       uuid PRIMARY KEY REFERENCES tenant (id),
        sealed_through  bigint NOT NULL DEFAULT 0,
        pending_through bigint,
        pending_vxids   text[]
      )`);
    await asTableOwner(q, ['audit_event'], () =>
      q.query(`
        INSERT INTO audit_seal (tenant_id, account_id, seq, entry_no, prev_hash, hash)
        SELECT tenant_id, account_id, seq, entry_no, prev_hash, hash FROM audit_event WHERE seq IS NOT NULL`),
    );

    await q.query(`REVOKE UPDATE (seq, prev_hash, hash) ON audit_event FROM portal_runtime`);
    await q.query(`DROP TRIGGER audit_event_content_fixed ON audit_event`);
    await q.query(`DROP TRIGGER audit_event_sealed_once ON audit_event`);
    await q.query(`DROP TRIGGER audit_event_no_delete ON audit_event`);
    await q.query(`DROP INDEX audit_event_seq`);
    await q.query(`DROP INDEX audit_event_unsealed`);
    await q.query(`
      ALTER TABLE audit_event
        DROP CONSTRAINT audit_event_sealed_whole,
        DROP COLUMN seq,
        DROP COLUMN prev_hash,
        DROP COLUMN hash`);
    await q.query(`CREATE UNIQUE INDEX audit_event_entry_no ON audit_event (tenant_id, entry_no)`);

    for (const table of ['audit_event', 'audit_seal']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
    }
    await q.query(
      `CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
    );
    for (const table of ['audit_seal', 'audit_seal_progress']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant())`);
    }
    await q.query(`GRANT SELECT, INSERT ON audit_seal TO portal_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON audit_seal_progress TO portal_runtime`);
    // The sealer reads the last number handed out (phase one of the watermark).
    await q.query(`GRANT SELECT ON audit_event_entry_no_seq TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE SELECT ON audit_event_entry_no_seq FROM portal_runtime`);
    await q.query(`DROP TRIGGER audit_event_append_only ON audit_event`);
    await q.query(`DROP INDEX audit_event_entry_no`);
    await q.query(`
      ALTER TABLE audit_event
        ADD COLUMN seq audit_seq,
        ADD COLUMN prev_hash sha256_digest,
        ADD COLUMN hash sha256_digest`);
    await asTableOwner(q, ['audit_event', 'audit_seal'], () =>
      q.query(`
        UPDATE audit_event e SET seq = s.seq, prev_hash = s.prev_hash, hash = s.hash
          FROM audit_seal s WHERE s.tenant_id = e.tenant_id AND s.entry_no = e.entry_no`),
    );
    await q.query(`
      ALTER TABLE audit_event
        ADD CONSTRAINT audit_event_sealed_whole CHECK ((seq IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX audit_event_seq ON audit_event (tenant_id, account_id, seq) WHERE seq IS NOT NULL`,
    );
    await q.query(`CREATE INDEX audit_event_unsealed ON audit_event (tenant_id, entry_no) WHERE seq IS NULL`);
    await q.query(
      `CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER audit_event_sealed_once BEFORE UPDATE ON audit_event FOR EACH ROW WHEN (OLD.hash IS NOT NULL) EXECUTE FUNCTION refuse_change()`,
    );
    const columns: { column_name: string }[] = await q.query(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = 'audit_event' AND column_name NOT IN ('seq', 'prev_hash', 'hash') ORDER BY ordinal_position`,
    );
    await q.query(`
      CREATE TRIGGER audit_event_content_fixed BEFORE UPDATE OF ${columns.map((c) => c.column_name).join(', ')} ON audit_event
        FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`GRANT UPDATE (seq, prev_hash, hash) ON audit_event TO portal_runtime`);
    await q.query(`DROP TABLE audit_seal_progress, audit_seal`);
  }
}

/**
 * Runs a data move across every tenant: the owner runs migrations without a tenant and row-level
 * security is forced on it too, so for the move (inside the migration's transaction) the tables'
 * owner is exempted, then held to the policies again.
 */
async function asTableOwner(q: QueryRunner, tables: string[], move: () => Promise<unknown>): Promise<void> {
  for (const table of tables) await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
  await move();
  for (const table of tables) await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
}
