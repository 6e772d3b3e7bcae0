// The yardstick: a bare Fastify + pg server answering the benchmarked routes with the same queries
// as the portal, in the same kind of tenant transaction (BEGIN; set_config; session + user; …;
// COMMIT), and the same validation libraries for the billing edit. The SQL is kept in step by hand
// with libs/api/auth/src/lib/session.service.ts, libs/api/accounts/src/lib/accounts.service.ts and
// billing.service.ts (this file is plain JS, so it imports neither). Started by portal.bench.mjs;
// not part of the product. Like the portal (libs/api/database/src/lib/prepared-query.ts), every
// parameterised statement is a named prepared statement (YARDSTICK_PREPARED=false: unnamed, as a plain
// pg program sends them), so the ratio compares the portal with the best bare program, not a naive one.
// YARDSTICK_FRAMEWORK=nest: the same handlers behind NestJS on its Fastify adapter (a controller, no
// guards, interceptors or pipes) — the framework's own floor, to tell its cost from the portal's layers.
// YARDSTICK_DATA=typeorm: every statement through a TypeORM query runner (the portal's data layer) on
// the same prepared pg connection, instead of pg directly.
// YARDSTICK_SCOPE=als: each request runs inside an AsyncLocalStorage scope, as the portal's log scope
// does (on Node 20 that turns on async hooks for every promise and callback of the process).
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import jsvat from 'jsvat';
import pg from 'pg';
import isPostalCode from 'validator/lib/isPostalCode.js';
import isEmail from 'validator/lib/isEmail.js';

const {
  DATABASE_URL,
  PORT,
  IDLE_SECONDS = '1800',
  YARDSTICK_PREPARED = 'true',
  YARDSTICK_FRAMEWORK,
  YARDSTICK_DATA,
  YARDSTICK_SCOPE,
} = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
// The benchmark stops PostgreSQL under it at the end; an idle connection's error then is expected.
pool.on('error', () => undefined);
const tenants = new Map();
const names = new Map();
const prepared = new WeakSet();

/** Names each parameterised statement of this connection by its text (once per pooled connection). */
function prepare(client) {
  if (YARDSTICK_PREPARED === 'false' || prepared.has(client)) return client;
  const query = client.query.bind(client);
  client.query = (text, values, ...rest) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0) return query(text, values, ...rest);
    let name = names.get(text);
    if (!name) names.set(text, (name = `y_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`));
    return query({ name, text, values }, ...rest);
  };
  prepared.add(client);
  return client;
}
const typeorm = YARDSTICK_DATA === 'typeorm' ? await dataSource() : null;

/** A pooled connection with `query(text, values)` → `{ rows }` and `release()`: pg's own, or a TypeORM runner's. */
async function connect() {
  if (!typeorm) return prepare(await pool.connect());
  const runner = typeorm.createQueryRunner();
  prepare(await runner.connect());
  return {
    query: async (text, values) => ({ rows: await runner.query(text, values) }),
    release: () => runner.release(),
  };
}

async function dataSource() {
  const { DataSource } = await import('typeorm');
  const source = new DataSource({ type: 'postgres', url: DATABASE_URL, extra: { max: 10 } });
  return source.initialize();
}

async function tenantFor(host) {
  const slug = String(host ?? '').split('.')[0];
  if (!tenants.has(slug)) {
    const { rows } = await pool.query('SELECT id FROM tenant WHERE slug = $1', [slug]);
    tenants.set(slug, rows[0]?.id ?? null);
  }
  return tenants.get(slug);
}

/** Tenant from Host, one transaction with the tenant set, the session's user; then `work`. */
const scope = YARDSTICK_SCOPE === 'als' ? new AsyncLocalStorage() : null;

async function inSession(request, reply, work) {
  if (scope) return scope.run({ reqId: request.id }, () => session(request, reply, work));
  return session(request, reply, work);
}

