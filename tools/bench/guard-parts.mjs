// What the parts of a logged staff read cost PostgreSQL (issue 19 §6, ADR 0007): the access guard's one
// statement taken apart, each variant run as its own transaction (BEGIN, the tenant, the statement,
// COMMIT) by the runtime role (row-level security in force) on a few connections at once, in
// alternating rounds; per transaction the CPU of those backends (from /proc) and the WAL written.
//   session lookup     the owner's first statement (the guard's `s`)
//   + grant check      the lookup with the grant found, no event written
//   + event (guard)    the guard's statement as the portal sends it: check and insert, a durable commit
//   same, async commit `SET LOCAL synchronous_commit = off` first: what waiting for the flush costs
//                      (measured only — an event must be durable before the data leaves)
//   same, bare table   into a copy of audit_event without its index and row-level security: what the
//                      table's shape costs
// Run by portal.bench.mjs with BENCH_PG_STATS=1, after its pairs, on its database: the guard's text
// is read from pg_stat_activity during the agent's reads, so it is the one the built portal sends.
import { readFileSync } from 'node:fs';
import pg from 'pg';

const CONNECTIONS = 4;
const PER_CONNECTION = 800;
const ROUNDS = 5;

const ticks = (pid) => {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

/**
 * `admin`: a connected superuser client; `ownerUrl`, `appUrl`: the owner and runtime roles; `agentEmail`:
 * the agent with an active grant for `accountId` and a session with a second factor.
 */
/**
 * The guard's statement as the portal sends it, read from pg_stat_activity while the agent's reads run
 * (pg_stat_statements shows it with its constants replaced); needs `track_activity_query_size` above
 * its length (loadStatementStats sets it).
 */
export async function captureGuard(admin, seconds) {
  for (const end = Date.now() + seconds * 1000; Date.now() < end;) {
    const [row] = (
      await admin.query(
        `SELECT query FROM pg_stat_activity WHERE query LIKE 'WITH s AS (%INSERT INTO audit_event%RETURNING grant_id)%' LIMIT 1`,
      )
    ).rows;
    if (row) return row.query;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the guard statement was not seen in pg_stat_activity');
}

/**
 * `guard`: the statement (captureGuard); `admin`: a connected superuser client; `ownerUrl`, `appUrl`:
 * the owner and runtime roles; `agentEmail`: the agent with an active grant for `accountId` covering
 * `scope` and a session with a second factor.
 */
export async function guardParts({ guard, admin, ownerUrl, appUrl, agentEmail, accountId, scope }) {
  const [, lookup] = /^WITH s AS \(([\s\S]*?)\),\s*admitted AS/.exec(guard) ?? [];
  const grantOnly = guard
    .replace(/INSERT INTO audit_event \([^)]*\) SELECT/, 'SELECT g.id AS grant_id,')
    .replace('RETURNING grant_id', '')
    .replace('(SELECT * FROM step)', '(SELECT grant_id FROM step)');
  if (!lookup || grantOnly === guard) throw new Error('the guard statement no longer has the expected shape');

  const [agent] = (
    await admin.query(
      `SELECT u.tenant_id, s.id AS session, u.staff_roles FROM app_user u
         JOIN user_session s ON s.tenant_id = u.tenant_id AND s.user_id = u.id AND s.ended_at IS NULL AND s.second_factor_at IS NOT NULL
        WHERE u.email = $1 ORDER BY s.created_at DESC LIMIT 1`,
      [agentEmail],
    )
  ).rows;
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query(`DROP TABLE IF EXISTS bench_bare_event`);
  await owner.query(`CREATE TABLE bench_bare_event (LIKE audit_event INCLUDING DEFAULTS INCLUDING IDENTITY)`);
  await owner.query(`GRANT SELECT, INSERT ON bench_bare_event TO portal_runtime`);
  await owner.end();

  // The guard's parameters in the order the portal binds them (session, rule, grant check, event);
  // checked below: the guard variant must find the grant.
  const t = agent.tenant_id;
  const all = [t, agent.session, 3600, 'staff', agent.staff_roles, t, accountId, scope, t, accountId];
  const params = [...all, 'read', 'billing', ['companyName'], 'allowed', '127.0.0.1'];
  const variants = {
    'session lookup': [[lookup, params.slice(0, 3)]],
    '+ grant check': [[grantOnly, params]],
    '+ event (guard)': [[guard, params]],
    'same, async commit': [
      [`SET LOCAL synchronous_commit = off`, []],
      [guard, params],
    ],
    'same, bare table': [[guard.replace('INSERT INTO audit_event', 'INSERT INTO bench_bare_event'), params]],
  };
  const clients = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    client.pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    clients.push(client);
  }
  const transaction = async (client, name, statements) => {
    await client.query('BEGIN');
    await client.query({ name: 'tenant', text: `SELECT set_config('app.tenant_id', $1, true)`, values: [t] });
    let last;
    for (const [i, [text, values]] of statements.entries())
      last = await client.query(values.length ? { name: `${name}:${i}`, text, values } : text);
    await client.query('COMMIT');
    return last;
  };
  const check = await transaction(clients[0], '+ event (guard)', variants['+ event (guard)']);
  if (!check.rows[0]?.step)
    throw new Error("the guard variant found no grant: its parameters no longer match the portal's");

  const results = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = Object.entries(variants);
    for (const [name, statements] of round % 2 ? order.reverse() : order) {
      const cpuBefore = clients.reduce((sum, c) => sum + ticks(c.pid), 0);
      const [{ lsn }] = (await admin.query('SELECT pg_current_wal_insert_lsn() AS lsn')).rows;
      await Promise.all(
        clients.map(async (client) => {
          for (let i = 0; i < PER_CONNECTION; i++) await transaction(client, name, statements);
        }),
      );
      const n = CONNECTIONS * PER_CONNECTION;
      const [{ bytes }] = (await admin.query('SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1) AS bytes', [lsn]))
        .rows;
      results[name].push({
        cpu: ((clients.reduce((sum, c) => sum + ticks(c.pid), 0) - cpuBefore) * 10_000) / n,
        wal: Number(bytes) / n,
      });
    }
  }
  for (const client of clients) await client.end();
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${sorted[Math.floor(sorted.length / 2)].toFixed(0)} (${sorted[0].toFixed(0)}–${sorted.at(-1).toFixed(0)})`;
  };
  console.log(
    `\nThe guard's statement in parts, per transaction (${ROUNDS} alternating rounds × ${CONNECTIONS} connections × ${PER_CONNECTION}; ` +
      `CPU of those backends, median (range)):`,
  );
  for (const [name, rows] of Object.entries(results))
    console.log(
      `  ${name.padEnd(20)} ${median(rows.map((r) => r.cpu)).padStart(16)} µs CPU  ${median(rows.map((r) => r.wal)).padStart(14)} B WAL`,
    );
}
