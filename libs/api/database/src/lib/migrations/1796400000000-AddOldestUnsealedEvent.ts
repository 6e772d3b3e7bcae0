import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How long the oldest committed access-log event not yet chained has waited, over every tenant
 * (issue 19 §3: the seal-lag alert). The sealer's own histogram only speaks when events are sealed:
 * a sealer that has stopped says nothing there. A scrape asks this function instead; the runtime
 * role sees one tenant at a time (row-level security), so the function — owned by the owner role,
 * SECURITY DEFINER — walks the tenants with each one set in turn, as a request would, and answers
 * one timestamp: no tenant, account or event leaves it. One index probe per tenant (the primary key
 * from the tenant's watermark on).
 */
export class AddOldestUnsealedEvent1796400000000 implements MigrationInterface {
  name = 'AddOldestUnsealedEvent1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_oldest_unsealed_at() RETURNS timestamptz
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        previous CONSTANT text := current_setting('app.tenant_id', true);
        t uuid;
        candidate timestamptz;
        oldest timestamptz;
      BEGIN
        FOR t IN SELECT id FROM tenant LOOP
          PERFORM set_config('app.tenant_id', t::text, true);
          SELECT e.at INTO candidate FROM audit_event e
           WHERE e.tenant_id = t
             AND e.entry_no > (SELECT COALESCE(max(sealed_through), 0) FROM audit_seal_progress WHERE tenant_id = t)
             AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.tenant_id = e.tenant_id AND s.entry_no = e.entry_no)
           ORDER BY e.entry_no LIMIT 1;
          IF candidate < oldest OR oldest IS NULL THEN
            oldest := candidate;
          END IF;
        END LOOP;
        PERFORM set_config('app.tenant_id', COALESCE(previous, ''), true);
        RETURN oldest;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_oldest_unsealed_at() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_oldest_unsealed_at() TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_oldest_unsealed_at()`);
  }
}
