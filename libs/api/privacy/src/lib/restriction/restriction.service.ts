import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type RequestContext, problems, staleVersion } from '@mijn-account/api-core';
import { AuditWriterService } from '@mijn-account/api-audit';
import { publishedStatementVersion } from '@mijn-account/api-database';
import { GrantsService } from '@mijn-account/api-support';
import type {
  AccessLogField,
  MyRestrictionView,
  ObjectionPurpose,
  RestrictedPersonView,
  RestrictionUpdate,
} from '@mijn-account/shared-contracts';
import { PrivacyRequests } from '../requests/privacy-requests.service';

/** The wording the consent ledger keeps with each objection (what the person saw on the page). */
const OBJECTION_WORDING: Record<ObjectionPurpose, { objected: string; withdrawn: string }> = {
  'direct-marketing': {
    objected: 'I object to the use of my data for direct marketing: send me no newsletters.',
    withdrawn: 'I withdraw my objection to direct marketing.',
  },
  statistics: {
    objected: 'I object to my use of the portal being counted in usage statistics.',
    withdrawn: 'I withdraw my objection to usage statistics.',
  },
};

const COLUMN: Record<ObjectionPurpose, string> = {
  'direct-marketing': 'marketing_objected_at',
  statistics: 'statistics_objected_at',
};

interface PersonRow {
  id: string;
  display_name: string;
  email: string;
  account_id: string | null;
  restricted_at: Date | null;
  restriction_reason: string | null;
  restricted_by_name: string | null;
  marketing_objected_at: Date | null;
  statistics_objected_at: Date | null;
  version: number;
}

/** What the admin's restriction pages show of a person. */
const READ_FIELDS = ['name', 'email', 'restriction', 'objections'] as const satisfies AccessLogField[];

const iso = (at: Date | null) => (at ? new Date(at).toISOString() : null);

/**
 * Restriction of processing (Art. 18) and objections (Art. 21), issue 18 §4. The person asks for a
 * restriction (a privacy request the tenant admin decides on) and objects per purpose themselves,
 * effective at once. What stops: newsletters (restricted or objecting to direct marketing), helpdesk
 * access requests for their account (refused while restricted), usage statistics (read by the
 * statistics). Payment reminders go on: ADR 0015.
 */
