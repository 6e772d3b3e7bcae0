import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Helpdesk access (issue 5): requests for time-limited, scoped access to one subscriber account,
 * decided by the account's owner (service reason) or by a second, supervising person (technical
 * reason), and the tenant's rules for them.
 */
export class AddAccessGrants1795510000000 implements MigrationInterface {
  name = 'AddAccessGrants1795510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_access_settings (
        tenant_id             uuid PRIMARY KEY REFERENCES tenant (id),
        max_minutes           int NOT NULL DEFAULT 480 CHECK (max_minutes BETWEEN 5 AND 10080),
        default_minutes       int NOT NULL DEFAULT 60 CHECK (default_minutes BETWEEN 5 AND 10080),
        request_timeout_hours int NOT NULL DEFAULT 72 CHECK (request_timeout_hours BETWEEN 1 AND 720),
        allowed_scopes        text[] NOT NULL DEFAULT ARRAY['profile:read', 'billing:read', 'billing:write', 'newsletters:read'],
        CHECK (default_minutes <= max_minutes)
      )`);
    await q.query(`INSERT INTO tenant_access_settings (tenant_id) SELECT id FROM tenant`);

    await q.query(`
      CREATE TABLE access_grant (
        tenant_id          uuid NOT NULL,
        id                 uuid NOT NULL DEFAULT gen_random_uuid(),
        account_id         uuid NOT NULL,
        requested_by       uuid NOT NULL,
        requested_by_name  text NOT NULL,
        reason             text NOT NULL CHECK (reason IN ('service', 'security', 'availability')),
        ticket             text NOT NULL CHECK (length(ticket) BETWEEN 1 AND 100),
        justification      text NOT NULL CHECK (length(justification) BETWEEN 1 AND 2000),
        scopes             text[] NOT NULL CHECK (cardinality(scopes) > 0),
        minutes            int NOT NULL CHECK (minutes > 0),
        status             text NOT NULL CHECK (status IN ('pending', 'active', 'denied', 'expired', 'revoked', 'closed')),
        requested_at       timestamptz NOT NULL DEFAULT now(),
        request_expires_at timestamptz NOT NULL,
        decided_by         uuid,
        decided_by_name    text,
        decided_at         timestamptz,
        starts_at          timestamptz,
        expires_at         timestamptz,
        ended_at           timestamptz,
        close_note         text CHECK (length(close_note) <= 4000),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES subscriber_account (tenant_id, id),
        FOREIGN KEY (tenant_id, requested_by) REFERENCES app_user (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX access_grant_account_idx ON access_grant (tenant_id, account_id, status)`);
    await q.query(`CREATE INDEX access_grant_agent_idx ON access_grant (tenant_id, requested_by, status)`);

    for (const table of ['tenant_access_settings', 'access_grant']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant())`);
    }
    await q.query(`GRANT SELECT, UPDATE ON tenant_access_settings TO portal_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON access_grant TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_grant, tenant_access_settings`);
  }
}
