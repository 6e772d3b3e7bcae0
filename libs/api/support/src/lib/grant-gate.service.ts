import { Injectable } from '@nestjs/common';
import { AuditWriterService } from '@mijn-account/api-audit';
import {
  type GrantGate,
  type GrantRule,
  type GrantedAccessAttempt,
  type RequestContext,
  type SessionStep,
  problems,
} from '@mijn-account/api-core';
import type { AccessScope } from '@mijn-account/shared-contracts';
import { GrantsService } from './grants.service';

/**
 * The access guard's grant gate: every staff access to an account's data (`@GrantAccess` routes)
 * is checked against the helpdesk grants and logged, whatever becomes of it (ADR 0007). The check
 * and the log write of an allowed access are one step of the guard's session lookup.
 */
@Injectable()
export class GrantGateService implements GrantGate {
  constructor(
    private readonly log: AuditWriterService,
    private readonly grants: GrantsService,
  ) {}

  /**
   * The check for every staff access to subscriber data: an active grant of this agent for this
   * account that covers the route's scope. Finding it and logging the access are one statement —
   * the guard's session lookup — so if the log write fails, so does the access, with exactly one
   * event per access; the handler runs after it in the same transaction (if it fails, neither is
   * kept). An ended grant never matches (`expires_at > now()`); it is marked and logged as expired
   * on the refusal path, so the allowed path stays one statement.
   */
  check(ctx: RequestContext, rule: GrantRule, access: GrantedAccessAttempt): SessionStep<string> {
    const { accountId, fields } = access;
    return {
      sql: (session, param) => {
        const tenant = param(ctx.tenant.id);
        const account = param(accountId);
        return this.log.insertSql(
          param,
          ctx.tenant.id,
          accountId,
          { action: rule.action, resource: rule.resource, fields, outcome: 'allowed', ip: ctx.ip },
          {
            actorId: session.userId,
            actorName: session.displayName,
            actorKind: `'staff'`,
            grantId: 'g.id',
            reason: 'g.reason',
            ticket: 'g.ticket',
          },
          `${session.from} CROSS JOIN LATERAL (
             SELECT id, reason, ticket FROM access_grant
              WHERE tenant_id = ${tenant}::uuid AND account_id = ${account}::uuid AND requested_by = ${session.userId}
                AND status = 'active' AND starts_at <= now() AND expires_at > now() AND ${param(rule.scope)} = ANY (scopes)
              ORDER BY expires_at DESC LIMIT 1) g`,
        );
      },
      read: (grantId) => String(grantId),
    };
  }

  /**
   * No active grant: marks what ended as expired, and logs the refusal in a transaction of its own
   * (the request fails, the record of it must not) when the account exists in this tenant; an
   * unknown or another tenant's account id answers 404, like every other id route.
   */
  async refuse(ctx: RequestContext, rule: GrantRule, access: GrantedAccessAttempt): Promise<never> {
    await this.grants.expireOverdue(ctx);
    const db = await ctx.db();
    const exists: unknown[] = await db.query(`SELECT 1 FROM subscriber_account WHERE tenant_id = $1 AND id = $2`, [
      ctx.tenant.id,
      access.accountId,
    ]);
    if (exists.length > 0) {
      await ctx.commit();
      await this.log.append(ctx, access.accountId, {
        action: rule.action,
        resource: rule.resource,
        fields: access.fields,
        outcome: 'refused',
      });
      await ctx.commit();
    }
    throw exists.length > 0 ? problems.noGrant() : problems.notFound('No such account');
  }

  async covers(ctx: RequestContext, grantId: string, scope: AccessScope): Promise<boolean> {
    const db = await ctx.db();
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM access_grant WHERE tenant_id = $1 AND id = $2 AND $3 = ANY (scopes)`,
      [ctx.tenant.id, grantId, scope],
    );
    return rows.length > 0;
  }

  /**
   * An access under a grant whose request then failed: its event went with the rollback, so it is
   * written again — `refused` when a check turned it away (401/403), `failed` otherwise.
   */
  async failed(
    ctx: RequestContext,
    rule: GrantRule,
    access: GrantedAccessAttempt & { grantId: string },
    status: number,
  ): Promise<void> {
    const db = await ctx.db();
    const [grant]: { reason: string; ticket: string }[] = await db.query(
      `SELECT reason, ticket FROM access_grant WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, access.grantId],
    );
    await this.log.append(ctx, access.accountId, {
      action: rule.action,
      resource: rule.resource,
      fields: access.fields,
      outcome: status === 401 || status === 403 ? 'refused' : 'failed',
      grantId: access.grantId,
      reason: grant?.reason ?? null,
      ticket: grant?.ticket ?? null,
    });
  }
}
