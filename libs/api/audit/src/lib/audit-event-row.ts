import type { AuditEventFields } from './audit-hash';

/** An event's own columns as read. */
export interface EventRow {
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
  /** Salt of the personal digest (ADR 0015); null before it existed, and once the person was erased. */
  personal_salt: Buffer | null;
}

/** An event's own columns (table `e`); its place in the chain and its hashes are in its seal (`s`). */
export const EVENT_COLUMNS = [
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
  'personal_salt',
]
  .map((c) => `e.${c}`)
  .join(', ');

/** The tenant's watermark (`$1`: the tenant): every event numbered up to it has a seal, or never will. */
const WATERMARK = `(SELECT COALESCE(max(sealed_through), 0) FROM audit_seal_progress WHERE tenant_id = $1)`;

/** Events `e` of tenant `$1` numbered above `through` (SQL) without a seal: those the sealer has yet to chain. */
export const unsealed = (through: string) =>
  `e.tenant_id = $1 AND e.entry_no > ${through}
   AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.tenant_id = e.tenant_id AND s.entry_no = e.entry_no)`;

/** Events `e` of tenant `$1` waiting for the sealer. */
export const UNSEALED_EVENTS = unsealed(WATERMARK);

/** What an event says, as hashed at position `seq` of its chain. */
export function toFields<Seq extends number | null>(
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
