import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Metrics } from '@mijn-account/api-core';
import { EVENT_COLUMNS, type EventRow, toFields, unsealed } from './audit-event-row';
import { GENESIS_HASH, checkpointMessage, personalDigest, sealedEventHash } from './audit-hash';
import { AuditSigner } from './audit-signer';

/** Events chained per sealing statement. */
const SEAL_BATCH = 1000;

/**
 * Chains the access log after commit: `seal()` gives a tenant's committed, unchained events their
 * places in their accounts' hash chains (one chain per subscriber account), in the order they were
 * written, and moves the tenant's watermark; `checkpoint()` signs the chain heads. One sealer per
 * tenant at a time (an advisory lock); `AuditJobs` runs both on timers (ADR 0007).
 */
@Injectable()
export class AuditSealerService {
  constructor(
    private readonly signer: AuditSigner,
    /** Absent where the sealer runs outside the API (command line, demo data). */
    @Optional() private readonly metrics?: Metrics,
  ) {}

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
        // An event with a salt is chained over the digest of its personal fields, so they can be erased (ADR 0015).
        const digest = row.personal_salt ? personalDigest(row.personal_salt, event) : null;
        const hash = sealedEventHash(head.hash, event, digest);
        heads.set(row.account_id, { seq: event.seq, hash });
        return { accountId: row.account_id, entryNo: row.entry_no, seq: event.seq, prevHash: head.hash, hash, digest };
      });
      await db.query(
        `INSERT INTO audit_seal (tenant_id, account_id, seq, entry_no, prev_hash, hash, personal_digest)
         SELECT $1, * FROM unnest($2::uuid[], $3::bigint[], $4::bigint[], $5::bytea[], $6::bytea[], $7::bytea[])`,
        [
          tenantId,
          sealed.map((e) => e.accountId),
          sealed.map((e) => e.seq),
          sealed.map((e) => e.entryNo),
          sealed.map((e) => e.prevHash),
          sealed.map((e) => e.hash),
          sealed.map((e) => e.digest),
        ],
      );
      await db.query(
        `UPDATE audit_chain c SET last_seq = v.seq, last_hash = v.hash
           FROM unnest($2::uuid[], $3::bigint[], $4::bytea[]) AS v (account_id, seq, hash)
          WHERE c.tenant_id = $1 AND c.account_id = v.account_id`,
        [tenantId, [...heads.keys()], [...heads.values()].map((h) => h.seq), [...heads.values()].map((h) => h.hash)],
      );
      total += rows.length;
      // Observed before commit: a pass that then fails is counted again when it is retried.
      for (const row of rows) this.metrics?.eventSealed(row.at);
      if (rows.length < SEAL_BATCH) break;
    }
    // The watermark moves only through this function (the runtime role may not write it): one
    // phase per pass, and only over events that all have a seal (migration 1795550000000, ADR 0007).
    await db.query(`SELECT audit_advance_watermark($1)`, [tenantId]);
    return total;
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
