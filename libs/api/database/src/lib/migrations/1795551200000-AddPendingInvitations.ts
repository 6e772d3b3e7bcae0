import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invitation is no longer a user created at once (whose unique e-mail answered 409 for any
 * registered address, so inviting probed who has an account): it waits here until its link is
 * used, and the user is created then, with the invitation's id. An invitation to an address that
 * already has an account looks the same to the inviter; that address's owner gets a notice instead
 * of a link (issue 14).
 */
export class AddPendingInvitations1795551200000 implements MigrationInterface {
  name = 'AddPendingInvitations1795551200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitation (
        tenant_id    uuid NOT NULL REFERENCES tenant (id),
        id           uuid NOT NULL DEFAULT gen_random_uuid(),
        email        text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        kind         text NOT NULL CHECK (kind IN ('subscriber', 'staff')),
        account_id   uuid,
        account_role text CHECK (account_role IN ('owner', 'member')),
        staff_roles  text[] NOT NULL DEFAULT '{}',
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES subscriber_account (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT invitation_kind_roles CHECK (
          (kind = 'subscriber' AND account_id IS NOT NULL AND account_role IS NOT NULL AND staff_roles = '{}')
          OR (kind = 'staff' AND account_id IS NULL AND account_role IS NULL AND cardinality(staff_roles) > 0
              AND staff_roles <@ ARRAY['helpdesk-agent', 'helpdesk-supervisor', 'finance', 'tenant-admin'])
        )
      )`);
    await q.query(`CREATE INDEX invitation_account_idx ON invitation (tenant_id, account_id)`);
    await q.query(`ALTER TABLE invitation ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE invitation FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON invitation
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON invitation TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitation`);
  }
}
