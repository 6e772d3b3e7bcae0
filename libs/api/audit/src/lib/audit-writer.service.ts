import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '@mijn-account/api-core';
import type { AccessLogField, AccessScope } from '@mijn-account/shared-contracts';
import type { AuditEventFields } from './audit-hash';

/**
 * What an event names: an access (it has an outcome) the fields it read or sent, from the one list
 * the subscriber's access page translates; a step of a grant (no outcome) the grant's scopes.
 */
type EventFieldNames =
  | { outcome: NonNullable<AuditEventFields['outcome']>; fields?: readonly AccessLogField[] }
  | { outcome: null; fields?: readonly AccessScope[] };

export type AuditEventInput = Pick<AuditEventFields, 'action' | 'resource'> &
  Partial<Pick<AuditEventFields, 'grantId' | 'reason' | 'ticket'>> &
  EventFieldNames;

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

/**
 * Writes the access log: an event is inserted in the caller's transaction (if the log write fails,
 * the access fails with it), unchained, so accesses to one account never wait for each other; the
 * sealer (`AuditSealerService`) chains it after commit. Remembers the tenants it wrote for, so the
 * sealer's frequent pass looks only at those.
 */
@Injectable()
export class AuditWriterService {
  /** Tenants this process wrote events for since the sealer last took them. */
  private readonly written = new Set<string>();

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
}
