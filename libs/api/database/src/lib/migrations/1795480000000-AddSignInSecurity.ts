import PgBoss from 'pg-boss';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** pg-boss's own schema; the API only ever talks to it through pg-boss. */
export const QUEUE_SCHEMA = 'pgboss';
export const MAIL_QUEUE = 'mail';

/**
 * Sign-in security (issue 3): e-mail verification, one-time links, second factor, linked social
 * identities, sign-in history, known devices, brute-force counters, per-tenant sign-in settings and
 * identity providers, and the mail outbox with pg-boss's job queue that delivers it.
 */
export class AddSignInSecurity1795480000000 implements MigrationInterface {
  name = 'AddSignInSecurity1795480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_sign_in_settings (
        tenant_id        uuid PRIMARY KEY REFERENCES tenant (id),
        self_sign_up     boolean NOT NULL DEFAULT false,
        free_attempts    int NOT NULL DEFAULT 3 CHECK (free_attempts BETWEEN 1 AND 20),
        lock_after       int NOT NULL DEFAULT 10 CHECK (lock_after BETWEEN 3 AND 100),
        lock_minutes     int NOT NULL DEFAULT 15 CHECK (lock_minutes BETWEEN 1 AND 1440),
        ip_lock_after    int NOT NULL DEFAULT 50 CHECK (ip_lock_after BETWEEN 10 AND 10000),
        version          int NOT NULL DEFAULT 1,
        CHECK (free_attempts < lock_after)
      )`);
    await q.query(`INSERT INTO tenant_sign_in_settings (tenant_id) SELECT id FROM tenant`);

    await q.query(`
      CREATE TABLE tenant_identity_provider (
        tenant_id         uuid NOT NULL REFERENCES tenant (id),
        provider          text NOT NULL CHECK (provider IN ('google', 'microsoft')),
        enabled           boolean NOT NULL DEFAULT false,
        issuer            text NOT NULL CHECK (issuer ~ '^https?://' AND length(issuer) <= 300),
        client_id         text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 300),
        client_secret_enc text NOT NULL,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        version           int NOT NULL DEFAULT 1,
        PRIMARY KEY (tenant_id, provider)
      )`);

    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN email_verified_at   timestamptz,
        ADD COLUMN password_changed_at timestamptz,
        ADD COLUMN totp_secret_enc     text,
        ADD COLUMN totp_enabled_at     timestamptz,
        ADD COLUMN totp_last_step      bigint,
        ADD COLUMN invited_at          timestamptz`);
    // Everyone who exists so far was created by an operator or the demo seed.
    await q.query(`UPDATE app_user SET email_verified_at = created_at`);

    await q.query(`
      ALTER TABLE user_session
        ADD COLUMN public_id          uuid NOT NULL DEFAULT gen_random_uuid(),
        ADD COLUMN method             text NOT NULL DEFAULT 'password'
                                      CHECK (method IN ('password', 'google', 'microsoft', 'link')),
        ADD COLUMN second_factor_at   timestamptz,
        ADD COLUMN reauthenticated_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT user_session_public_id UNIQUE (tenant_id, public_id)`);

    await q.query(`
      CREATE TABLE recovery_code (
        tenant_id uuid NOT NULL,
        user_id   uuid NOT NULL,
        code_hash bytea NOT NULL,
        used_at   timestamptz,
        PRIMARY KEY (tenant_id, user_id, code_hash),
        FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE user_identity (
        tenant_id    uuid NOT NULL,
        provider     text NOT NULL CHECK (provider IN ('google', 'microsoft')),
        subject      text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
        user_id      uuid NOT NULL,
        email        text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        PRIMARY KEY (tenant_id, provider, subject),
        UNIQUE (tenant_id, user_id, provider),
        FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE action_token (
        tenant_id  uuid NOT NULL REFERENCES tenant (id),
        id         bytea NOT NULL CHECK (length(id) = 32),
        purpose    text NOT NULL,
        user_id    uuid,
        data       jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at    timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX action_token_user_idx ON action_token (tenant_id, user_id, purpose)`);

    await q.query(`
      CREATE TABLE sign_in_event (
        tenant_id  uuid NOT NULL REFERENCES tenant (id),
        id         bigint GENERATED ALWAYS AS IDENTITY,
        user_id    uuid,
        email      text,
        method     text NOT NULL,
        outcome    text NOT NULL,
        ip         inet,
        user_agent text,
        new_device boolean NOT NULL DEFAULT false,
        at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX sign_in_event_user_idx ON sign_in_event (tenant_id, user_id, at DESC)`);

    await q.query(`
      CREATE TABLE known_device (
        tenant_id   uuid NOT NULL,
        user_id     uuid NOT NULL,
        device_hash bytea NOT NULL,
        first_seen  timestamptz NOT NULL DEFAULT now(),
        last_seen   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id, device_hash),
        FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE sign_in_throttle (
        tenant_id       uuid NOT NULL REFERENCES tenant (id),
        key             text NOT NULL,
        failures        int NOT NULL DEFAULT 0,
        last_failure_at timestamptz NOT NULL DEFAULT now(),
        locked_until    timestamptz,
        PRIMARY KEY (tenant_id, key)
      )`);

    await q.query(`
      CREATE TABLE mail_message (
        tenant_id  uuid NOT NULL REFERENCES tenant (id),
        id         uuid NOT NULL DEFAULT gen_random_uuid(),
        recipient  text NOT NULL,
        template   text NOT NULL,
        subject    text NOT NULL,
        text_body  text NOT NULL,
        html_body  text NOT NULL,
        headers    jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts   int NOT NULL DEFAULT 0,
        last_error text,
        sent_at    timestamptz,
        PRIMARY KEY (tenant_id, id)
      )`);

    const tables = [
      'tenant_sign_in_settings',
      'tenant_identity_provider',
      'recovery_code',
      'user_identity',
      'action_token',
      'sign_in_event',
      'known_device',
      'sign_in_throttle',
      'mail_message',
    ];
    for (const table of tables) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant())`);
    }
    await q.query(`GRANT SELECT, UPDATE ON tenant_sign_in_settings TO portal_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_identity_provider, recovery_code, user_identity,
                     action_token, known_device, sign_in_throttle TO portal_runtime`);
    // History and outbox are never deleted by the API; the history is never rewritten either.
    await q.query(`GRANT SELECT, INSERT ON sign_in_event TO portal_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON mail_message TO portal_runtime`);

    // pg-boss: its schema is created here, by the owner, so the runtime role needs no DDL rights.
    const plans = PgBoss.getConstructionPlans(QUEUE_SCHEMA).trim();
    if (!plans.startsWith('BEGIN;') || !plans.endsWith('COMMIT;')) throw new Error('unexpected pg-boss construction plan');
    await q.query(plans.slice('BEGIN;'.length, -'COMMIT;'.length));
    await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [
      MAIL_QUEUE,
      JSON.stringify({ policy: 'standard', retryLimit: 8, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 }),
    ]);
    await q.query(`GRANT USAGE ON SCHEMA ${QUEUE_SCHEMA} TO portal_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${QUEUE_SCHEMA} TO portal_runtime`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${QUEUE_SCHEMA} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO portal_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA ${QUEUE_SCHEMA} CASCADE`);
    await q.query(`
      DROP TABLE mail_message, sign_in_throttle, known_device, sign_in_event, action_token, user_identity,
                 recovery_code, tenant_identity_provider, tenant_sign_in_settings`);
    await q.query(`
      ALTER TABLE user_session DROP CONSTRAINT user_session_public_id, DROP COLUMN public_id, DROP COLUMN method,
        DROP COLUMN second_factor_at, DROP COLUMN reauthenticated_at`);
    await q.query(`
      ALTER TABLE app_user DROP COLUMN email_verified_at, DROP COLUMN password_changed_at, DROP COLUMN totp_secret_enc,
        DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step, DROP COLUMN invited_at`);
  }
}
