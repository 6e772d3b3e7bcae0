// The yardstick: a bare Fastify + pg server answering GET /api/me with the same queries as the
// portal, in the same kind of tenant transaction (BEGIN; set_config; session+user; account; COMMIT).
// The SQL is kept in step by hand with libs/api/auth/src/lib/session.service.ts and
// libs/api/accounts/src/lib/accounts.service.ts (this file is plain JS, so it imports neither).
// Started by me.bench.mjs; not part of the product.
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const { DATABASE_URL, PORT, IDLE_SECONDS = '1800' } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
// The benchmark stops PostgreSQL under it at the end; an idle connection's error then is expected.
pool.on('error', () => undefined);
const tenants = new Map();
const app = Fastify({ logger: false });

async function tenantFor(host) {
  const slug = String(host ?? '').split('.')[0];
  if (!tenants.has(slug)) {
    const { rows } = await pool.query('SELECT id FROM tenant WHERE slug = $1', [slug]);
    tenants.set(slug, rows[0]?.id ?? null);
  }
  return tenants.get(slug);
}

app.get('/api/me', async (request, reply) => {
  const tenantId = await tenantFor(request.headers.host);
  if (!tenantId) return reply.code(404).send({ status: 404 });
  const token = /(?:^|;\s*)ma_sid=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  if (!token) return reply.code(401).send({ status: 401 });
  const id = createHash('sha256').update(token).digest();
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const { rows } = await client.query(
      `SELECT s.public_id, s.expires_at, s.last_seen_at, s.second_factor_at, s.reauthenticated_at,
              u.id AS user_id, u.email, u.display_name, u.kind, u.account_id, u.account_role, u.staff_roles,
              u.preferred_language, u.totp_enabled_at IS NOT NULL AS two_factor
         FROM user_session s
         JOIN app_user u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
        WHERE s.tenant_id = $1 AND s.id = $2 AND s.ended_at IS NULL
          AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $3)
          AND u.disabled_at IS NULL`,
      [tenantId, id, Number(IDLE_SECONDS)],
    );
    const user = rows[0];
    if (!user) {
      await client.query('COMMIT');
      return reply.code(401).send({ status: 401 });
    }
    const account = (
      await client.query('SELECT id, customer_number, name FROM subscriber_account WHERE tenant_id = $1 AND id = $2', [
        tenantId,
        user.account_id,
      ])
    ).rows[0];
    await client.query('COMMIT');
    return {
      user: { id: user.user_id, email: user.email, displayName: user.display_name, kind: user.kind, preferredLanguage: user.preferred_language },
      account: account ? { id: account.id, customerNumber: account.customer_number, name: account.name, role: user.account_role } : null,
      staffRoles: user.staff_roles,
      session: { expiresAt: user.expires_at, idleExpiresAt: user.last_seen_at },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
});

await app.listen({ port: Number(PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => pool.end()).then(() => process.exit(0)));