async function session(request, reply, work) {
  const tenantId = await tenantFor(request.headers.host);
  if (!tenantId) return reply.code(404).send({ status: 404 });
  const token = /(?:^|;\s*)ma_sid=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  if (!token) return reply.code(401).send({ status: 401 });
  const id = createHash('sha256').update(token).digest();
  const client = await connect();
  try {
    await client.query('START TRANSACTION');
    // As the portal's tenant transactions: the tenant and the statement timeout, in one statement.
    await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('statement_timeout', $2, true)`, [
      tenantId,
      '30000',
    ]);
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
    const result = await work(client, tenantId, user);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const me = (request, reply) =>
  inSession(request, reply, async (client, tenantId, user) => {
    const account = (
      await client.query('SELECT id, customer_number, name FROM subscriber_account WHERE tenant_id = $1 AND id = $2', [
        tenantId,
        user.account_id,
      ])
    ).rows[0];
    return {
      user: {
        id: user.user_id,
        email: user.email,
        displayName: user.display_name,
        kind: user.kind,
        preferredLanguage: user.preferred_language,
      },
      account: account
        ? { id: account.id, customerNumber: account.customer_number, name: account.name, role: user.account_role }
        : null,
      staffRoles: user.staff_roles,
      session: { expiresAt: user.expires_at, idleExpiresAt: user.last_seen_at },
    };
  });

const BILLING_SQL = `SELECT company_name, coc_number, vat_id, vat_valid, vat_checked_at, billing_email, street, house_number,
                            house_number_addition, postal_code, city, country, version
                       FROM subscriber_account WHERE tenant_id = $1 AND id = $2`;
const toBilling = (r) => ({
  companyName: r.company_name,
  cocNumber: r.coc_number,
  vatId: r.vat_id,
  vatCheck: r.vat_id && r.vat_checked_at ? { valid: r.vat_valid, checkedAt: r.vat_checked_at } : null,
  billingEmail: r.billing_email,
  address: r.street
    ? {
        street: r.street,
        houseNumber: r.house_number,
        houseNumberAddition: r.house_number_addition,
        postalCode: r.postal_code,
        city: r.city,
        country: r.country,
      }
    : null,
});

const billing = (request, reply) =>
  inSession(request, reply, async (client, tenantId, user) => {
    const row = (await client.query(BILLING_SQL, [tenantId, user.account_id])).rows[0];
    reply.header('etag', `"v${row.version}"`);
    return toBilling(row);
  });

const editBilling = (request, reply) =>
  inSession(request, reply, async (client, tenantId, user) => {
    if (user.account_role !== 'owner') return reply.code(403).send({ status: 403 });
    const version = /^"v(\d+)"$/.exec(request.headers['if-match'] ?? '')?.[1];
    if (!version) return reply.code(428).send({ status: 428 });
    const b = request.body;
    const a = b.address;
    const errors = [];
    const vat = b.vatId?.toUpperCase().replace(/[\s.-]/g, '') || null;
    if (vat && !jsvat.checkVAT(vat, jsvat.countries).isValid) errors.push('vatId');
    if (b.billingEmail && !isEmail.default(b.billingEmail)) errors.push('billingEmail');
    const postalCode = a.postalCode.trim().toUpperCase();
    if (!isPostalCode.default(postalCode, a.country)) errors.push('address.postalCode');
    if (errors.length) return reply.code(422).send({ status: 422, errors });
    const row = (await client.query(`${BILLING_SQL} FOR NO KEY UPDATE`, [tenantId, user.account_id])).rows[0];
    if (String(row.version) !== version)
      return reply.code(412).send({ status: 412, current: { ...toBilling(row), etag: `"v${row.version}"` } });
    const changes = [];
    const pairs = {
      companyName: [row.company_name, b.companyName],
      postalCode: [row.postal_code, postalCode],
      street: [row.street, a.street],
    };
    for (const [field, [from, to]] of Object.entries(pairs)) if (from !== to) changes.push({ field, from, to });
    await client.query(
      `UPDATE subscriber_account SET company_name = $3, coc_number = $4, vat_id = $5, vat_valid = $6, vat_checked_at = $7,
              billing_email = $8, street = $9, house_number = $10, house_number_addition = $11, postal_code = $12, city = $13,
              country = $14, version = version + 1
        WHERE tenant_id = $1 AND id = $2`,
      [
        tenantId,
        user.account_id,
        b.companyName,
        b.cocNumber,
        vat,
        true,
        new Date(),
        b.billingEmail,
        a.street,
        a.houseNumber,
        a.houseNumberAddition,
        postalCode,
        a.city,
        a.country,
      ],
    );
    await client.query(
      `INSERT INTO change_history (tenant_id, subject_type, subject_id, changed_by, changed_by_name, changed_by_kind, changes)
       VALUES ($1, 'billing', $2, $3, $4, $5, $6)`,
      [tenantId, user.account_id, user.user_id, user.display_name, user.kind, JSON.stringify(changes)],
    );
    reply.header('etag', `"v${row.version + 1}"`);
    return { ...b, vatId: vat, address: { ...a, postalCode } };
  });

const ROUTES = [
  ['GET', '/api/me', me],
  ['GET', '/api/account/billing', billing],
  ['PUT', '/api/account/billing', editBilling],
];
const server = YARDSTICK_FRAMEWORK === 'nest' ? await behindNest() : bare();

/** The routes above on bare Fastify. */
function bare() {
  const app = Fastify({ logger: false });
  for (const [method, url, handler] of ROUTES) app.route({ method, url, handler });
  return app;
}
await server.listen({ port: Number(PORT), host: '127.0.0.1' });
process.on('SIGTERM', () =>
  server
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0)),
);

/**
 * The routes above, each answered by a NestJS controller method on the Fastify adapter: Nest's router,
 * execution context and response handling around the same work (decorators applied as functions, since
 * this file is plain JavaScript).
 */
async function behindNest() {
  await import('reflect-metadata');
  const { Controller, Get, Module, Put, Req, Res } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  class Routes {}
  for (const [method, url, answer] of ROUTES) {
    const name = `${method} ${url}`;
    Routes.prototype[name] = async (request, reply) => {
      const result = await answer(request, reply);
      if (!reply.sent) reply.send(result);
    };
    const descriptor = Object.getOwnPropertyDescriptor(Routes.prototype, name);
    ({ GET: Get, PUT: Put })[method](url.slice('/api/'.length))(Routes.prototype, name, descriptor);
    Req()(Routes.prototype, name, 0);
    Res()(Routes.prototype, name, 1);
  }
  Controller('api')(Routes);
  class App {}
  Module({ controllers: [Routes] })(App);
  const nest = await NestFactory.create(App, new FastifyAdapter(), { logger: false });
  return { listen: ({ port, host }) => nest.listen(port, host), close: () => nest.close() };
}
