import { createHash } from 'node:crypto';

/** What an access-log event says; hashed in this exact order (see docs/adr/0007-access-log.md). */
export interface AuditEventFields {
  tenantId: string;
  accountId: string;
  seq: number;
  id: string;
  /** ISO 8601 with milliseconds, UTC. */
  at: string;
  actorId: string | null;
  actorName: string;
  actorKind: 'subscriber' | 'staff' | 'system';
  action: string;
  resource: string;
  fields: string[];
  /** Of an access: allowed, refused (no grant), or failed (the request did not complete); null for a step of a grant. */
  outcome: 'allowed' | 'refused' | 'failed' | null;
  grantId: string | null;
  reason: string | null;
  ticket: string | null;
  ip: string | null;
}

/** The hash a chain starts from. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** The canonical text of an event: a JSON array of its fields in a fixed order. */
export function canonicalEvent(e: AuditEventFields): string {
  return JSON.stringify([
    e.tenantId,
    e.accountId,
    e.seq,
    e.id,
    e.at,
    e.actorId,
    e.actorName,
    e.actorKind,
    e.action,
    e.resource,
    e.fields,
    e.outcome,
    e.grantId,
    e.reason,
    e.ticket,
    e.ip,
  ]);
}

/** SHA-256 over the previous event's hash followed by this event's canonical text (UTF-8). */
export function eventHash(prevHash: Buffer, event: AuditEventFields): Buffer {
  return createHash('sha256').update(prevHash).update(canonicalEvent(event), 'utf8').digest();
}

/** What a checkpoint signs: the chain and its head. */
export function checkpointMessage(tenantId: string, accountId: string, seq: number, hash: Buffer): Buffer {
  return Buffer.from(
    `mijn-account-audit-checkpoint:v1:${tenantId}:${accountId}:${seq}:${hash.toString('hex')}`,
    'utf8',
  );
}

/**
 * The commitment an event's seal chains in place of its personal fields (actor id, actor name,
 * ip): sha256 over the event's random salt and those fields (ADR 0015). Erasing the person empties
 * the fields and the salt; the digest stays chained, and without the salt cannot be tried against
 * guessed names.
 */
export function personalDigest(salt: Buffer, e: Pick<AuditEventFields, 'actorId' | 'actorName' | 'ip'>): Buffer {
  return createHash('sha256')
    .update(salt)
    .update(JSON.stringify([e.actorId, e.actorName, e.ip]), 'utf8')
    .digest();
}

/** The canonical text of an event sealed with a personal digest: its personal fields left out, the digest in their stead. */
export function canonicalErasableEvent(e: AuditEventFields, digest: Buffer): string {
  const text = canonicalEvent({ ...e, actorId: null, actorName: '', ip: null });
  return `${text.slice(0, -1)},${JSON.stringify(`personal:${digest.toString('hex')}`)}]`;
}

/** The hash of an event in its chain: over its personal digest when it has one, else over its fields as written. */
export function sealedEventHash(prevHash: Buffer, event: AuditEventFields, digest: Buffer | null): Buffer {
  if (!digest) return eventHash(prevHash, event);
  return createHash('sha256').update(prevHash).update(canonicalErasableEvent(event, digest), 'utf8').digest();
}
