import type { DataSource } from 'typeorm';
import { AuditJobs, AuditLogService, type StoredEvent, eventHash, verifyAllChains } from '@mijn-account/api-audit';
import { MIGRATIONS, createDataSource, withTenant } from '@mijn-account/api-database';
import { type TestApp, startTestApp } from '../app/test-app.testing';

type Chained = StoredEvent & { seq: number; prevHash: Buffer; hash: Buffer };

/** The access log's chain, checkpoints and verifier, against the real database and both roles. */
describe('access log: hash chain, checkpoints, verification', () => {
  let t: TestApp;
  let runtime: DataSource;
  let log: AuditLogService;

  beforeAll(async () => {
    t = await startTestApp();
    runtime = await createDataSource({ url: t.db.appUrl, poolSize: 16 }).initialize();
    log = t.app.get(AuditLogService);
  });
  afterAll(async () => {
    await runtime.destroy();
    await t.close();
  });

  /** A fresh subscriber account of alpha, so each case has a chain of its own. */
  async function newAccount(): Promise<string> {
    const rows = await t.sql<{ id: string }>(
      t.alpha,
      `INSERT INTO subscriber_account (tenant_id, customer_number, name) VALUES ($1, $2, 'Audit case') RETURNING id`,
      [t.alpha.id, `AUD-${Math.random().toString(36).slice(2, 10)}`],
    );
    return rows[0].id;
  }

  const append = (accountId: string, n: number) =>
    withTenant(runtime, t.alpha.id, (db) =>
      log.appendAs(db, t.alpha.id, accountId, {
        action: 'read',
        resource: 'billing',
        fields: ['address'],
        outcome: 'allowed',
        reason: 'service',
        ticket: `T-${n}`,
        actorId: t.alpha.staff['helpdesk-agent'].id,
        actorName: 'Helpdesk Agent',
        actorKind: 'staff',
        ip: '192.0.2.1',
      }),
    );
  const seal = () => withTenant(runtime, t.alpha.id, (db) => log.seal(db, t.alpha.id));
  const eventsOf = (accountId: string) =>
    withTenant(runtime, t.alpha.id, (db) => log.events(db, t.alpha.id, accountId));
  /** `n` events written one after the other, then chained. */
  const chainOf = async (accountId: string, n: number): Promise<Chained[]> => {
    for (let i = 1; i <= n; i++) await append(accountId, i);
    await seal();
    return (await eventsOf(accountId)) as Chained[];
  };
  const verify = (accountId: string) => withTenant(runtime, t.alpha.id, (db) => log.verify(db, t.alpha.id, accountId));
  /** Tampering as the owner role: triggers off for the statement, then on again. */
  const tamper = (sql: string, params: unknown[]) =>
    withTenant(t.owner, t.alpha.id, async (db) => {
      await db.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
      await db.query(sql, params);
      await db.query(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
    });

  it('writes events unchained, then the sealer links each to the one before; verifies intact; the account’s people can read it', async () => {
    const accountId = t.alpha.accounts[0].id;
    await append(accountId, 1);
    // What the access wrote is in the log at once, waiting for the sealer (unless its timer was quicker).
    const written = await eventsOf(accountId);
    expect(written).toHaveLength(1);
    expect(await verify(accountId)).toMatchObject({
      intact: true,
      events: written[0].seq === null ? 0 : 1,
      unsealed: written[0].seq === null ? 1 : 0,
    });
    await append(accountId, 2);
    await append(accountId, 3);
    await seal();
    const events = (await eventsOf(accountId)) as Chained[];
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[1].prevHash.equals(events[0].hash)).toBe(true);
    expect(eventHash(events[1].prevHash, events[1]).equals(events[1].hash)).toBe(true);
    expect(await verify(accountId)).toEqual({
      intact: true,
      events: 3,
      unsealed: 0,
      firstBroken: null,
      checkpoints: { total: 0, valid: 0 },
    });

    const member = t.client(t.alpha);
    await member.signIn(t.alpha.accounts[0].member.email);
    const seen = (await member.request('GET', '/api/account/access-log')).json();
    expect(seen.verification.intact).toBe(true);
    expect(seen.events.map((e: { ticket: string }) => e.ticket)).toEqual(['T-3', 'T-2', 'T-1']);
    // Another account's people see their own (empty) log only.
    const other = t.client(t.alpha);
    await other.signIn(t.alpha.accounts[1].member.email);
    expect((await other.request('GET', '/api/account/access-log')).json().events).toEqual([]);
  });

  it('chains what this process wrote on its own, within seconds (the AUDIT_SEAL_SECONDS timer)', async () => {
    const accountId = await newAccount();
    await append(accountId, 1);
    await append(accountId, 2);
    const deadline = Date.now() + 10_000;
    let result = await verify(accountId);
    while (result.unsealed > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      result = await verify(accountId);
    }
    expect(result).toMatchObject({ intact: true, events: 2, unsealed: 0 });
  });

  it('keeps a valid chain under 16 concurrent appends with sealers running alongside', async () => {
    const accountId = await newAccount();
    await Promise.all([...Array.from({ length: 16 }, (_, i) => append(accountId, i + 1)), seal(), seal(), seal()]);
    await seal();
    expect(await verify(accountId)).toMatchObject({ intact: true, events: 16, unsealed: 0 });
    expect((await eventsOf(accountId)).map((e) => e.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('lets neither the runtime role nor the owner change or delete an event', async () => {
    const accountId = await newAccount();
    await chainOf(accountId, 1);
    await expect(t.appSql(t.alpha, `UPDATE audit_event SET ticket = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(t.appSql(t.alpha, `DELETE FROM audit_event`)).rejects.toThrow(/permission denied/);
    await expect(t.sql(t.alpha, `UPDATE audit_event SET ticket = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.sql(t.alpha, `DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    // Sealing fills the chain columns once: a sealed event cannot be resealed, by anyone.
    await expect(
      t.appSql(t.alpha, `UPDATE audit_event SET hash = prev_hash WHERE account_id = $1`, [accountId]),
    ).rejects.toThrow(/append-only/);
    await expect(t.sql(t.alpha, `UPDATE audit_event SET seq = 7 WHERE account_id = $1`, [accountId])).rejects.toThrow(
      /append-only/,
    );
    // Nor can an unsealed event be changed on the way.
    await append(accountId, 2);
    await expect(
      t.sql(
        t.alpha,
        `UPDATE audit_event SET ticket = 'x', seq = 2, prev_hash = hash, hash = hash WHERE account_id = $1 AND seq IS NULL`,
        [accountId],
      ),
    ).rejects.toThrow(/append-only/);
    // Every column but the three that sealing fills is fixed, including any column added later.
    const columns = await t.sql<{ column_name: string }>(
      t.alpha,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_event' AND is_generated = 'NEVER' AND identity_generation IS NULL`,
    );
    const content = columns.map((c) => c.column_name).filter((c) => !['seq', 'prev_hash', 'hash'].includes(c));
    expect(content).toContain('ticket');
    for (const column of content) {
      await expect(
        t.sql(t.alpha, `UPDATE audit_event SET ${column} = ${column} WHERE account_id = $1 AND seq IS NULL`, [
          accountId,
        ]),
      ).rejects.toThrow(/append-only/);
    }
  });

  it.each([
    // [case, damage, position named, index of the event found there (-1: the forged one), problem]
    [
      'a changed row',
      (a: string) => tamper(`UPDATE audit_event SET ticket = 'T-forged' WHERE account_id = $1 AND seq = 3`, [a]),
      3,
      2,
      'its content does not match its hash',
    ],
    [
      'a deleted row',
      (a: string) => tamper(`DELETE FROM audit_event WHERE account_id = $1 AND seq = 2`, [a]),
      2,
      2,
      'expected event 2, found 3',
    ],
    [
      'two rows swapped',
      async (a: string) => {
        await tamper(`UPDATE audit_event SET seq = 1000 WHERE account_id = $1 AND seq = 2`, [a]);
        await tamper(`UPDATE audit_event SET seq = 2 WHERE account_id = $1 AND seq = 4`, [a]);
        await tamper(`UPDATE audit_event SET seq = 4 WHERE account_id = $1 AND seq = 1000`, [a]);
      },
      2,
      3,
      'does not link to the event before it',
    ],
    [
      'an inserted row',
      (a: string) =>
        tamper(
          `INSERT INTO audit_event (tenant_id, account_id, seq, at, actor_name, actor_kind, action, resource, outcome, prev_hash, hash)
           SELECT tenant_id, account_id, 6, now(), 'Nobody', 'staff', 'read', 'billing', 'allowed', hash, hash FROM audit_event WHERE account_id = $1 AND seq = 5`,
          [a],
        ),
      6,
      -1,
      'its content does not match its hash',
    ],
  ])('names the first broken event after %s through the owner role', async (_name, damage, seq, found, problem) => {
    const accountId = await newAccount();
    const events = await chainOf(accountId, 5);
    await damage(accountId);
    const result = await verify(accountId);
    expect(result.intact).toBe(false);
    expect(result.firstBroken).toEqual({ seq, id: found >= 0 ? events[found].id : expect.any(String), problem });
  });

  it('catches a chain rewritten consistently (hashes recomputed) with the signed checkpoint', async () => {
    const accountId = await newAccount();
    await chainOf(accountId, 3);
    expect(await t.app.get(AuditJobs).checkpoint(runtime)).toBeGreaterThanOrEqual(1);
    expect((await verify(accountId)).checkpoints).toEqual({ total: 1, valid: 1 });

    // A superuser-grade attack: change event 2, recompute 2 and 3 and the chain head.
    const events = (await eventsOf(accountId)) as Chained[];
    const forged2 = { ...events[1], ticket: 'T-rewritten' };
    const hash2 = eventHash(events[0].hash, forged2);
    const hash3 = eventHash(hash2, events[2]);
    await withTenant(t.owner, t.alpha.id, async (db) => {
      await db.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
      await db.query(`UPDATE audit_event SET ticket = 'T-rewritten', hash = $2 WHERE account_id = $1 AND seq = 2`, [
        accountId,
        hash2,
      ]);
      await db.query(`UPDATE audit_event SET prev_hash = $2, hash = $3 WHERE account_id = $1 AND seq = 3`, [
        accountId,
        hash2,
        hash3,
      ]);
      await db.query(`UPDATE audit_chain SET last_hash = $2 WHERE account_id = $1`, [accountId, hash3]);
      await db.query(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
    });
    const result = await verify(accountId);
    expect(result.intact).toBe(false);
    expect(result.firstBroken).toEqual({ seq: 3, id: events[2].id, problem: 'differs from the signed checkpoint' });

    // The command-line verifier reports the same chain as broken, and the intact ones as intact.
    const reports = await verifyAllChains(t.owner, log);
    expect(reports.find((r) => r.accountId === accountId)?.intact).toBe(false);
    expect(reports.find((r) => r.accountId === t.alpha.accounts[0].id)?.intact).toBe(true);
  });

  it('reports an account whose events all still wait for the sealer (a process stopped before sealing)', async () => {
    // Written straight into beta, whose events this app's seal timer was never told about.
    const accountId = t.beta.accounts[0].id;
    await t.sql(
      t.beta,
      `INSERT INTO audit_event (tenant_id, account_id, at, actor_name, actor_kind, action, resource, outcome) VALUES ($1, $2, now(), 'Agent', 'staff', 'read', 'billing', 'allowed')`,
      [t.beta.id, accountId],
    );
    const report = (await verifyAllChains(t.owner, log)).find((r) => r.accountId === accountId);
    expect(report).toMatchObject({ intact: true, events: 0, unsealed: 1 });
  });

  it('publishes the checkpoint key and exports what an auditor needs', async () => {
    const key = (await t.client(t.alpha).request('GET', '/api/access-log/public-key')).json();
    expect(key).toMatchObject({ algorithm: 'Ed25519', publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') });
    const owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    const exported = (await owner.request('GET', '/api/account/access-log/export.json')).json();
    expect(exported.publicKeyPem).toBe(key.publicKeyPem);
    expect(exported.events).toHaveLength(3);
    expect(exported.checkpoints[0]).toMatchObject({ seq: 3, keyId: key.keyId });
  });

  // Last, because it changes the schema under the app's connections (their prepared statements go stale).
  it('takes the lean event table back and forth with sealed and unsealed events keeping their chain', async () => {
    const accountId = await newAccount();
    await chainOf(accountId, 3);
    await append(accountId, 4);
    const lean = MIGRATIONS.find((m) => m.name === 'LeanAuditEvents1795530000000');
    const runner = t.owner.createQueryRunner();
    const fresh = async () => {
      const db = await createDataSource({ url: t.db.appUrl, poolSize: 1 }).initialize();
      try {
        return await withTenant(db, t.alpha.id, (m) => log.verify(m, t.alpha.id, accountId));
      } finally {
        await db.destroy();
      }
    };
    // The app's seal timer may chain the fourth event at any moment: all four, sealed or not.
    const intactWithAll = async () => {
      const result = await fresh();
      expect(result).toMatchObject({ intact: true, checkpoints: { total: 0, valid: 0 } });
      expect(result.events + result.unsealed).toBe(4);
      expect(result.events).toBeGreaterThanOrEqual(3);
    };
    try {
      await new (lean as NonNullable<typeof lean>)().down(runner);
      await intactWithAll();
      await new (lean as NonNullable<typeof lean>)().up(runner);
      await intactWithAll();
    } finally {
      await runner.release();
    }
  });
});
