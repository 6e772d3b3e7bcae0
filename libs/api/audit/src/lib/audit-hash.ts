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
