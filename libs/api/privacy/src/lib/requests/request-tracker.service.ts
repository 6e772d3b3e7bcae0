import { Injectable } from '@nestjs/common';
import { type RequestContext, problems, staleVersion } from '@mijn-account/api-core';
import { MailService } from '@mijn-account/api-mail';
import type {
  AdminPrivacyRequestView,
  FieldError,
  Language,
  PrivacyRequestClosing,
  PrivacyRequestExtension,
  PrivacyRequestRegistration,
  PrivacyRequestState,
  PrivacyRequestView,
} from '@mijn-account/shared-contracts';
import { PrivacyRequests } from './privacy-requests.service';
import { latestExtension } from './deadline';
import { REQUEST_COLUMNS, type RequestRow, requestView } from './request-views';

interface AdminRow extends RequestRow {
  user_id: string | null;
  person_name: string | null;
  person_email: string | null;
  person_restricted: boolean;
  registered_by_name: string | null;
}

const ADMIN_SELECT = `SELECT ${REQUEST_COLUMNS}, r.user_id, u.display_name AS person_name, u.email AS person_email,
       (u.restricted_at IS NOT NULL) AS person_restricted, s.display_name AS registered_by_name
  FROM privacy_request r
  LEFT JOIN app_user u ON u.tenant_id = r.tenant_id AND u.id = r.user_id
  LEFT JOIN app_user s ON s.tenant_id = r.tenant_id AND s.id = r.registered_by`;

/**
 * The register of privacy requests (issue 18 §5) for the tenant admin — list, register one that came
 * by mail, phone or letter, extend (by at most two months, the reason mailed to the person), close —
 * and the person's own list. Edits carry the request's version (If-Match): a stale one is refused.
 */
@Injectable()
export class RequestTrackerService {
  constructor(
    private readonly requests: PrivacyRequests,
    private readonly mail: MailService,
  ) {}

  async mine(ctx: RequestContext): Promise<PrivacyRequestView[]> {
    const db = await ctx.db();
    const today = await this.requests.today(db, ctx.tenant.id);
    const rows: RequestRow[] = await db.query(
      `SELECT ${REQUEST_COLUMNS} FROM privacy_request r WHERE r.tenant_id = $1 AND r.user_id = $2
        ORDER BY r.received_on DESC, r.created_at DESC`,
      [ctx.tenant.id, ctx.requireUser().id],
    );
    return rows.map((row) => requestView(row, today));
  }

  /** Open ones first, soonest due first; then the closed ones, last closed first. */
  async list(ctx: RequestContext, status: PrivacyRequestState | null): Promise<AdminPrivacyRequestView[]> {
    const db = await ctx.db();
    const today = await this.requests.today(db, ctx.tenant.id);
    const rows: AdminRow[] = await db.query(
      `${ADMIN_SELECT} WHERE r.tenant_id = $1 AND ($2::text IS NULL OR r.status = $2)
        ORDER BY (r.status = 'open') DESC, coalesce(r.extended_until, r.deadline), r.closed_at DESC, r.created_at DESC
        LIMIT 500`,
      [ctx.tenant.id, status],
    );
    return rows.map((row) => this.adminView(row, today));
  }

