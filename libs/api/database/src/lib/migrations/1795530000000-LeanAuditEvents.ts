import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An access event is written on every staff read, so what PostgreSQL does per insert counts
 * (issue 5's logging-cost goal; ADR 0007 has the measurements). The same rules, cheaper to check:
 *
 * - Seven table CHECK constraints become types: enums for `actor_kind` and `outcome`, `varchar(45)`
 *   for `ip`, domains for `seq` (≥ 1) and the two hashes (32 bytes). PostgreSQL re-reads every table
 *   CHECK from the catalogue for each INSERT statement; a type's rule is checked on input and a
 *   domain's is cached. Only "sealed as a whole" stays a CHECK.
 * - An unsealed event enters one index instead of three: the unique chain order
 *   `(tenant_id, account_id, seq)` becomes partial (sealed events only), and the unique
 *   `(tenant_id, id)` index goes — the sealer addresses events by `entry_no` through the
 *   `audit_event_unsealed` index, and `id` (random, part of each event's hash) is looked up nowhere.
 *
 * The two triggers naming altered columns are dropped and recreated from their own definitions
 * (PostgreSQL refuses to change the type of a column a trigger names).
 */
export class LeanAuditEvents1795530000000 implements MigrationInterface {
  name = 'LeanAuditEvents1795530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE audit_actor_kind AS ENUM ('subscriber', 'staff', 'system')`);
    await q.query(`CREATE TYPE audit_outcome AS ENUM ('allowed', 'refused')`);
    await q.query(`CREATE DOMAIN audit_seq AS bigint CHECK (VALUE >= 1)`);
    await q.query(`CREATE DOMAIN sha256_digest AS bytea CHECK (length(VALUE) = 32)`);
    const triggers = await this.dropTriggers(q);
    await q.query(`
      ALTER TABLE audit_event
        DROP CONSTRAINT audit_event_actor_kind_check,
        DROP CONSTRAINT audit_event_outcome_check,
        DROP CONSTRAINT audit_event_ip_check,
        DROP CONSTRAINT audit_event_seq_check,
        DROP CONSTRAINT audit_event_prev_hash_check,
        DROP CONSTRAINT audit_event_hash_check,
        DROP CONSTRAINT audit_event_seq,
        DROP CONSTRAINT audit_event_tenant_id_id_key,
        ALTER COLUMN actor_kind TYPE audit_actor_kind USING actor_kind::audit_actor_kind,
        ALTER COLUMN outcome TYPE audit_outcome USING outcome::audit_outcome,
        ALTER COLUMN ip TYPE varchar(45),
        ALTER COLUMN seq TYPE audit_seq,
        ALTER COLUMN prev_hash TYPE sha256_digest,
        ALTER COLUMN hash TYPE sha256_digest`);
    await q.query(
      `CREATE UNIQUE INDEX audit_event_seq ON audit_event (tenant_id, account_id, seq) WHERE seq IS NOT NULL`,
    );
    for (const definition of triggers) await q.query(definition);
  }

  async down(q: QueryRunner): Promise<void> {
    const triggers = await this.dropTriggers(q);
    await q.query(`DROP INDEX audit_event_seq`);
    await q.query(`
      ALTER TABLE audit_event
        ALTER COLUMN actor_kind TYPE text,
        ALTER COLUMN outcome TYPE text,
        ALTER COLUMN ip TYPE text,
        ALTER COLUMN seq TYPE bigint,
        ALTER COLUMN prev_hash TYPE bytea,
        ALTER COLUMN hash TYPE bytea,
        ADD CONSTRAINT audit_event_actor_kind_check CHECK (actor_kind IN ('subscriber', 'staff', 'system')),
        ADD CONSTRAINT audit_event_outcome_check CHECK (outcome IN ('allowed', 'refused')),
        ADD CONSTRAINT audit_event_ip_check CHECK (length(ip) <= 45),
        ADD CONSTRAINT audit_event_seq_check CHECK (seq >= 1),
        ADD CONSTRAINT audit_event_prev_hash_check CHECK (length(prev_hash) = 32),
        ADD CONSTRAINT audit_event_hash_check CHECK (length(hash) = 32),
        ADD CONSTRAINT audit_event_seq UNIQUE (tenant_id, account_id, seq),
        ADD CONSTRAINT audit_event_tenant_id_id_key UNIQUE (tenant_id, id)`);
    for (const definition of triggers) await q.query(definition);
    await q.query(`DROP DOMAIN sha256_digest`);
    await q.query(`DROP DOMAIN audit_seq`);
    await q.query(`DROP TYPE audit_outcome`);
    await q.query(`DROP TYPE audit_actor_kind`);
  }

  /** Drops the triggers that name columns whose type changes; answers their definitions. */
  private async dropTriggers(q: QueryRunner): Promise<string[]> {
    const rows: { name: string; definition: string }[] = await q.query(
      `SELECT tgname AS name, pg_get_triggerdef(oid) AS definition FROM pg_trigger
        WHERE tgrelid = 'audit_event'::regclass AND tgname IN ('audit_event_content_fixed', 'audit_event_sealed_once')`,
    );
    for (const row of rows) await q.query(`DROP TRIGGER ${row.name} ON audit_event`);
    return rows.map((row) => row.definition);
  }
}
