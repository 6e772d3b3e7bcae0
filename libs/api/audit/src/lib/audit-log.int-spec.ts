import type { DataSource } from 'typeorm';
import { ERASABLE_EVENT_TRIGGERS, MIGRATIONS, createDataSource, withTenant } from '@mijn-account/api-database';
import { type TestApp, startTestApp } from '@mijn-account/api-testing';
import { eventHash, sealedEventHash } from './audit-hash';
import { AuditJobs } from './audit-jobs';
import { AuditReaderService, type PublishedEvent, type StoredEvent, published } from './audit-reader.service';
import { AuditSealerService } from './audit-sealer.service';
import { AuditWriterService } from './audit-writer.service';

type Chained = StoredEvent & { seq: number; prevHash: Buffer; hash: Buffer };

/** The log's two append-only tables: events, and the seals that chain them. */
const LOG_TABLES = ['audit_event', 'audit_seal'];

/** The access log's chain, checkpoints and verifier, against the real database and both roles. */
describe('access log: hash chain, checkpoints, verification', () => {
  let t: TestApp;
  let runtime: DataSource;
  let writer: AuditWriterService;
  let sealer: AuditSealerService;
  let reader: AuditReaderService;

  beforeAll(async () => {
    t = await startTestApp();
    runtime = await createDataSource({ url: t.db.appUrl, poolSize: 16 }).initialize();
    writer = t.app.get(AuditWriterService);
    sealer = t.app.get(AuditSealerService);
    reader = t.app.get(AuditReaderService);
  });
  afterAll(async () => {
    await runtime.destroy();
    await t.close();
  });

  /** A fresh subscriber account (of alpha unless told), so each case has a chain of its own. */
  async function newAccount(tenant = t.alpha): Promise<string> {
    const rows = await t.sql<{ id: string }>(
      tenant,
      `INSERT INTO subscriber_account (tenant_id, customer_number, name) VALUES ($1, $2, 'Audit case') RETURNING id`,
      [tenant.id, `AUD-${Math.random().toString(36).slice(2, 10)}`],
    );
    return rows[0].id;
  }
  /**
   * An event written straight into the table, past this app: its seal timer only takes the
   * tenants the app itself wrote for, so in beta such events wait until a test seals them.
   */
  const writtenPast = (tenant: typeof t.beta, accountId: string) =>
    t.sql(
      tenant,
      `INSERT INTO audit_event (tenant_id, account_id, at, actor_name, actor_kind, action, resource, outcome)
       VALUES ($1, $2, now(), 'Agent', 'staff', 'read', 'billing', 'allowed')`,
      [tenant.id, accountId],
    );

  const append = (accountId: string, n: number) =>
    withTenant(runtime, t.alpha.id, (db) =>
      writer.appendAs(db, t.alpha.id, accountId, {
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
  const seal = () => withTenant(runtime, t.alpha.id, (db) => sealer.seal(db, t.alpha.id));
  const eventsOf = (accountId: string) =>
    withTenant(runtime, t.alpha.id, (db) => reader.events(db, t.alpha.id, accountId));
  /** `n` events written one after the other, then chained. */
  const chainOf = async (accountId: string, n: number): Promise<Chained[]> => {
    for (let i = 1; i <= n; i++) await append(accountId, i);
    await seal();
    return (await eventsOf(accountId)) as Chained[];
  };
  const verify = (accountId: string) =>
    withTenant(runtime, t.alpha.id, (db) => reader.verify(db, t.alpha.id, accountId));
  /** Tampering as the owner role: the log's triggers off for the statement, then on again. */
  const tamper = (sql: string, params: unknown[]) =>
    withTenant(t.owner, t.alpha.id, async (db) => {
      for (const table of LOG_TABLES) await db.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      await db.query(sql, params);
      for (const table of LOG_TABLES) await db.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    });
  /** The event at position `seq` of an account's chain (`$1`), as SQL. */
  const entryAt = (seq: number) =>
    `(SELECT entry_no FROM audit_seal WHERE tenant_id = app_current_tenant() AND account_id = $1 AND seq = ${seq})`;

  it('writes events unchained, then the sealer links each to the one before; verifies intact; the account’s people can read it', async () => {
    const accountId = t.alpha.accounts[0].id;
    await append(accountId, 1);
    // What the access wrote is in the log at once, waiting for the sealer (unless its timer was quicker).
    expect(await eventsOf(accountId)).toHaveLength(1);
    // Chained or waiting (the timer may seal between two reads), but counted once, and intact.
    const first = await verify(accountId);
    expect(first).toMatchObject({ intact: true, firstBroken: null });
    expect(first.events + first.unsealed).toBe(1);
    await append(accountId, 2);
    await append(accountId, 3);
    await seal();
    const events = (await eventsOf(accountId)) as Chained[];
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[1].prevHash.equals(events[0].hash)).toBe(true);
    expect(sealedEventHash(events[1].prevHash, events[1], events[1].personalDigest).equals(events[1].hash)).toBe(true);
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

  it('seals an event whose transaction commits long after later events were sealed (the watermark waits for it)', async () => {
    const accountId = await newAccount();
    const gate: { commit?: () => void; written?: (entryNo: string) => void } = {};
    const held = new Promise<void>((resolve) => (gate.commit = resolve));
    const inserted = new Promise<string>((resolve) => (gate.written = resolve));
    // An access that draws its event number and then stays open.
    const slow = withTenant(runtime, t.alpha.id, async (db) => {
      await writer.appendAs(db, t.alpha.id, accountId, {
        action: 'read',
        resource: 'billing',
        outcome: 'allowed',
        actorId: null,
        actorName: 'Slow access',
        actorKind: 'staff',
        ip: null,
      });
      const [{ entry_no }] = await db.query(`SELECT entry_no FROM audit_event WHERE account_id = $1`, [accountId]);
      gate.written?.(entry_no);
      await held;
    });
    const slowEntry = await inserted;
    await append(accountId, 2);
    await append(accountId, 3);
    for (let pass = 0; pass < 3; pass++) await seal();
    const [progress] = await t.sql<{ sealed_through: string }>(
      t.alpha,
      `SELECT sealed_through FROM audit_seal_progress WHERE tenant_id = $1`,
      [t.alpha.id],
    );
    expect(BigInt(progress.sealed_through)).toBeLessThan(BigInt(slowEntry));
    expect(await verify(accountId)).toMatchObject({ intact: true, events: 2, unsealed: 0 });

    gate.commit?.();
    await slow;
    // Committed now: in the log at once, waiting above the watermark, and chained by the next pass.
    const waiting = await verify(accountId);
    expect(waiting.events + waiting.unsealed).toBe(3);
    await seal();
    expect(await verify(accountId)).toMatchObject({ intact: true, events: 3, unsealed: 0 });
    expect((await eventsOf(accountId)).map((e) => e.actorName)).toEqual([
      'Helpdesk Agent',
      'Helpdesk Agent',
      'Slow access',
    ]);
  });

  it('lets the runtime role only insert and read events and seals, and nobody change, delete or truncate them', async () => {
    const accountId = await newAccount();
    await chainOf(accountId, 1);
    await append(accountId, 2);
    const rights = await t.sql<Record<string, unknown>>(
      t.alpha,
      `SELECT t AS table, has_table_privilege('portal_runtime', t, 'SELECT') AS select,
              has_table_privilege('portal_runtime', t, 'INSERT') AS insert,
              has_any_column_privilege('portal_runtime', t, 'UPDATE') AS update,
              has_table_privilege('portal_runtime', t, 'DELETE') AS delete,
              has_table_privilege('portal_runtime', t, 'TRUNCATE') AS truncate
         FROM unnest($1::text[]) AS t ORDER BY t`,
      [LOG_TABLES],
    );
    expect(rights).toEqual(
      LOG_TABLES.map((table) => ({ table, select: true, insert: true, update: false, delete: false, truncate: false })),
    );
    for (const table of LOG_TABLES) {
      const where = [`WHERE account_id = $1`, [accountId]] as const;
      await expect(
        t.appSql(t.alpha, `UPDATE ${table} SET account_id = account_id ${where[0]}`, [...where[1]]),
      ).rejects.toThrow(/permission denied/);
      await expect(t.appSql(t.alpha, `DELETE FROM ${table} ${where[0]}`, [...where[1]])).rejects.toThrow(
        /permission denied/,
      );
      await expect(t.appSql(t.alpha, `TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
      // The owner, who could grant itself anything, is stopped by the triggers.
      await expect(
        t.sql(t.alpha, `UPDATE ${table} SET account_id = account_id ${where[0]}`, [...where[1]]),
      ).rejects.toThrow(/append-only/);
      await expect(t.sql(t.alpha, `DELETE FROM ${table} ${where[0]}`, [...where[1]])).rejects.toThrow(/append-only/);
      await expect(t.sql(t.alpha, `TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
    }
    // Both events still there: the second waiting for the sealer, or chained by its timer meanwhile.
    expect([
      [1, null],
      [1, 2],
    ]).toContainEqual((await eventsOf(accountId)).map((e) => e.seq));
    expect(await verify(accountId)).toMatchObject({ intact: true });
  });

  it('lets the runtime role move the watermark only through the sealer’s function, which never passes an unsealed event', async () => {
    const rights = await t.sql<Record<string, boolean>>(
      t.alpha,
      `SELECT has_table_privilege('portal_runtime', 'audit_seal_progress', 'SELECT') AS select,
              has_table_privilege('portal_runtime', 'audit_seal_progress', 'INSERT') AS insert,
              has_any_column_privilege('portal_runtime', 'audit_seal_progress', 'UPDATE') AS update,
              has_function_privilege('portal_runtime', 'audit_advance_watermark(uuid)', 'EXECUTE') AS advance`,
    );
    expect(rights).toEqual([{ select: true, insert: false, update: false, advance: true }]);
    await expect(
      t.appSql(t.beta, `UPDATE audit_seal_progress SET sealed_through = 9223372036854775807`),
    ).rejects.toThrow(/permission denied/);
    // In beta (no seal timer there): a committed event nobody sealed, and the function called again and again.
    const accountId = await newAccount(t.beta);
    await writtenPast(t.beta, accountId);
    for (let i = 0; i < 4; i++) await t.appSql(t.beta, `SELECT audit_advance_watermark($1)`, [t.beta.id]);
    const waiting = await withTenant(runtime, t.beta.id, (db) => reader.verify(db, t.beta.id, accountId));
    expect(waiting).toMatchObject({ intact: true, events: 0, unsealed: 1 });
    await withTenant(runtime, t.beta.id, (db) => sealer.seal(db, t.beta.id));
    const sealed = await withTenant(runtime, t.beta.id, (db) => reader.verify(db, t.beta.id, accountId));
    expect(sealed).toMatchObject({ intact: true, events: 1, unsealed: 0 });
  });

  it('catches a seal that chains another account’s event, even with a correct hash', async () => {
    // In beta, so no seal timer takes the second account's event first.
    const [a, b] = [await newAccount(t.beta), await newAccount(t.beta)];
    for (let i = 0; i < 2; i++) await writtenPast(t.beta, a);
    await withTenant(runtime, t.beta.id, (db) => sealer.seal(db, t.beta.id));
    await writtenPast(t.beta, b);
    const chain = (await withTenant(runtime, t.beta.id, (db) => reader.events(db, t.beta.id, a))) as Chained[];
    const [other] = await withTenant(runtime, t.beta.id, (db) => reader.events(db, t.beta.id, b));
    const [{ entry_no }] = await t.sql<{ entry_no: string }>(
      t.beta,
      `SELECT entry_no FROM audit_event WHERE account_id = $1`,
      [b],
    );
    const hash = eventHash(chain[1].hash, { ...other, accountId: b, seq: 3 });
    await withTenant(t.owner, t.beta.id, async (db) => {
      await db.query(
        `INSERT INTO audit_seal (tenant_id, account_id, seq, entry_no, prev_hash, hash) VALUES (app_current_tenant(), $1, 3, $2, $3, $4)`,
        [a, entry_no, chain[1].hash, hash],
      );
      await db.query(`UPDATE audit_chain SET last_seq = 3, last_hash = $2 WHERE account_id = $1`, [a, hash]);
    });
    const result = await withTenant(runtime, t.beta.id, (db) => reader.verify(db, t.beta.id, a));
    expect(result.firstBroken).toEqual({
      seq: 3,
      id: other.id,
      problem: 'the event it seals belongs to another account',
    });
  });

  it.each([
    // [case, damage, position named, the event found there (its index; 'forged': one the damage added), problem]
    [
      'a changed event',
      (a: string) => tamper(`UPDATE audit_event SET ticket = 'T-forged' WHERE entry_no = ${entryAt(3)}`, [a]),
      3,
      2,
      'its content does not match its hash',
    ],
    [
      'a deleted event',
      (a: string) => tamper(`DELETE FROM audit_event WHERE entry_no = ${entryAt(2)}`, [a]),
      2,
      null,
      'the event it seals is missing',
    ],
    [
      'a deleted seal',
      (a: string) => tamper(`DELETE FROM audit_seal WHERE account_id = $1 AND seq = 2`, [a]),
      2,
      2,
      'expected event 2, found 3',
    ],
    [
      'two seals swapped',
      async (a: string) => {
        await tamper(`UPDATE audit_seal SET seq = 1000 WHERE account_id = $1 AND seq = 2`, [a]);
        await tamper(`UPDATE audit_seal SET seq = 2 WHERE account_id = $1 AND seq = 4`, [a]);
        await tamper(`UPDATE audit_seal SET seq = 4 WHERE account_id = $1 AND seq = 1000`, [a]);
      },
      2,
      3,
      'does not link to the event before it',
    ],
    [
      'an inserted event and seal',
      (a: string) =>
        tamper(
          `WITH forged AS (
             INSERT INTO audit_event (tenant_id, account_id, at, actor_name, actor_kind, action, resource, outcome)
             VALUES (app_current_tenant(), $1, now(), 'Nobody', 'staff', 'read', 'billing', 'allowed') RETURNING tenant_id, account_id, entry_no)
           INSERT INTO audit_seal (tenant_id, account_id, seq, entry_no, prev_hash, hash)
           SELECT f.tenant_id, f.account_id, 6, f.entry_no, s.hash, s.hash FROM forged f
             JOIN audit_seal s ON s.tenant_id = f.tenant_id AND s.account_id = f.account_id AND s.seq = 5`,
          [a],
        ),
      6,
      'forged',
      'its content does not match its hash',
    ],
  ] as const)(
    'names the first broken event after %s through the owner role',
    async (_name, damage, seq, found, problem) => {
      const accountId = await newAccount();
      const events = await chainOf(accountId, 5);
      await damage(accountId);
      const result = await verify(accountId);
      expect(result.intact).toBe(false);
      const id = found === 'forged' ? expect.any(String) : found === null ? null : events[found].id;
      expect(result.firstBroken).toEqual({ seq, id, problem });
    },
  );

  it('catches a chain rewritten consistently (hashes recomputed) with the signed checkpoint', async () => {
    const accountId = await newAccount();
    await chainOf(accountId, 3);
    expect(await t.app.get(AuditJobs).checkpoint(runtime)).toBeGreaterThanOrEqual(1);
    expect((await verify(accountId)).checkpoints).toEqual({ total: 1, valid: 1 });

    // A superuser-grade attack: change event 2, recompute 2 and 3 and the chain head.
    const events = (await eventsOf(accountId)) as Chained[];
    const forged2 = { ...events[1], ticket: 'T-rewritten' };
    const hash2 = sealedEventHash(events[0].hash, forged2, forged2.personalDigest);
    const hash3 = sealedEventHash(hash2, events[2], events[2].personalDigest);
    await tamper(`UPDATE audit_event SET ticket = 'T-rewritten' WHERE entry_no = ${entryAt(2)}`, [accountId]);
    await tamper(`UPDATE audit_seal SET hash = $2 WHERE account_id = $1 AND seq = 2`, [accountId, hash2]);
    await tamper(`UPDATE audit_seal SET prev_hash = $2, hash = $3 WHERE account_id = $1 AND seq = 3`, [
      accountId,
      hash2,
      hash3,
    ]);
    await tamper(`UPDATE audit_chain SET last_hash = $2 WHERE account_id = $1`, [accountId, hash3]);
    const result = await verify(accountId);
    expect(result.intact).toBe(false);
    expect(result.firstBroken).toEqual({ seq: 3, id: events[2].id, problem: 'differs from the signed checkpoint' });

    // The command-line verifier reports the same chain as broken, and the intact ones as intact.
    const reports = await reader.verifyAllChains(t.owner);
    expect(reports.find((r) => r.accountId === accountId)?.intact).toBe(false);
    expect(reports.find((r) => r.accountId === t.alpha.accounts[0].id)?.intact).toBe(true);
  });

  it('reports an account whose events all still wait for the sealer (a process stopped before sealing)', async () => {
    const accountId = t.beta.accounts[0].id;
    await writtenPast(t.beta, accountId);
    const report = (await reader.verifyAllChains(t.owner)).find((r) => r.accountId === accountId);
    expect(report).toMatchObject({ intact: true, events: 0, unsealed: 1 });
  });

  it('pages an account’s events from one snapshot: the same events in the same order, none lost or read twice while the sealer chains', async () => {
    const accountId = await newAccount(t.beta);
    for (let i = 0; i < 7; i++) await writtenPast(t.beta, accountId);
    await withTenant(runtime, t.beta.id, (db) => sealer.seal(db, t.beta.id));
    for (let i = 0; i < 3; i++) await writtenPast(t.beta, accountId);
    const whole = await withTenant(runtime, t.beta.id, (db) => reader.events(db, t.beta.id, accountId));
    expect(whole.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, null, null, null]);
    const pages = await withTenant(runtime, t.beta.id, async (db) => {
      const read: PublishedEvent[][] = [];
      for await (const page of reader.eventPages(db, t.beta.id, accountId, 3)) {
        read.push(page);
        // The three waiting events are chained between the first and the second page: a reader
        // by pages of separate queries would now miss them (or read them twice).
        if (read.length === 1) await withTenant(runtime, t.beta.id, (other) => sealer.seal(other, t.beta.id));
      }
      return read;
    });
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
    // As published (hashes in hex, read so from PostgreSQL), in the same order and with the same JSON text.
    expect(JSON.stringify(pages.flat())).toBe(JSON.stringify(whole.map(published)));
    expect(
      (await withTenant(runtime, t.beta.id, (db) => reader.events(db, t.beta.id, accountId))).map((e) => e.seq),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
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
  it('takes the log migrations down and up again with sealed and unsealed events keeping their chain', async () => {
    // In beta, so the app's seal timer leaves the fourth event waiting. Events as written before the
    // erasure migration (no salt): the older log migrations know nothing of the digest their seals
    // would carry, so the erasure migration's update trigger and salt are set aside and put back.
    const owner = t.owner.createQueryRunner();
    await owner.query(`ALTER TABLE audit_event ALTER COLUMN personal_salt DROP DEFAULT`);
    await owner.query(`DROP TRIGGER audit_event_erasure_only ON audit_event`);
    await owner.release();
    const accountId = await newAccount(t.beta);
    for (let i = 0; i < 3; i++) await writtenPast(t.beta, accountId);
    await withTenant(runtime, t.beta.id, (db) => sealer.seal(db, t.beta.id));
    await writtenPast(t.beta, accountId);
    const sealed = await t.sql<{ seq: string | null; prev_hash: Buffer | null; hash: Buffer | null }>(
      t.beta,
      `SELECT s.seq, s.prev_hash, s.hash FROM audit_event e
         LEFT JOIN audit_seal s ON s.tenant_id = e.tenant_id AND s.entry_no = e.entry_no
        WHERE e.account_id = $1 ORDER BY e.entry_no`,
      [accountId],
    );
    expect(sealed.map((r) => r.seq)).toEqual(['1', '2', '3', null]);
    /** Before the insert-only seals, the chain lived in the event's own columns (cast: one result type for both schemas). */
    const inEventColumns = () =>
      t.sql(
        t.beta,
        `SELECT seq::bigint, prev_hash::bytea, hash::bytea FROM audit_event WHERE account_id = $1 ORDER BY entry_no`,
        [accountId],
      );
    const migration = (name: string) => {
      const found = MIGRATIONS.find((m) => m.name === name);
      if (!found) throw new Error(`no migration ${name}`);
      return new found();
    };
    const keyed = migration('KeyAuditEventsByEntryNo1795560000000');
    const watermark = migration('LogEveryStaffAccess1795550000000');
    const seals = migration('SealIntoInsertOnlyTable1795540000000');
    const lean = migration('LeanAuditEvents1795530000000');
    const runner = t.owner.createQueryRunner();
    try {
      await keyed.down(runner);
      await watermark.down(runner);
      await seals.down(runner);
      expect(await inEventColumns()).toEqual(sealed);
      await lean.down(runner);
      expect(await inEventColumns()).toEqual(sealed);
      await lean.up(runner);
      await seals.up(runner);
      await watermark.up(runner);
      await keyed.up(runner);
      await runner.query(`ALTER TABLE audit_seal ADD COLUMN personal_digest sha256_digest`);
      for (const statement of ERASABLE_EVENT_TRIGGERS) await runner.query(statement);
      await runner.query(`ALTER TABLE audit_event ALTER COLUMN personal_salt SET DEFAULT uuid_send(gen_random_uuid())`);
    } finally {
      await runner.release();
    }
    const db = await createDataSource({ url: t.db.appUrl, poolSize: 1 }).initialize();
    try {
      expect(await withTenant(db, t.beta.id, (m) => reader.verify(m, t.beta.id, accountId))).toEqual({
        intact: true,
        events: 3,
        unsealed: 1,
        firstBroken: null,
        checkpoints: { total: 0, valid: 0 },
      });
      await withTenant(db, t.beta.id, (m) => sealer.seal(m, t.beta.id));
      expect(await withTenant(db, t.beta.id, (m) => reader.verify(m, t.beta.id, accountId))).toMatchObject({
        intact: true,
        events: 4,
        unsealed: 0,
      });
    } finally {
      await db.destroy();
    }
  });
});
