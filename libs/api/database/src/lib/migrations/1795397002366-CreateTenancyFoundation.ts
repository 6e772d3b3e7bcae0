import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenants, subscriber accounts, users and sessions, with row-level security forced on every
 * tenant table. Runs as the owner role; grants only what the runtime role needs to the group
 * role `portal_runtime` (created by provisioning, see roles.ts).
 */
export class CreateTenancyFoundation1795397002366 implements MigrationInterface {
  name = 'CreateTenancyFoundation1795397002366';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_runtime') THEN
          RAISE EXCEPTION 'role portal_runtime is missing: provision the database roles first (see README)';
        END IF;
      END $$`);

    await q.query(`
      CREATE FUNCTION app_current_tenant() RETURNS uuid
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$`);

    await q.query(`
      CREATE TABLE tenant (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug             text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{0,38}[a-z0-9]$'),
        display_name     text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        default_language text NOT NULL CHECK (default_language IN ('nl', 'en')),
        currency         char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        brand_color      text NOT NULL CHECK (brand_color ~ '^#[0-9a-fA-F]{6}$'),
        logo_url         text,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE tenant_host (
        host      text PRIMARY KEY CHECK (host = lower(host)),
        tenant_id uuid NOT NULL REFERENCES tenant (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX tenant_host_tenant_idx ON tenant_host (tenant_id)`);

    await q.query(`
      CREATE TABLE subscriber_account (
        tenant_id       uuid NOT NULL REFERENCES tenant (id),
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        customer_number text NOT NULL CHECK (length(customer_number) BETWEEN 1 AND 40),
        name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at      timestamptz NOT NULL DEFAULT now(),
        version         int NOT NULL DEFAULT 1,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, customer_number)
      )`);

    await q.query(`
      CREATE TABLE app_user (
        tenant_id          uuid NOT NULL REFERENCES tenant (id),
        id                 uuid NOT NULL DEFAULT gen_random_uuid(),
        email              text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        display_name       text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        password_hash      text,
        kind               text NOT NULL CHECK (kind IN ('subscriber', 'staff')),
        account_id         uuid,
        account_role       text CHECK (account_role IN ('owner', 'member')),
        staff_roles        text[] NOT NULL DEFAULT '{}',
        preferred_language text CHECK (preferred_language IN ('nl', 'en')),
        disabled_at        timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        version            int NOT NULL DEFAULT 1,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, email),
        FOREIGN KEY (tenant_id, account_id) REFERENCES subscriber_account (tenant_id, id),
        CONSTRAINT app_user_kind_roles CHECK (
          (kind = 'subscriber' AND account_id IS NOT NULL AND account_role IS NOT NULL AND staff_roles = '{}')
          OR (kind = 'staff' AND account_id IS NULL AND account_role IS NULL AND cardinality(staff_roles) > 0
              AND staff_roles <@ ARRAY['helpdesk-agent', 'helpdesk-supervisor', 'finance', 'tenant-admin'])
        )
      )`);
    await q.query(`CREATE INDEX app_user_account_idx ON app_user (tenant_id, account_id)`);

    await q.query(`
      CREATE TABLE user_session (
        tenant_id    uuid NOT NULL,
        id           bytea NOT NULL CHECK (length(id) = 32),
        user_id      uuid NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL,
        ended_at     timestamptz,
        ip           inet,
        user_agent   text,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX user_session_user_idx ON user_session (tenant_id, user_id)`);

    for (const table of ['subscriber_account', 'app_user', 'user_session', 'tenant_host']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    for (const table of ['subscriber_account', 'app_user', 'user_session']) {
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant())`);
    }
    // Host names are public routing data (they are in DNS): anyone may look them up to find the
    // tenant, but rows are written only inside that tenant's transaction, by the owner role.
    await q.query(`CREATE POLICY host_lookup ON tenant_host FOR SELECT USING (true)`);
    await q.query(`
      CREATE POLICY tenant_isolation ON tenant_host FOR ALL
        USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())`);

    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA public TO portal_runtime`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_current_tenant() TO portal_runtime`);
    await q.query(`GRANT SELECT ON tenant, tenant_host TO portal_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON subscriber_account, app_user, user_session TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_session, app_user, subscriber_account, tenant_host, tenant`);
    await q.query(`DROP FUNCTION app_current_tenant()`);
  }
}
