import { UsageCounter } from '@mijn-account/api-statistics';
import { Injectable } from '@nestjs/common';
import { AuditWriterService } from '@mijn-account/api-audit';
import { type RequestContext, problems } from '@mijn-account/api-core';
import { MailService } from '@mijn-account/api-mail';
import {
  type AccessGrantView,
  type AccessReason,
  type AccessScope,
  type GrantStatus,
  type Language,
  PAGES,
} from '@mijn-account/shared-contracts';

interface GrantRow {
  id: string;
  account_id: string;
  customer_number: string;
  account_name: string;
  requested_by: string;
  requested_by_name: string;
  reason: AccessReason;
  ticket: string;
  justification: string;
  scopes: AccessScope[];
  minutes: number;
  status: GrantStatus;
  requested_at: Date;
  request_expires_at: Date;
  decided_by_name: string | null;
  decided_at: Date | null;
  starts_at: Date | null;
  expires_at: Date | null;
  ended_at: Date | null;
  close_note: string | null;
  deny_reason: string | null;
}

/** A decision's details: an approval may give less time and fewer scopes than asked; a denial says why. */
export interface Decision {
  minutes?: number;
  scopes?: AccessScope[];
  reason?: string;
}

export interface AccessRequestInput {
  accountId: string;
  reason: AccessReason;
  ticket: string;
  justification: string;
  scopes: AccessScope[];
  minutes?: number;
}

/** Why a grant or request ended when processing was restricted (the subscriber and the agent read it). */
const RESTRICTED_NOTE = 'Processing restricted at the request of a user of this account (GDPR Art. 18)';

const SELECT = `SELECT g.*, a.customer_number, a.name AS account_name
                  FROM access_grant g JOIN subscriber_account a ON a.tenant_id = g.tenant_id AND a.id = g.account_id`;

/**
 * Helpdesk access grants: an agent requests; the account's owner decides a service request, a
 * supervisor other than the agent a technical one; a grant ends at expiry, on revoke or when the
 * agent closes it. Every step is an event in the account's access log. The per-request check of
 * staff access under these grants is the gate's (`GrantGateService`).
 */
@Injectable()
export class GrantsService {
  constructor(
    private readonly log: AuditWriterService,
    private readonly mail: MailService,
    private readonly usage: UsageCounter,
  ) {}

  async request(ctx: RequestContext, input: AccessRequestInput): Promise<AccessGrantView> {
    const agent = ctx.requireUser();
    const db = await ctx.db();
    const settings = await this.settings(ctx);
    const minutes = input.minutes ?? settings.default_minutes;
    const errors = [];
    if (minutes > settings.max_minutes)
      errors.push({
        field: 'minutes',
        code: 'max',
        message: `At most ${settings.max_minutes} minutes on this portal`,
        params: { max: settings.max_minutes },
      });
    const refused = input.scopes.filter((s) => !settings.allowed_scopes.includes(s));
    if (refused.length > 0)
      errors.push({
        field: 'scopes',
        code: 'notAllowed',
        message: `Not allowed on this portal: ${refused.join(', ')}`,
      });
    if (errors.length > 0) throw problems.validation(errors);
    const account: unknown[] = await db.query(`SELECT 1 FROM subscriber_account WHERE tenant_id = $1 AND id = $2`, [
      ctx.tenant.id,
      input.accountId,
    ]);
    if (account.length === 0) throw problems.notFound('No such account');
    // Restriction of processing (GDPR Art. 18): no helpdesk access to an account with a restricted user.
    const restricted: unknown[] = await db.query(
      `SELECT 1 FROM app_user WHERE tenant_id = $1 AND account_id = $2 AND restricted_at IS NOT NULL LIMIT 1`,
      [ctx.tenant.id, input.accountId],
    );
    if (restricted.length > 0)
      throw problems.validation([
        {
          field: 'accountId',
          code: 'processingRestricted',
          message:
            'Processing of this account is restricted at the request of its user (GDPR Art. 18): no helpdesk access until the restriction is lifted',
        },
      ]);
    const rows: { id: string }[] = await db.query(
      `INSERT INTO access_grant (tenant_id, account_id, requested_by, requested_by_name, reason, ticket, justification, scopes, minutes,
                                 status, request_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', now() + make_interval(hours => $10)) RETURNING id`,
      [
        ctx.tenant.id,
        input.accountId,
        agent.id,
        agent.displayName,
        input.reason,
        input.ticket.trim(),
        input.justification.trim(),
        [...new Set(input.scopes)],
        minutes,
        settings.request_timeout_hours,
      ],
    );
    const grant = await this.find(ctx, rows[0].id);
    await this.event(ctx, grant, 'request-created');
    await this.usage.count(db, ctx.tenant.id, 'helpdesk', 'access-requested', agent.id);
    if (grant.reason === 'service') await this.tellOwners(ctx, grant, 'access-requested');
    return grant;
  }

