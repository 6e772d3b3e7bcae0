import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '@mijn-account/api-core';
import { type AuditEventFields, GENESIS_HASH, checkpointMessage, eventHash } from './audit-hash';
import { AuditSigner } from './audit-signer';

export type AuditEventInput = Pick<AuditEventFields, 'action' | 'resource' | 'outcome'> &
  Partial<Pick<AuditEventFields, 'fields' | 'grantId' | 'reason' | 'ticket'>>;

/** An event's own columns as read. */
interface EventRow {
  id: string;
  account_id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  actor_kind: AuditEventFields['actorKind'];
  action: string;
  resource: string;
  fields: string[];
  outcome: AuditEventFields['outcome'];
  grant_id: string | null;
  reason: string | null;
  ticket: string | null;
  ip: string | null;
}

/** An event with its seal's columns (null while it waits for the sealer). */
interface SealedRow extends EventRow {
  seq: string | null;
  prev_hash: Buffer | null;
  hash: Buffer | null;
}

/** An event to write: what happened and by whom; it carries the writing transaction's time. */
export type NewEvent = AuditEventInput & Pick<AuditEventFields, 'actorId' | 'actorName' | 'actorKind' | 'ip'>;

/** The acting user of a request, as the log names them. */
export function actorOf(ctx: RequestContext): Pick<NewEvent, 'actorId' | 'actorName' | 'actorKind' | 'ip'> {
  const user = ctx.user;
  return {
    actorId: user?.id ?? null,
    actorName: user?.displayName ?? 'system',
    actorKind: user?.kind ?? 'system',
    ip: ctx.ip,
  };
}

const INSERT_EVENT = `INSERT INTO audit_event (tenant_id, account_id, at, actor_id, actor_name, actor_kind, action, resource, fields, outcome, grant_id, reason, ticket, ip)`;

/** SQL expressions for the event columns that `eventValues` does not take as parameters. */
export interface EventSql {
  actorId: string;
  actorName: string;
  actorKind: string;
  grantId: string;
  reason: string;
  ticket: string;
}

/** One event's values in INSERT_EVENT's order, each typed: its own through `param`, the rest as `sql` gives them. */
function eventValues(
  param: (value: unknown) => string,
  tenantId: string,
  accountId: string,
  e: AuditEventInput & Pick<NewEvent, 'ip'>,
  sql: EventSql,
): string {
  return [
    `${param(tenantId)}::uuid`,
    `${param(accountId)}::uuid`,
    'now()',
    sql.actorId,
    sql.actorName,
    sql.actorKind,
    `${param(e.action)}::text`,
    `${param(e.resource)}::text`,
    `${param(e.fields ?? [])}::text[]`,
    `${param(e.outcome)}::audit_outcome`,
    sql.grantId,
    sql.reason,
    sql.ticket,
    `${param(e.ip)}::text`,
  ].join(', ');
}

/** An event's own columns (table `e`); its place in the chain and its hashes are in its seal (`s`). */
const EVENT_COLUMNS = [
  'id',
  'account_id',
  'at',
  'actor_id',
  'actor_name',
  'actor_kind',
  'action',
  'resource',
  'fields',
  'outcome',
  'grant_id',
  'reason',
  'ticket',
  'ip',
]
  .map((c) => `e.${c}`)
  .join(', ');

/** The tenant's watermark (`$1`: the tenant): every event numbered up to it has a seal, or never will. */
const WATERMARK = `(SELECT COALESCE(max(sealed_through), 0) FROM audit_seal_progress WHERE tenant_id = $1)`;

/** Events `e` of tenant `$1` numbered above `through` (SQL) without a seal: those the sealer has yet to chain. */
const unsealed = (through: string) =>
  `e.tenant_id = $1 AND e.entry_no > ${through}
   AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.tenant_id = e.tenant_id AND s.entry_no = e.entry_no)`;

/** Events `e` of tenant `$1` waiting for the sealer. */
export const UNSEALED_EVENTS = unsealed(WATERMARK);

/** An event as stored: `seq`, `prevHash` and `hash` stay null until the sealer has chained it. */
export type StoredEvent = Omit<AuditEventFields, 'seq'> & {
  seq: number | null;
  prevHash: Buffer | null;
  hash: Buffer | null;
};

export interface VerificationResult {
  intact: boolean;
  /** Chained events checked. */
  events: number;
  /** Events written but not chained yet (the sealer runs every few seconds). */
  unsealed: number;
  /** The first event that does not check out, and why. */
  firstBroken: { seq: number; id: string | null; problem: string } | null;
  checkpoints: { total: number; valid: number };
}