  async register(ctx: RequestContext, input: PrivacyRequestRegistration): Promise<AdminPrivacyRequestView> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    const today = await this.requests.today(db, tenantId);
    const errors: FieldError[] = [];
    if (input.receivedOn > today) errors.push({ field: 'receivedOn', code: 'notInFuture', message: 'Not after today' });
    const email = input.email?.trim() || null;
    const details = input.details?.trim() || null;
    let person: { id: string; account_id: string | null } | undefined;
    if (email) {
      [person] = await db.query(
        `SELECT id, account_id FROM app_user WHERE tenant_id = $1 AND lower(email) = lower($2)`,
        [tenantId, email],
      );
      if (!person)
        errors.push({
          field: 'email',
          code: 'unknownPerson',
          message: 'Nobody with this e-mail address here; leave it empty and describe the person in the details',
        });
    } else if (!details) {
      errors.push({
        field: 'details',
        code: 'required',
        message: 'Say who asked (and how to reach them), or give their e-mail',
      });
    }
    if (errors.length > 0) throw problems.validation(errors);
    const opened = await this.requests.open(db, {
      tenantId,
      type: input.type,
      channel: input.channel,
      userId: person?.id ?? null,
      accountId: person?.account_id ?? null,
      details,
      registeredBy: ctx.requireUser().id,
      receivedOn: input.receivedOn,
    });
    return this.find(ctx, opened.id);
  }

  async extend(
    ctx: RequestContext,
    id: string,
    version: number | null,
    input: PrivacyRequestExtension,
  ): Promise<AdminPrivacyRequestView> {
    const db = await ctx.db();
    const current = await this.find(ctx, id, true);
    if (version !== current.version) throw staleVersion(current);
    if (current.status !== 'open') throw problems.conflict('Only an open request can be extended');
    const errors: FieldError[] = [];
    const latest = latestExtension(current.deadline);
    if (input.until <= current.dueOn)
      errors.push({
        field: 'until',
        code: 'afterDeadline',
        message: `After the current deadline, ${current.dueOn}`,
        params: { date: current.dueOn },
      });
    else if (input.until > latest)
      errors.push({
        field: 'until',
        code: 'atMostTwoMonthsLater',
        message: `At most two months after the deadline: ${latest}`,
        params: { date: latest },
      });
    const reason = input.reason.trim();
    if (!reason) errors.push({ field: 'reason', code: 'required', message: 'Say why: the person is told' });
    if (errors.length > 0) throw problems.validation(errors);
    await db.query(
      `UPDATE privacy_request SET extended_until = $3, extension_reason = $4, version = version + 1
        WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, id, input.until, reason],
    );
    const extended = await this.find(ctx, id);
    if (extended.userId) await this.tellExtended(ctx, extended);
    return extended;
  }

  async close(
    ctx: RequestContext,
    id: string,
    version: number | null,
    input: PrivacyRequestClosing,
  ): Promise<AdminPrivacyRequestView> {
    const db = await ctx.db();
    const current = await this.find(ctx, id, true);
    if (version !== current.version) throw staleVersion(current);
    const outcome = input.outcome.trim();
    if (!outcome) throw problems.validation([{ field: 'outcome', code: 'required', message: 'Say what was done' }]);
    if (!(await this.requests.close(db, ctx.tenant.id, id, input.status, outcome)))
      throw problems.conflict('This request is closed already');
    return this.find(ctx, id);
  }

  async find(ctx: RequestContext, id: string, lock = false): Promise<AdminPrivacyRequestView> {
    const db = await ctx.db();
    const today = await this.requests.today(db, ctx.tenant.id);
    const rows: AdminRow[] = await db.query(
      `${ADMIN_SELECT} WHERE r.tenant_id = $1 AND r.id = $2${lock ? ' FOR UPDATE OF r' : ''}`,
      [ctx.tenant.id, id],
    );
    if (!rows[0]) throw problems.notFound('No such request');
    return this.adminView(rows[0], today);
  }

  private adminView(row: AdminRow, today: string): AdminPrivacyRequestView {
    return {
      ...requestView(row, today),
      userId: row.user_id,
      personName: row.person_name,
      personEmail: row.person_email,
      personRestricted: row.person_restricted === true,
      registeredBy: row.registered_by_name,
    };
  }

  /** The extension's reason goes to the person, in their language, with both dates in words. */
  private async tellExtended(ctx: RequestContext, request: AdminPrivacyRequestView): Promise<void> {
    const db = await ctx.db();
    const [person]: { email: string; preferred_language: Language | null; disabled_at: Date | null }[] = await db.query(
      `SELECT email, preferred_language, disabled_at FROM app_user WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, request.userId],
    );
    if (!person) return;
    const language = person.preferred_language ?? ctx.tenant.defaultLanguage;
    const day = (iso: string) =>
      new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${iso}T00:00:00Z`),
      );
    await this.mail.send(ctx, {
      to: person.email,
      template: 'privacy-request-extended',
      language,
      params: {
        type: request.type,
        receivedOn: day(request.receivedOn),
        until: day(request.extendedUntil ?? request.dueOn),
        reason: request.extensionReason ?? '',
        link: `${ctx.origin}/privacy/requests`,
      },
    });
  }
}
