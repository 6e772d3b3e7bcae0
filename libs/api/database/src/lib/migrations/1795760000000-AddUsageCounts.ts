import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usage statistics with no relation to a person (issue 18 §8): one row per tenant, calendar day (the
 * tenant's), feature and event with its count, incremented at the moment of use. The table has no
 * column that could name a person, an account, a session, a device or an address, and there is no
 * event log behind it: `usage-statistics.int-spec.ts` reads this schema and fails on any column
 * beyond these. Feature and event are lower-case words (no digits, no `@`, no dots), so not even a
 * mistaken caller can store an id, an e-mail address or an IP address in them.
 */
export class AddUsageCounts1795760000000 implements MigrationInterface {
  name = 'AddUsageCounts1795760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE usage_count (
        tenant_id uuid NOT NULL,
        day       date NOT NULL,
        feature   text NOT NULL CONSTRAINT usage_count_feature_check CHECK (feature ~ '^[a-z]+(-[a-z]+)*$' AND length(feature) <= 40),
        event     text NOT NULL CONSTRAINT usage_count_event_check CHECK (event ~ '^[a-z]+(-[a-z]+)*$' AND length(event) <= 40),
        count     int NOT NULL DEFAULT 1 CONSTRAINT usage_count_count_check CHECK (count > 0),
        CONSTRAINT usage_count_pkey PRIMARY KEY (tenant_id, day, feature, event),
        CONSTRAINT usage_count_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id)
      )`);
    await q.query(`ALTER TABLE usage_count ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE usage_count FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON usage_count
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON usage_count TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE usage_count`);
  }
}