/** Events chained per sealing statement. */
const SEAL_BATCH = 1000;

/**
 * The tamper-evident access log. An event is inserted in the caller's transaction (if the log write
 * fails, the access fails with it), unchained, so accesses to one account never wait for each
 * other. `seal()` then chains a tenant's new events in the order they were written, one hash chain
 * per subscriber account; one sealer per tenant at a time (an advisory lock).
 */
@Injectable()
export class AuditLogService {
  /** Tenants this process wrote events for since the sealer last took them. */
  private readonly written = new Set<string>();

  constructor(private readonly signer: AuditSigner) {}

  /** The tenants with events from this process waiting for the sealer (and forgets them). */
  takeWritten(): string[] {
    const tenants = [...this.written];
    this.written.clear();
    return tenants;
  }

  markWritten(tenantId: string): void {
    this.written.add(tenantId);
  }

  /** Writes an event by the request's user in the request's transaction. */
  async append(ctx: RequestContext, accountId: string, input: AuditEventInput): Promise<void> {
    await this.appendAs(await ctx.db(), ctx.tenant.id, accountId, { ...input, ...actorOf(ctx) });
  }

  /** Writes an event on a given transaction (jobs, tests). */
  async appendAs(db: EntityManager, tenantId: string, accountId: string, input: NewEvent): Promise<void> {
    this.markWritten(tenantId);
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const values = eventValues(param, tenantId, accountId, input, {
      actorId: `${param(input.actorId)}::uuid`,
      actorName: `${param(input.actorName)}::text`,
      actorKind: `${param(input.actorKind)}::audit_actor_kind`,
      grantId: `${param(input.grantId ?? null)}::uuid`,
      reason: `${param(input.reason ?? null)}::text`,
      ticket: `${param(input.ticket ?? null)}::text`,
    });
    await db.query(`${INSERT_EVENT} VALUES (${values})`, params);
  }

  /**
   * SQL writing one event per row of `from` (a FROM clause), to be run as part of a larger
   * statement (the access guard's session lookup logs an access under a grant this way): the
   * event's own values go in through `param`, `sql` names the rest in terms of `from`. Answers the
   * rows' `grant_id`.
   */
  insertSql(
    param: (value: unknown) => string,
    tenantId: string,
    accountId: string,
    input: AuditEventInput & Pick<NewEvent, 'ip'>,
    sql: EventSql,
    from: string,
  ): string {
    this.markWritten(tenantId);
    return `${INSERT_EVENT} SELECT ${eventValues(param, tenantId, accountId, input, sql)} FROM ${from} RETURNING grant_id`;
  }

