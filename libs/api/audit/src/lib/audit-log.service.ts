import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '@mijn-account/api-core';
import { type AuditEventFields, GENESIS_HASH, checkpointMessage, eventHash } from './audit-hash';
import { AuditSigner } from './audit-signer';

export type AuditEventInput = Pick<AuditEventFields, 'action' | 'resource' | 'outcome'> &
  Partial<Pick<AuditEventFields, 'fields' | 'grantId' | 'reason' | 'ticket'>>;

interface EventRow {
  seq: string;
  id: string;
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
  prev_hash: Buffer;
  hash: Buffer;
}

export type StoredEvent = AuditEventFields & { prevHash: Buffer; hash: Buffer };

export interface VerificationResult {
  intact: boolean;
  events: number;
  /** The first event that does not check out, and why. */
  firstBroken: { seq: number; id: string | null; problem: string } | null;
  checkpoints: { total: number; valid: number };
}

/**
 * The tamper-evident access log: appends in the caller's transaction (if the log write fails, the
 * access fails with it), one hash chain per subscriber account, serialised by the chain-head row.
 */
@Injectable()
export class AuditLogService {
  constructor(private readonly signer: AuditSigner) {}

  async append(ctx: RequestContext, accountId: string, input: AuditEventInput): Promise<StoredEvent> {
    const user = ctx.user;
    return this.appendAs(await ctx.db(), ctx.tenant.id, accountId, {
      ...input,
      actorId: user?.id ?? null,
      actorName: user?.displayName ?? 'system',
      actorKind: user?.kind ?? 'system',
      ip: ctx.ip,
    });
  }

  /** Appends on a given transaction (jobs, tests): locks the chain head, links, inserts. */
  async appendAs(
    db: EntityManager,
    tenantId: string,
    accountId: string,
    input: AuditEventInput & Pick<AuditEventFields, 'actorId' | 'actorName' | 'actorKind' | 'ip'>,
  ): Promise<StoredEvent> {
    // One statement creates the chain on first use or locks its head until this transaction ends,
    // and returns it; a second inserts the event and moves the head. Callers append as late as they
    // can in their transaction, since the head stays locked until it commits.
    const heads: { last_seq: string; last_hash: Buffer }[] = await db.query(
      `INSERT INTO audit_chain AS c (tenant_id, account_id, last_seq, last_hash) VALUES ($1, $2, 0, $3)
       ON CONFLICT (tenant_id, account_id) DO UPDATE SET last_seq = c.last_seq
       RETURNING last_seq, last_hash`,
      [tenantId, accountId, GENESIS_HASH],
    );
    const head = heads[0];
    const event: AuditEventFields = {
      tenantId,
      accountId,
      seq: Number(head.last_seq) + 1,
      id: randomUUID(),
      at: new Date().toISOString(),
      actorId: input.actorId,
      actorName: input.actorName,
      actorKind: input.actorKind,
      action: input.action,
      resource: input.resource,
      fields: input.fields ?? [],
      outcome: input.outcome,
      grantId: input.grantId ?? null,
      reason: input.reason ?? null,
      ticket: input.ticket ?? null,
      ip: input.ip,
    };
    const hash = eventHash(head.last_hash, event);
    await db.query(
      `WITH appended AS (
         INSERT INTO audit_event (tenant_id, account_id, seq, id, at, actor_id, actor_name, actor_kind, action, resource, fields,
                                  outcome, grant_id, reason, ticket, ip, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         RETURNING seq, hash)
       UPDATE audit_chain c SET last_seq = appended.seq, last_hash = appended.hash
         FROM appended WHERE c.tenant_id = $1 AND c.account_id = $2`,
      [
        tenantId, accountId, event.seq, event.id, event.at, event.actorId, event.actorName, event.actorKind, event.action,
        event.resource, event.fields, event.outcome, event.grantId, event.reason, event.ticket, event.ip, head.last_hash, hash,
      ],
    );
    return { ...event, prevHash: head.last_hash, hash };
  }

  async events(db: EntityManager, tenantId: string, accountId: string): Promise<StoredEvent[]> {
    const rows: EventRow[] = await db.query(
      `SELECT seq, id, at, actor_id, actor_name, actor_kind, action, resource, fields, outcome, grant_id, reason, ticket, ip, prev_hash, hash
         FROM audit_event WHERE tenant_id = $1 AND account_id = $2 ORDER BY seq`,
      [tenantId, accountId],
    );
    return rows.map((r) => ({
      tenantId,
      accountId,
      seq: Number(r.seq),
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
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  }

  /**
   * Walks a chain from the start: every event's sequence number, link to its predecessor and own
   * hash; the head row; and every signed checkpoint against the event at its position. Names the
   * first event that fails. A superuser who rewrites the whole chain consistently is caught by the
   * checkpoints, whose signatures only the key holder can make.
   */
  async verify(db: EntityManager, tenantId: string, accountId: string): Promise<VerificationResult> {
    const events = await this.events(db, tenantId, accountId);
    const checkpoints: { seq: string; hash: Buffer; signature: Buffer }[] = await db.query(
      `SELECT seq, hash, signature FROM audit_checkpoint WHERE tenant_id = $1 AND account_id = $2 ORDER BY seq`,
      [tenantId, accountId],
    );
    const heads: { last_seq: string; last_hash: Buffer }[] = await db.query(
      `SELECT last_seq, last_hash FROM audit_chain WHERE tenant_id = $1 AND account_id = $2`,
      [tenantId, accountId],
    );
    let firstBroken: VerificationResult['firstBroken'] = null;
    const broken = (seq: number, id: string | null, problem: string) => (firstBroken ??= { seq, id, problem });
    let prev: Buffer = GENESIS_HASH;
    events.forEach((event, index) => {
      if (event.seq !== index + 1) broken(index + 1, event.id, `expected event ${index + 1}, found ${event.seq}`);
      else if (!event.prevHash.equals(prev)) broken(event.seq, event.id, 'does not link to the event before it');
      else if (!eventHash(prev, event).equals(event.hash)) broken(event.seq, event.id, 'its content does not match its hash');
      prev = event.hash;
    });
    const head = heads[0];
    if (!firstBroken && head && (Number(head.last_seq) !== events.length || !head.last_hash.equals(prev))) {
      broken(Number(head.last_seq), null, `the chain head says ${head.last_seq} events, ${events.length} are left`);
    }
    let valid = 0;
    for (const checkpoint of checkpoints) {
      const seq = Number(checkpoint.seq);
      const signed = this.signer.verify(checkpointMessage(tenantId, accountId, seq, checkpoint.hash), checkpoint.signature);
      const event = events[seq - 1];
      if (signed && event && event.hash.equals(checkpoint.hash)) valid++;
      else broken(seq, event?.id ?? null, signed ? 'differs from the signed checkpoint' : 'checkpoint signature is not valid');
    }
    return { intact: firstBroken === null, events: events.length, firstBroken, checkpoints: { total: checkpoints.length, valid } };
  }

  /** Signs the head of every chain of this tenant that grew since its last checkpoint. */
  async checkpoint(db: EntityManager, tenantId: string): Promise<number> {
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