  /** The account owner's decision on a service request (optionally shorter, or with fewer scopes). */
  async decideAsOwner(
    ctx: RequestContext,
    id: string,
    approve: boolean,
    change: Decision = {},
  ): Promise<AccessGrantView> {
    const grant = await this.pending(ctx, id);
    if (grant.accountId !== ctx.requireUser().accountId) throw problems.notFound('No such request');
    if (grant.reason !== 'service') throw problems.forbidden('Technical requests are decided by a helpdesk supervisor');
    return this.decide(ctx, grant, approve, change);
  }

  /**
   * A supervisor's decision on a technical request: never their own (four eyes); like an owner's,
   * optionally shorter or with fewer scopes. A denial needs its reason (the agent reads it).
   */
  async decideAsSupervisor(
    ctx: RequestContext,
    id: string,
    approve: boolean,
    change: Decision = {},
  ): Promise<AccessGrantView> {
    if (!approve && !change.reason?.trim()) {
      throw problems.validation([{ field: 'reason', code: 'required', message: 'Say why: the agent reads this' }]);
    }
    const grant = await this.pending(ctx, id);
    if (grant.reason === 'service') throw problems.forbidden('The subscriber decides service requests');
    if ((await this.requesterId(ctx, id)) === ctx.requireUser().id) {
      throw problems.forbidden('Another supervisor must decide your own request');
    }
    const decided = await this.decide(ctx, grant, approve, change);
    if (approve) await this.tellOwners(ctx, decided, 'internal-access');
    return decided;
  }

  async revoke(ctx: RequestContext, id: string): Promise<AccessGrantView> {
    const grant = await this.find(ctx, id, true);
    if (grant.accountId !== ctx.requireUser().accountId) throw problems.notFound('No such grant');
    if (grant.status !== 'active') throw problems.conflict('Only an active grant can be revoked');
    await this.end(ctx, grant, 'revoked', null);
    return this.find(ctx, id);
  }

  /**
   * Processing of a person of the account was restricted (GDPR Art. 18): its active grants end at
   * once (revoked, with the reason the subscriber and the agent read) and its pending requests are
   * denied with it, each step in the account's access log. Answers how many grants and requests ended.
   */
  async endForRestriction(ctx: RequestContext, accountId: string): Promise<number> {
    const db = await ctx.db();
    const rows: GrantRow[] = await db.query(
      `${SELECT} WHERE g.tenant_id = $1 AND g.account_id = $2 AND g.status IN ('active', 'pending') FOR UPDATE OF g`,
      [ctx.tenant.id, accountId],
    );
    const decider = ctx.requireUser();
    for (const row of rows) {
      const grant = toView(row);
      if (row.status === 'active') await this.end(ctx, grant, 'revoked', RESTRICTED_NOTE);
      else {
        await db.query(
          `UPDATE access_grant SET status = 'denied', decided_by = $3, decided_by_name = $4, decided_at = now(), deny_reason = $5
            WHERE tenant_id = $1 AND id = $2`,
          [ctx.tenant.id, grant.id, decider.id, decider.displayName, RESTRICTED_NOTE],
        );
        await this.event(ctx, grant, 'request-denied', RESTRICTED_NOTE);
      }
    }
    return rows.length;
  }

  /** The agent ends their grant; a technical grant needs a note of what was done, which the subscriber reads. */
  async close(ctx: RequestContext, id: string, note: string | null): Promise<AccessGrantView> {
    const grant = await this.find(ctx, id, true);
    if ((await this.requesterId(ctx, id)) !== ctx.requireUser().id) throw problems.notFound('No such grant');
    if (grant.reason !== 'service' && !note?.trim()) {
      throw problems.validation([
        { field: 'note', code: 'required', message: 'Say what was done: the subscriber reads this' },
      ]);
    }
    if (grant.status !== 'active' && !(grant.status === 'expired' && grant.reason !== 'service' && !grant.closeNote)) {
      throw problems.conflict('This grant is not active');
    }
    await this.end(ctx, grant, 'closed', note?.trim() || null);
    return this.find(ctx, id);
  }

  async forAccount(ctx: RequestContext, accountId: string): Promise<AccessGrantView[]> {
    await this.expireOverdue(ctx);
    return this.list(ctx, `WHERE g.tenant_id = $1 AND g.account_id = $2 ORDER BY g.requested_at DESC`, [
      ctx.tenant.id,
      accountId,
    ]);
  }