  /**
   * Chains every committed, unchained event of the tenant, in the order they were written: each
   * gets a seal row with the next number of its account's chain and `sha256(prevHash || canonical
   * JSON)`, and the chain heads move. Events themselves are never updated. Waits for another sealer
   * of the same tenant to finish first. Then the tenant's watermark moves (below which readers and
   * later passes no longer look): every event numbered up to it is sealed, or was never committed.
   */
  async seal(db: EntityManager, tenantId: string): Promise<number> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`audit-seal:${tenantId}`]);
    const [progress]: { sealed_through: string }[] = await db.query(
      `SELECT sealed_through FROM audit_seal_progress WHERE tenant_id = $1`,
      [tenantId],
    );
    const sealedThrough = progress?.sealed_through ?? '0';
    let total = 0;
    for (;;) {
      const rows: (EventRow & { entry_no: string })[] = await db.query(
        `SELECT ${EVENT_COLUMNS}, e.entry_no FROM audit_event e
          WHERE ${unsealed('$2')} ORDER BY e.entry_no LIMIT ${SEAL_BATCH}`,
        [tenantId, sealedThrough],
      );
      if (rows.length === 0) break;
      const accounts = [...new Set(rows.map((r) => r.account_id))];
      await db.query(
        `INSERT INTO audit_chain (tenant_id, account_id, last_seq, last_hash) SELECT $1, a, 0, $3 FROM unnest($2::uuid[]) a ON CONFLICT DO NOTHING`,
        [tenantId, accounts, GENESIS_HASH],
      );
      const heads = new Map<string, { seq: number; hash: Buffer }>();
      const stored: { account_id: string; last_seq: string; last_hash: Buffer }[] = await db.query(
        `SELECT account_id, last_seq, last_hash FROM audit_chain WHERE tenant_id = $1 AND account_id = ANY ($2::uuid[])`,
        [tenantId, accounts],
      );
      for (const head of stored) heads.set(head.account_id, { seq: Number(head.last_seq), hash: head.last_hash });
      const sealed = rows.map((row) => {
        const head = heads.get(row.account_id) as { seq: number; hash: Buffer };
        const event = toFields(tenantId, row, head.seq + 1);
        const hash = eventHash(head.hash, event);
        heads.set(row.account_id, { seq: event.seq, hash });
        return { accountId: row.account_id, entryNo: row.entry_no, seq: event.seq, prevHash: head.hash, hash };
      });
      await db.query(
        `INSERT INTO audit_seal (tenant_id, account_id, seq, entry_no, prev_hash, hash)
         SELECT $1, * FROM unnest($2::uuid[], $3::bigint[], $4::bigint[], $5::bytea[], $6::bytea[])`,
        [
          tenantId,
          sealed.map((e) => e.accountId),
          sealed.map((e) => e.seq),
          sealed.map((e) => e.entryNo),
          sealed.map((e) => e.prevHash),
          sealed.map((e) => e.hash),
        ],
      );
      await db.query(
        `UPDATE audit_chain c SET last_seq = v.seq, last_hash = v.hash
           FROM unnest($2::uuid[], $3::bigint[], $4::bytea[]) AS v (account_id, seq, hash)
          WHERE c.tenant_id = $1 AND c.account_id = v.account_id`,
        [tenantId, [...heads.keys()], [...heads.values()].map((h) => h.seq), [...heads.values()].map((h) => h.hash)],
      );
      total += rows.length;
      if (rows.length < SEAL_BATCH) break;
    }
    // The watermark moves only through this function (the runtime role may not write it): one
    // phase per pass, and only over events that all have a seal (migration 1795550000000, ADR 0007).
    await db.query(`SELECT audit_advance_watermark($1)`, [tenantId]);
    return total;
  }


  /** An account's events: the chained ones in chain order, then those still waiting for the sealer. */
  async events(db: EntityManager, tenantId: string, accountId: string): Promise<StoredEvent[]> {
    const rows: SealedRow[] = await db.query(
      // Sealed events by their seals' chain order, then the unsealed ones in write order.
      `SELECT * FROM (
         SELECT ${EVENT_COLUMNS}, s.seq, s.prev_hash, s.hash, e.entry_no, 0 AS part
           FROM audit_seal s JOIN audit_event e ON e.tenant_id = s.tenant_id AND e.entry_no = s.entry_no
          WHERE s.tenant_id = $1 AND s.account_id = $2
         UNION ALL
         SELECT ${EVENT_COLUMNS}, NULL, NULL, NULL, e.entry_no, 1 AS part
           FROM audit_event e WHERE ${UNSEALED_EVENTS} AND e.account_id = $2
       ) x ORDER BY part, seq, entry_no`,
      [tenantId, accountId],
    );
    return rows.map((r) => toStored(tenantId, r));
  }

  /**
   * Walks a chain from the start: every event's sequence number, link to its predecessor and own
   * hash; the head row; and every signed checkpoint against the event at its position. Names the
   * first event that fails. A superuser who rewrites the whole chain consistently is caught by the
   * checkpoints, whose signatures only the key holder can make.
   */
  async verify(db: EntityManager, tenantId: string, accountId: string): Promise<VerificationResult> {
    // Checkpoints first, then the chained events with their head in one statement (one snapshot):
    // every checkpoint read was signed over events that the later snapshot must hold, and a sealer
    // committing in between cannot make a sound chain look broken.
    const checkpoints: { seq: string; hash: Buffer; signature: Buffer }[] = await db.query(
      `SELECT seq, hash, signature FROM audit_checkpoint WHERE tenant_id = $1 AND account_id = $2 ORDER BY seq`,
      [tenantId, accountId],
    );
    const rows: (Partial<SealedRow> & { head_seq: string | null; head_hash: Buffer | null; unsealed: string })[] =
      await db.query(
        `SELECT h.last_seq AS head_seq, h.last_hash AS head_hash,
              (SELECT count(*) FROM audit_event e WHERE ${UNSEALED_EVENTS} AND e.account_id = $2) AS unsealed,
              s.seq, s.prev_hash, s.hash, ${EVENT_COLUMNS}
         FROM (VALUES (1)) AS one (x)
         LEFT JOIN audit_chain h ON h.tenant_id = $1 AND h.account_id = $2
         LEFT JOIN (audit_seal s LEFT JOIN audit_event e ON e.tenant_id = s.tenant_id AND e.entry_no = s.entry_no)
                ON s.tenant_id = $1 AND s.account_id = $2
        ORDER BY s.seq`,
        [tenantId, accountId],
      );
    const head =
      rows[0].head_seq === null ? null : { last_seq: rows[0].head_seq, last_hash: rows[0].head_hash as Buffer };
    // One row per seal, with the event it seals (absent if that row is gone).
    const seals = rows.filter((r) => r.seq != null);
    let firstBroken: VerificationResult['firstBroken'] = null;
    const broken = (seq: number, id: string | null, problem: string) => (firstBroken ??= { seq, id, problem });
    let prev: Buffer = GENESIS_HASH;
    seals.forEach((row, index) => {
      const seq = Number(row.seq);
      const id = row.id ?? null;
      if (seq !== index + 1) broken(index + 1, id, `expected event ${index + 1}, found ${seq}`);
      else if (!row.prev_hash?.equals(prev)) broken(seq, id, 'does not link to the event before it');
      else if (id === null) broken(seq, null, 'the event it seals is missing');
      else if (row.account_id !== accountId) broken(seq, id, 'the event it seals belongs to another account');
      else if (!eventHash(prev, toFields(tenantId, row as EventRow, seq)).equals(row.hash as Buffer))
        broken(seq, id, 'its content does not match its hash');
      prev = row.hash as Buffer;
    });
    if (!firstBroken && head && (Number(head.last_seq) !== seals.length || !head.last_hash.equals(prev))) {
      broken(Number(head.last_seq), null, `the chain head says ${head.last_seq} events, ${seals.length} are left`);
    }
    let valid = 0;
    for (const checkpoint of checkpoints) {
      const seq = Number(checkpoint.seq);
      const signed = this.signer.verify(
        checkpointMessage(tenantId, accountId, seq, checkpoint.hash),
        checkpoint.signature,
      );
      const seal = seals[seq - 1];
      if (signed && seal?.hash?.equals(checkpoint.hash)) valid++;
      else
        broken(
          seq,
          seal?.id ?? null,
          signed ? 'differs from the signed checkpoint' : 'checkpoint signature is not valid',
        );
    }
    return {
      intact: firstBroken === null,
      events: seals.length,
      unsealed: Number(rows[0].unsealed),
      firstBroken,
      checkpoints: { total: checkpoints.length, valid },
    };
  }

  /** Seals what is waiting, then signs the head of every chain of this tenant that grew since its last checkpoint. */
  async checkpoint(db: EntityManager, tenantId: string): Promise<number> {
    await this.seal(db, tenantId);
    const heads: { account_id: string; last_seq: string; last_hash: Buffer }[] = await db.query(
      `SELECT c.account_id, c.last_seq, c.last_hash FROM audit_chain c
        WHERE c.tenant_id = $1 AND c.last_seq > 0
          AND NOT EXISTS (SELECT 1 FROM audit_checkpoint k WHERE k.tenant_id = c.tenant_id AND k.account_id = c.account_id AND k.seq = c.last_seq)`,
      [tenantId],
    );
    for (const head of heads) {
      const seq = Number(head.last_seq);
      const signature = this.signer.sign(checkpointMessage(tenantId, head.account_id, seq, head.last_hash));
      await db.query(
        `INSERT INTO audit_checkpoint (tenant_id, account_id, seq, hash, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)`,
        [tenantId, head.account_id, seq, head.last_hash, this.signer.keyId, signature],
      );
    }
    return heads.length;
  }
}

function toStored(tenantId: string, r: SealedRow): StoredEvent {
  const seq = r.seq === null ? null : Number(r.seq);
  return { ...toFields(tenantId, r, seq), seq, prevHash: r.prev_hash, hash: r.hash };
}

/** What an event says, as hashed at position `seq` of its chain. */
function toFields<Seq extends number | null>(
  tenantId: string,
  r: EventRow,
  seq: Seq,
): Omit<AuditEventFields, 'seq'> & { seq: Seq } {
  return {
    tenantId,
    accountId: r.account_id,
    seq,
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorKind: r.actor_kind,
    action: r.action,
    resource: r.resource,
    fields: r.fields,
    outcome: r.outcome,
    grantId: r.grant_id,
    reason: r.reason,
    ticket: r.ticket,
    ip: r.ip,
  };
}
