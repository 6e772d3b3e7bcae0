import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { withTenant } from '@mijn-account/api-database';
import { EVENT_COLUMNS, type EventRow, UNSEALED_EVENTS, toFields } from './audit-event-row';
import { type AuditEventFields, GENESIS_HASH, checkpointMessage, personalDigest, sealedEventHash } from './audit-hash';
import { AuditSigner } from './audit-signer';

/**
 * An account's events: sealed ones by their seals' chain order, then the unsealed ones in write
 * order. `hashes` selects the seal's `prev_hash`, `hash` and `personal_digest`: as bytea, or already as hex text.
 */
const accountEvents = (hashes: string) => `SELECT * FROM (
   SELECT ${EVENT_COLUMNS}, s.seq, ${hashes}, e.entry_no, 0 AS part
     FROM audit_seal s JOIN audit_event e ON e.tenant_id = s.tenant_id AND e.entry_no = s.entry_no
    WHERE s.tenant_id = $1 AND s.account_id = $2
   UNION ALL
   SELECT ${EVENT_COLUMNS}, NULL, NULL, NULL, NULL, e.entry_no, 1 AS part
     FROM audit_event e WHERE ${UNSEALED_EVENTS} AND e.account_id = $2
 ) x ORDER BY part, seq, entry_no`;
const ACCOUNT_EVENTS = accountEvents('s.prev_hash, s.hash, s.personal_digest');
/** The same with the hashes as PostgreSQL's hex text (what `Buffer#toString('hex')` gives), as they are published. */
const ACCOUNT_EVENTS_HEX = accountEvents(
  `encode(s.prev_hash, 'hex') AS prev_hash, encode(s.hash, 'hex') AS hash, encode(s.personal_digest, 'hex') AS personal_digest`,
);

/** Names the cursors of `eventPages` (unique within the process, so two readers in one transaction do not clash). */
let cursorNo = 0;

/** An event with its seal's columns (null while it waits for the sealer); the hashes as bytes or as hex text. */
interface SealedRow<Hash = Buffer> extends EventRow {
  seq: string | null;
  prev_hash: Hash | null;
  hash: Hash | null;
  personal_digest: Hash | null;
}

/** An event as stored: `seq`, `prevHash` and `hash` stay null until the sealer has chained it. */
export type StoredEvent = Omit<AuditEventFields, 'seq'> & {
  seq: number | null;
  prevHash: Buffer | null;
  hash: Buffer | null;
  /** What the chain hashes in place of actor id, name and ip (ADR 0015); null for older events. */
  personalDigest: Buffer | null;
};

/** An event as the access log is published (the portal's list, its JSON export, the data export): its hashes as hex text. */
export type PublishedEvent = Omit<StoredEvent, 'prevHash' | 'hash' | 'personalDigest'> & {
  prevHash: string | null;
  hash: string | null;
  personalDigest: string | null;
};

/** A stored event as published. */
export const published = (e: StoredEvent): PublishedEvent => ({
  ...e,
  prevHash: e.prevHash?.toString('hex') ?? null,
  hash: e.hash?.toString('hex') ?? null,
  personalDigest: e.personalDigest?.toString('hex') ?? null,
});

/** A signed checkpoint of an account's chain, as stored. */
export interface StoredCheckpoint {
  seq: string;
  hash: Buffer;
  key_id: string;
  signature: Buffer;
  signed_at: Date;
}

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

export interface ChainReport extends VerificationResult {
  tenant: string;
  accountId: string;
}

/**
 * Reads and verifies the access log: an account's events (chained and waiting), its signed
 * checkpoints, the verification of one chain or of every chain of every tenant.
 */
@Injectable()
export class AuditReaderService {
  constructor(private readonly signer: AuditSigner) {}

  /** An account's events: the chained ones in chain order, then those still waiting for the sealer. */
  async events(db: EntityManager, tenantId: string, accountId: string): Promise<StoredEvent[]> {
    const rows: SealedRow[] = await db.query(ACCOUNT_EVENTS, [tenantId, accountId]);
    return rows.map((r) => toStored(tenantId, r));
  }