  async forAgent(ctx: RequestContext): Promise<AccessGrantView[]> {
    await this.expireOverdue(ctx);
    return this.list(ctx, `WHERE g.tenant_id = $1 AND g.requested_by = $2 ORDER BY g.requested_at DESC LIMIT 100`, [
      ctx.tenant.id,
      ctx.requireUser().id,
    ]);
  }

  /** The technical requests decided most recently (by any supervisor), newest first: the supervisors' history. */
  async technicalDecisions(ctx: RequestContext): Promise<AccessGrantView[]> {
    await this.expireOverdue(ctx);
    return this.list(
      ctx,
      `WHERE g.tenant_id = $1 AND g.decided_at IS NOT NULL AND g.reason <> 'service' ORDER BY g.decided_at DESC LIMIT 50`,
      [ctx.tenant.id],
    );
  }

  async technicalQueue(ctx: RequestContext): Promise<AccessGrantView[]> {
    await this.expireOverdue(ctx);
    return this.list(
      ctx,
      `WHERE g.tenant_id = $1 AND g.status = 'pending' AND g.reason <> 'service' ORDER BY g.requested_at`,
      [ctx.tenant.id],
    );
  }

  /** Requests nobody answered in time, and grants past their end: marked and logged when next looked at. */
  async expireOverdue(ctx: RequestContext): Promise<void> {
    const db = await ctx.db();
    const overdue: GrantRow[] = await db.query(
      `${SELECT} WHERE g.tenant_id = $1 AND ((g.status = 'pending' AND g.request_expires_at <= now())
                                          OR (g.status = 'active' AND g.expires_at <= now()))
        FOR UPDATE OF g SKIP LOCKED`,
      [ctx.tenant.id],
    );
    for (const row of overdue) {
      const grant = toView(row);
      await db.query(`UPDATE access_grant SET status = 'expired', ended_at = now() WHERE tenant_id = $1 AND id = $2`, [
        ctx.tenant.id,
        grant.id,
      ]);
      await this.event(ctx, grant, row.status === 'pending' ? 'request-expired' : 'grant-expired');
    }
  }

