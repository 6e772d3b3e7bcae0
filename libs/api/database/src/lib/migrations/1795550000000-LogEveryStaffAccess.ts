import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, "every staff access is logged — with no exception":
 *
 * - `failed`: an access under a grant that was found and logged, but whose request then failed
 *   (validation, a stale version, a refused CSRF check …) is recorded again, after the rollback,
 *   in a transaction of its own.
 * - A step of a grant (request made, approved, denied, expired …) is not an access: its outcome is
 *   NULL instead of `allowed`, so a denied request no longer reads as "allowed".
 * - The sealer's watermark moves only through `audit_advance_watermark`, owned by the owner role:
 *   the runtime role may read the progress row and call the function, nothing else. The function
 *   moves the watermark only over events that all have a seal, and starts from "nothing yet" on a
 *   sequence that has handed out no number (`is_called`), so event 1 cannot be skipped.
 */
export class LogEveryStaffAccess1795550000000 implements MigrationInterface {
  name = 'LogEveryStaffAccess1795550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TYPE audit_outcome ADD VALUE IF NOT EXISTS 'failed'`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN outcome DROP NOT NULL`);

    await q.query(`REVOKE INSERT, UPDATE ON audit_seal_progress FROM portal_runtime`);
    await q.query(`REVOKE SELECT ON audit_event_entry_no_seq FROM portal_runtime`);
    await q.query(`
      CREATE FUNCTION audit_advance_watermark(p_tenant uuid) RETURNS bigint
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
      DECLARE
        p audit_seal_progress%ROWTYPE;
        target bigint;
        handed_out bigint;
      BEGIN
        INSERT INTO audit_seal_progress (tenant_id) VALUES (p_tenant) ON CONFLICT DO NOTHING;
        SELECT * INTO STRICT p FROM audit_seal_progress WHERE tenant_id = p_tenant FOR UPDATE;
        target := p.sealed_through;
        IF p.pending_through IS NOT NULL THEN
          -- Phase two: a transaction that drew a number up to pending_through is still running.
          IF EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'virtualxid' AND l.virtualxid = ANY (p.pending_vxids)) THEN
            RETURN p.sealed_through;
          END IF;
          -- All of them have ended; every committed event up to pending_through must have its seal.
          IF EXISTS (SELECT 1 FROM audit_event e
                      WHERE e.tenant_id = p_tenant AND e.entry_no > p.sealed_through AND e.entry_no <= p.pending_through
                        AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.tenant_id = e.tenant_id AND s.entry_no = e.entry_no)) THEN
            RETURN p.sealed_through;
          END IF;
          target := greatest(p.sealed_through, p.pending_through);
        END IF;
        -- Phase one of the next move: first the last number handed out (none yet: 0), then the
        -- transactions running; one that starts after this read draws a larger number.
        SELECT CASE WHEN is_called THEN last_value ELSE 0 END INTO handed_out FROM audit_event_entry_no_seq;
        UPDATE audit_seal_progress
           SET sealed_through = target, pending_through = handed_out,
               pending_vxids = ARRAY(SELECT virtualxid FROM pg_locks WHERE locktype = 'virtualxid' AND pid <> pg_backend_pid())
         WHERE tenant_id = p_tenant;
        RETURN target;
      END
      $fn$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_advance_watermark(uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_advance_watermark(uuid) TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_advance_watermark(uuid)`);
    await q.query(`GRANT SELECT ON audit_event_entry_no_seq TO portal_runtime`);
    await q.query(`GRANT INSERT, UPDATE ON audit_seal_progress TO portal_runtime`);
    // Events are append-only: the NULL outcomes and the 'failed' value written since stay.
  }
}