@Injectable()
export class RestrictionService {
  constructor(
    private readonly requests: PrivacyRequests,
    private readonly audit: AuditWriterService,
    private readonly grants: GrantsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async mine(ctx: RequestContext): Promise<MyRestrictionView> {
    const db = await ctx.db();
    const user = ctx.requireUser();
    const person = await this.person(ctx, user.id);
    const [open]: { id: string; due_on: string }[] = await db.query(
      `SELECT id, coalesce(extended_until, deadline)::text AS due_on FROM privacy_request
        WHERE tenant_id = $1 AND user_id = $2 AND type = 'restriction' AND status = 'open'
        ORDER BY created_at DESC LIMIT 1`,
      [ctx.tenant.id, user.id],
    );
    return {
      restricted: person.restricted_at !== null,
      restrictedAt: iso(person.restricted_at),
      reason: person.restriction_reason,
      openRequest: open ? { id: open.id, dueOn: open.due_on } : null,
      objections: {
        'direct-marketing': iso(person.marketing_objected_at),
        statistics: iso(person.statistics_objected_at),
      },
    };
  }

  /** The person asks for a restriction: a privacy request the tenant admin decides on (one open at a time). */
  async request(ctx: RequestContext, details: string): Promise<MyRestrictionView> {
    const db = await ctx.db();
    const user = ctx.requireUser();
    // SQL: serialises this person's requests (their row), so two clicks open one request.
    await db.query(`SELECT 1 FROM app_user WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [ctx.tenant.id, user.id]);
    const current = await this.mine(ctx);
    if (current.openRequest) throw problems.conflict('You already asked for a restriction; it is being handled');
    const text = details.trim();
    if (!text) throw problems.validation([{ field: 'details', code: 'required', message: 'Say why' }]);
    await this.requests.open(db, {
      tenantId: ctx.tenant.id,
      type: 'restriction',
      channel: 'portal',
      userId: user.id,
      accountId: user.accountId,
      details: text,
    });
    return this.mine(ctx);
  }

  /**
   * An objection (or its withdrawal), effective at once: the column the effects read, and the
   * consent ledger as proof. An objection is also a privacy request, closed as done when made.
   */
  async object(ctx: RequestContext, purpose: ObjectionPurpose, objected: boolean): Promise<MyRestrictionView> {
    const db = await ctx.db();
    const user = ctx.requireUser();
    const column = COLUMN[purpose];
    // SQL: sets or clears the purpose's column only when it changes (a repeat writes nothing); counted in a CTE.
    const [{ changed }]: { changed: number }[] = await db.query(
      `WITH changed AS (UPDATE app_user SET ${column} = CASE WHEN $3::boolean THEN now() ELSE NULL END
                         WHERE tenant_id = $1 AND id = $2 AND (${column} IS NULL) = $3::boolean RETURNING 1)
       SELECT count(*)::int AS changed FROM changed`,
      [ctx.tenant.id, user.id, objected],
    );
    if (changed > 0) {
      await db.query(
        `INSERT INTO consent_record (tenant_id, list_id, purpose, user_id, email, action, method, ip, wording, privacy_version)
         VALUES ($1, NULL, $2, $3, $4, $5, 'portal', $6, $7, $8)`,
        [
          ctx.tenant.id,
          purpose,
          user.id,
          user.email,
          objected ? 'objected' : 'withdrawn',
          ctx.ip,
          OBJECTION_WORDING[purpose][objected ? 'objected' : 'withdrawn'],
          // The tenant's statement in force, as newsletter opt-ins record it (the configured one only without).
          (await publishedStatementVersion(db, ctx.tenant.id)) ?? this.config.newsletters.privacyVersion,
        ],
      );
      if (objected) {
        const request = await this.requests.open(db, {
          tenantId: ctx.tenant.id,
          type: 'objection',
          channel: 'portal',
          userId: user.id,
          accountId: user.accountId,
          details: purpose,
        });
        await this.requests.close(db, ctx.tenant.id, request.id, 'done', `Effective at once (${purpose})`);
      }
    }
    return this.mine(ctx);
  }

  /** Everyone restricted or objecting, for the tenant admin. */
  async list(ctx: RequestContext): Promise<RestrictedPersonView[]> {
    const db = await ctx.db();
    const rows: PersonRow[] = await db.query(
      `${PERSON_SELECT} WHERE u.tenant_id = $1
          AND (u.restricted_at IS NOT NULL OR u.marketing_objected_at IS NOT NULL OR u.statistics_objected_at IS NOT NULL)
        ORDER BY u.restricted_at DESC NULLS LAST, u.display_name LIMIT 500`,
      [ctx.tenant.id],
    );
    await this.logRead(ctx, rows);
    return rows.map(personView);
  }

  async get(ctx: RequestContext, userId: string): Promise<RestrictedPersonView> {
    const row = await this.person(ctx, userId);
    await this.logRead(ctx, [row]);
    return personView(row);
  }

  /** The admin's reading of these people (names, addresses, restrictions): a read in each one's account's access log. */
  private async logRead(ctx: RequestContext, rows: PersonRow[]): Promise<void> {
    const accounts = new Set(rows.flatMap((row) => (row.account_id ? [row.account_id] : [])));
    for (const accountId of accounts)
      await this.audit.append(ctx, accountId, {
        action: 'read',
        resource: 'restriction',
        outcome: 'allowed',
        fields: READ_FIELDS,
      });
  }

  /** The tenant admin sets or lifts a restriction, with the reason; logged in the person's account's access log. */
  async update(
    ctx: RequestContext,
    userId: string,
    version: number | null,
    input: RestrictionUpdate,
  ): Promise<RestrictedPersonView> {
    const db = await ctx.db();
    const before = await this.person(ctx, userId, true);
    if (version !== before.version) throw staleVersion(personView(before));
    const reason = input.reason?.trim() || null;
    if (input.restricted && !reason)
      throw problems.validation([
        { field: 'reason', code: 'required', message: 'Say why the processing is restricted' },
      ]);
    if (
      input.restricted === (before.restricted_at !== null) &&
      (!input.restricted || reason === before.restriction_reason)
    )
      return personView(before);
    await db.query(
      `UPDATE app_user SET restricted_at = CASE WHEN $3 THEN coalesce(restricted_at, now()) END,
              restriction_reason = CASE WHEN $3 THEN $4 END, restricted_by = CASE WHEN $3 THEN $5::uuid END,
              version = version + 1
        WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, userId, input.restricted, reason, ctx.requireUser().id],
    );
    if (before.account_id)
      await this.audit.append(ctx, before.account_id, {
        action: 'write',
        resource: 'restriction',
        outcome: 'allowed',
        fields: ['restricted', 'reason'],
      });
    // Newly restricted: helpdesk access to their account ends now, and no pending request is approved.
    if (before.account_id && input.restricted && before.restricted_at === null)
      await this.grants.endForRestriction(ctx, before.account_id);
    return personView(await this.person(ctx, userId));
  }

  private async person(ctx: RequestContext, userId: string, lock = false): Promise<PersonRow> {
    const db = await ctx.db();
    const [row]: PersonRow[] = await db.query(
      `${PERSON_SELECT} WHERE u.tenant_id = $1 AND u.id = $2${lock ? ' FOR UPDATE OF u' : ''}`,
      [ctx.tenant.id, userId],
    );
    if (!row) throw problems.notFound('No such person');
    return row;
  }
}

const PERSON_SELECT = `SELECT u.id, u.display_name, u.email, u.account_id, u.restricted_at, u.restriction_reason,
       b.display_name AS restricted_by_name, u.marketing_objected_at, u.statistics_objected_at, u.version
  FROM app_user u LEFT JOIN app_user b ON b.tenant_id = u.tenant_id AND b.id = u.restricted_by`;

function personView(row: PersonRow): RestrictedPersonView {
  return {
    userId: row.id,
    displayName: row.display_name,
    email: row.email,
    restrictedAt: iso(row.restricted_at),
    reason: row.restriction_reason,
    restrictedBy: row.restricted_by_name,
    marketingObjectedAt: iso(row.marketing_objected_at),
    statisticsObjectedAt: iso(row.statistics_objected_at),
    version: row.version,
  };
}