  private async decide(
    ctx: RequestContext,
    grant: AccessGrantView,
    approve: boolean,
    change: Decision,
  ): Promise<AccessGrantView> {
    const decider = ctx.requireUser();
    const db = await ctx.db();
    if (!approve) {
      const reason = change.reason?.trim() || null;
      await db.query(
        `UPDATE access_grant SET status = 'denied', decided_by = $3, decided_by_name = $4, decided_at = now(), deny_reason = $5
          WHERE tenant_id = $1 AND id = $2`,
        [ctx.tenant.id, grant.id, decider.id, decider.displayName, reason],
      );
      await this.event(ctx, grant, 'request-denied', reason);
      return this.find(ctx, grant.id);
    }
    // Less than asked, never more: a decider narrows a request, and says so when they tried to widen it.
    const errors = [];
    if (change.minutes !== undefined && change.minutes > grant.minutes)
      errors.push({
        field: 'minutes',
        code: 'max',
        message: `At most the ${grant.minutes} minutes asked for`,
        params: { max: grant.minutes },
      });
    const extra = (change.scopes ?? []).filter((s) => !grant.scopes.includes(s));
    if (extra.length > 0)
      errors.push({ field: 'scopes', code: 'notRequested', message: `Not asked for: ${extra.join(', ')}` });
    if (errors.length > 0) throw problems.validation(errors);
    // SQL: a restriction set after the request was made stops its approval too (GDPR Art. 18).
    const restricted: unknown[] = await db.query(
      `SELECT 1 FROM app_user WHERE tenant_id = $1 AND account_id = $2 AND restricted_at IS NOT NULL LIMIT 1`,
      [ctx.tenant.id, grant.accountId],
    );
    if (restricted.length > 0)
      throw problems.conflict(
        'Processing of this account is restricted at the request of its user (GDPR Art. 18): deny the request',
      );
    const minutes = change.minutes ?? grant.minutes;
    const scopes = change.scopes ? grant.scopes.filter((s) => change.scopes?.includes(s)) : grant.scopes;
    if (scopes.length === 0)
      throw problems.validation([{ field: 'scopes', code: 'empty', message: 'Keep at least one scope, or deny' }]);
    await db.query(
      `UPDATE access_grant SET status = 'active', decided_by = $3, decided_by_name = $4, decided_at = now(), minutes = $5, scopes = $6,
              starts_at = now(), expires_at = now() + make_interval(mins => $5)
        WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, grant.id, decider.id, decider.displayName, minutes, scopes],
    );
    const approved = await this.find(ctx, grant.id);
    await this.event(ctx, approved, 'request-approved');
    return approved;
  }

  private async end(
    ctx: RequestContext,
    grant: AccessGrantView,
    status: 'revoked' | 'closed',
    note: string | null,
  ): Promise<void> {
    const db = await ctx.db();
    await db.query(
      `UPDATE access_grant SET status = $3, ended_at = coalesce(ended_at, now()), close_note = coalesce($4, close_note) WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, grant.id, status, note],
    );
    await this.event(ctx, grant, status === 'revoked' ? 'grant-revoked' : 'grant-closed', note);
  }

  private async event(
    ctx: RequestContext,
    grant: AccessGrantView,
    action: string,
    note: string | null = null,
  ): Promise<void> {
    await this.log.append(ctx, grant.accountId, {
      action,
      resource: 'access-grant',
      fields: grant.scopes,
      // A step of a grant is not an access: it has no outcome of its own (a denial is its action).
      outcome: null,
      grantId: grant.id,
      reason: note ? `${grant.reason}: ${note}` : grant.reason,
      ticket: grant.ticket,
    });
  }

  private async tellOwners(
    ctx: RequestContext,
    grant: AccessGrantView,
    kind: 'access-requested' | 'internal-access',
  ): Promise<void> {
    const db = await ctx.db();
    const owners: { email: string; preferred_language: Language | null }[] = await db.query(
      `SELECT email, preferred_language FROM app_user WHERE tenant_id = $1 AND account_id = $2 AND account_role = 'owner' AND disabled_at IS NULL`,
      [ctx.tenant.id, grant.accountId],
    );
    for (const owner of owners) {
      await this.mail.send(ctx, {
        to: owner.email,
        template: kind,
        language: owner.preferred_language,
        params: {
          agent: grant.requestedBy,
          reason: grant.reason,
          justification: grant.justification,
          link: `${ctx.origin}${PAGES.helpdeskAccess}`,
        },
      });
    }
  }

  private async pending(ctx: RequestContext, id: string): Promise<AccessGrantView> {
    await this.expireOverdue(ctx);
    const grant = await this.find(ctx, id, true);
    if (grant.status !== 'pending') throw problems.conflict(`This request is ${grant.status}`);
    return grant;
  }

  private async requesterId(ctx: RequestContext, id: string): Promise<string> {
    const db = await ctx.db();
    const rows: { requested_by: string }[] = await db.query(
      `SELECT requested_by FROM access_grant WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, id],
    );
    return rows[0]?.requested_by ?? '';
  }

  private async find(ctx: RequestContext, id: string, lock = false): Promise<AccessGrantView> {
    const rows = await this.list(ctx, `WHERE g.tenant_id = $1 AND g.id = $2 ${lock ? 'FOR UPDATE OF g' : ''}`, [
      ctx.tenant.id,
      id,
    ]);
    if (!rows[0]) throw problems.notFound('No such request');
    return rows[0];
  }

  private async list(ctx: RequestContext, where: string, params: unknown[]): Promise<AccessGrantView[]> {
    const db = await ctx.db();
    const rows: GrantRow[] = await db.query(`${SELECT} ${where}`, params);
    return rows.map(toView);
  }

  private async settings(ctx: RequestContext): Promise<{
    max_minutes: number;
    default_minutes: number;
    request_timeout_hours: number;
    allowed_scopes: string[];
  }> {
    const db = await ctx.db();
    const rows = await db.query(`SELECT * FROM tenant_access_settings WHERE tenant_id = $1`, [ctx.tenant.id]);
    return rows[0];
  }
}

function toView(r: GrantRow): AccessGrantView {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: r.id,
    accountId: r.account_id,
    customerNumber: r.customer_number,
    accountName: r.account_name,
    requestedBy: r.requested_by_name,
    reason: r.reason,
    ticket: r.ticket,
    justification: r.justification,
    scopes: r.scopes,
    minutes: r.minutes,
    status: r.status,
    requestedAt: r.requested_at.toISOString(),
    requestExpiresAt: r.request_expires_at.toISOString(),
    decidedBy: r.decided_by_name,
    decidedAt: iso(r.decided_at),
    startsAt: iso(r.starts_at),
    expiresAt: iso(r.expires_at),
    endedAt: iso(r.ended_at),
    closeNote: r.close_note,
    denyReason: r.deny_reason,
  };
}