  /**
   * The same events in the same order, as published (`published`), in pages of at most `pageSize`,
   * for a reader that must not hold a whole log (the data export, issue 18 §2): a cursor in the
   * caller's transaction, so every page comes from one snapshot (an event the sealer chains
   * meanwhile is neither lost nor read twice) and memory holds one page whatever the log's length.
   * PostgreSQL writes the hashes as hex, so no bytes are parsed only to be written out again. Read
   * it to the end inside that transaction; the cursor ends with it.
   */
  async *eventPages(
    db: EntityManager,
    tenantId: string,
    accountId: string,
    pageSize = 1000,
  ): AsyncGenerator<PublishedEvent[]> {
    const cursor = `account_events_${++cursorNo}`;
    // SQL: DECLARE takes parameters like the SELECT it runs; FETCH has none (the size is an integer we own).
    await db.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${ACCOUNT_EVENTS_HEX}`, [tenantId, accountId]);
    for (;;) {
      const rows: SealedRow<string>[] = await db.query(`FETCH ${Math.max(1, Math.trunc(pageSize))} FROM ${cursor}`);
      if (rows.length > 0) yield rows.map((r) => toStored(tenantId, r));
      if (rows.length < pageSize) break;
    }
    await db.query(`CLOSE ${cursor}`);
  }

  /** An account's signed checkpoints, by position in its chain. */
  async checkpoints(db: EntityManager, tenantId: string, accountId: string): Promise<StoredCheckpoint[]> {
    return db.query(
      `SELECT seq, hash, key_id, signature, signed_at FROM audit_checkpoint WHERE tenant_id = $1 AND account_id = $2 ORDER BY seq`,
      [tenantId, accountId],
    );
  }

  /** Where an account's chain starts: 0 (the genesis hash), or the signed checkpoint a retention purge left as its start. */
  async chainStart(db: EntityManager, tenantId: string, accountId: string): Promise<number> {
    const [row]: { purged_through: string }[] = await db.query(
      `SELECT purged_through FROM audit_chain WHERE tenant_id = $1 AND account_id = $2`,
      [tenantId, accountId],
    );
    return Number(row?.purged_through ?? 0);
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
    const checkpoints = await this.checkpoints(db, tenantId, accountId);
    const rows: (Partial<SealedRow> & {
      head_seq: string | null;
      head_hash: Buffer | null;
      purged_through: string | null;
      unsealed: string;
    })[] = await db.query(
      `SELECT h.last_seq AS head_seq, h.last_hash AS head_hash, h.purged_through,
              (SELECT count(*) FROM audit_event e WHERE ${UNSEALED_EVENTS} AND e.account_id = $2) AS unsealed,
              s.seq, s.prev_hash, s.hash, s.personal_digest, ${EVENT_COLUMNS}
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
    // After a retention purge the chain starts at a signed checkpoint instead of the genesis hash (ADR 0015).
    const start = Number(rows[0].purged_through ?? 0);
    const anchor = start > 0 ? checkpoints.find((c) => Number(c.seq) === start) : undefined;
    let prev: Buffer = GENESIS_HASH;
    if (start > 0) {
      if (anchor && this.signer.verify(checkpointMessage(tenantId, accountId, start, anchor.hash), anchor.signature))
        prev = anchor.hash;
      else broken(start, null, 'the signed checkpoint the chain starts from after its purge is missing or not valid');
    }
    seals.forEach((row, index) => {
      const seq = Number(row.seq);
      const id = row.id ?? null;
      if (seq !== start + index + 1) broken(start + index + 1, id, `expected event ${start + index + 1}, found ${seq}`);
      else if (!row.prev_hash?.equals(prev)) broken(seq, id, 'does not link to the event before it');
      else if (id === null) broken(seq, null, 'the event it seals is missing');
      else if (row.account_id !== accountId) broken(seq, id, 'the event it seals belongs to another account');
      else {
        const problem = contentProblem(prev, toFields(tenantId, row as EventRow, seq), row);
        if (problem) broken(seq, id, problem);
      }
      prev = row.hash as Buffer;
    });
    if (!firstBroken && head && (Number(head.last_seq) !== start + seals.length || !head.last_hash.equals(prev))) {
      broken(
        Number(head.last_seq),
        null,
        `the chain head says ${head.last_seq} events, ${start + seals.length} are left`,
      );
    }
    let valid = 0;
    for (const checkpoint of checkpoints) {
      const seq = Number(checkpoint.seq);
      const signed = this.signer.verify(
        checkpointMessage(tenantId, accountId, seq, checkpoint.hash),
        checkpoint.signature,
      );
      const seal = seals[seq - start - 1];
      if (signed && (seq === start ? checkpoint === anchor : seal?.hash?.equals(checkpoint.hash))) valid++;
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

  /** Verifies every chain of every tenant (for `npm run audit:verify` and monitoring). */
  async verifyAllChains(dataSource: DataSource): Promise<ChainReport[]> {
    const tenants: { id: string; slug: string }[] = await dataSource.query(`SELECT id, slug FROM tenant ORDER BY slug`);
    const reports: ChainReport[] = [];
    for (const tenant of tenants) {
      await withTenant(dataSource, tenant.id, async (db) => {
        // Every account with a chain, and any whose events all still wait for the sealer.
        const chains: { account_id: string }[] = await db.query(
          `SELECT account_id FROM audit_chain WHERE tenant_id = $1
            UNION SELECT account_id FROM audit_event e WHERE ${UNSEALED_EVENTS}
            ORDER BY account_id`,
          [tenant.id],
        );
        for (const chain of chains)
          reports.push({
            tenant: tenant.slug,
            accountId: chain.account_id,
            ...(await this.verify(db, tenant.id, chain.account_id)),
          });
      });
    }
    return reports;
  }
}

/** An event as read: its fields as hashed, then its seal's (one object, in the order every export writes them). */
function toStored<Hash>(
  tenantId: string,
  r: SealedRow<Hash>,
): Omit<StoredEvent, 'prevHash' | 'hash' | 'personalDigest'> & {
  prevHash: Hash | null;
  hash: Hash | null;
  personalDigest: Hash | null;
} {
  const event = toFields(tenantId, r, r.seq === null ? null : Number(r.seq));
  return Object.assign(event, { prevHash: r.prev_hash, hash: r.hash, personalDigest: r.personal_digest });
}

/**
 * Why a sealed event's content does not match its hash, or null when it does. An event sealed with
 * a personal digest is checked over the digest; while its salt is there, the digest is recomputed
 * from the actor's id, name and ip (so they cannot be changed); once the person is erased those are
 * empty and the stored digest stands for them (ADR 0015).
 */
function contentProblem(prev: Buffer, event: AuditEventFields, row: Partial<SealedRow>): string | null {
  const digest = row.personal_digest ?? null;
  if (digest) {
    if (row.personal_salt) {
      if (!personalDigest(row.personal_salt, event).equals(digest)) return 'its actor does not match its digest';
    } else if (event.actorId !== null || event.actorName !== '' || event.ip !== null) {
      return 'its actor was changed without its salt';
    }
  } else if (row.personal_salt) return 'its content does not match its hash';
  return sealedEventHash(prev, event, digest).equals(row.hash as Buffer) ? null : 'its content does not match its hash';
}
