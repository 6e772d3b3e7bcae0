import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tamper-evident access log (issue 5): one hash chain per subscriber account. Each event
 * carries the hash of the one before it; `audit_chain` holds each chain's head and serialises
 * appends; `audit_checkpoint` keeps Ed25519-signed chain heads. Events and checkpoints are
 * append-only: the runtime role may only insert and read, and triggers refuse update, delete and
 * truncate for everyone, the owner included.
 */
export class AddAuditLog1795500000000 implements MigrationInterface {
  name = 'AddAuditLog1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chain (
        tenant_id  uuid NOT NULL,
        account_id uuid NOT NULL,
        last_seq   bigint NOT NULL,
        last_hash  bytea NOT NULL CHECK (length(last_hash) = 32),
        PRIMARY KEY (tenant_id, account_id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES subscriber_account (tenant_id, id)
      )`);

    await q.query(`
      CREATE TABLE audit_event (
        tenant_id  uuid NOT NULL,
        account_id uuid NOT NULL,
        seq        bigint NOT NULL CHECK (seq >= 1),
        id         uuid NOT NULL DEFAULT gen_random_uuid(),
        at         timestamptz NOT NULL,
        actor_id   uuid,
        actor_name text NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('subscriber', 'staff', 'system')),
        action     text NOT NULL,
        resource   text NOT NULL,
        fields     text[] NOT NULL DEFAULT '{}',
        outcome    text NOT NULL CHECK (outcome IN ('allowed', 'refused')),
        grant_id   uuid,
        reason     text,
        ticket     text,
        ip         text CHECK (length(ip) <= 45),
        prev_hash  bytea NOT NULL CHECK (length(prev_hash) = 32),
        hash       bytea NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (tenant_id, account_id, seq),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES audit_chain (tenant_id, account_id)
      )`);

    await q.query(`
      CREATE TABLE audit_checkpoint (
        tenant_id  uuid NOT NULL,
        account_id uuid NOT NULL,
        seq        bigint NOT NULL,
        hash       bytea NOT NULL CHECK (length(hash) = 32),
        key_id     text NOT NULL,
        signature  bytea NOT NULL,
        signed_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, account_id, seq),
        FOREIGN KEY (tenant_id, account_id) REFERENCES audit_chain (tenant_id, account_id)
      )`);

    for (const table of ['audit_event', 'audit_checkpoint']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }
    for (const table of ['audit_chain', 'audit_event', 'audit_checkpoint']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant())`);
    }
    await q.query(`GRANT SELECT, INSERT ON audit_event, audit_checkpoint TO portal_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON audit_chain TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_checkpoint, audit_event, audit_chain`);
  }
}
