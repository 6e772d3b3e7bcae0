import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fresh planner statistics for the invoices once a billing run has drafted (ADR 0012 "Speed").
 * A run writes a tenant's drafts in bulk; until autovacuum gets round to them the statistics still
 * describe the table as it was — in a tenant's first run, a tenant with no invoices — and the planner
 * chose plans that read every invoice of the tenant for each finalising batch (a 100,000 run took 55 s
 * instead of 22). The runtime role may not ANALYZE a table it does not own, so this function, owned
 * by the owner role, does it for the two tables a run fills; the engine calls it when drafting ends.
 * ANALYZE samples a bounded number of rows, whatever the table's size.
 */
export class RefreshBillingStatistics1796410000000 implements MigrationInterface {
  name = 'RefreshBillingStatistics1796410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION refresh_billing_statistics() RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        ANALYZE invoice;
        ANALYZE invoice_line;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION refresh_billing_statistics() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION refresh_billing_statistics() TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION refresh_billing_statistics()`);
  }
}
