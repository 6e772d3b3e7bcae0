import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriterService } from '@mijn-account/api-audit';
import { PRIVACY_DISCLOSURE_NOTICE_QUEUE, withTenant } from '@mijn-account/api-database';
import { type RequestContext, problems, staleVersion } from '@mijn-account/api-core';
import { MailService } from '@mijn-account/api-mail';
import {
  type DisclosureCreate,
  type DisclosureView,
  type FieldError,
  type Language,
  PAGES,
  type PrivacyOverview,
  type PrivacyQuestionReceipt,
  type PrivacyQuestionRequest,
  type PrivacySettingsUpdate,
  type ProcessingActivityInput,
  type ProcessingActivityView,
} from '@mijn-account/shared-contracts';
import { PrivacyQueue } from '../privacy.queue';
import { PrivacyRequests } from '../requests/privacy-requests.service';
import { PrivacySettings } from '../settings/privacy-settings.entity';
import { PrivacyDisclosure } from './privacy-disclosure.entity';
import { ProcessingActivity } from './processing-activity.entity';

interface DisclosureNotice {
  tenantId: string;
  disclosureId: string;
}

export type VersionedPrivacySettings = PrivacySettingsUpdate & { version: number };

/** What the audit log calls a recorded disclosure (the person reads it in their access history). */
export const DISCLOSURE_EVENT = { action: 'disclose', resource: 'disclosure' } as const;

/**
 * The privacy page (what the tenant holds about a person and why, whom to ask, what was disclosed),
 * the tenant's record of processing activities and privacy settings, questions and complaints to
 * the privacy contact, and the register of disclosures (issue 18 §1, §9).
 */
@Injectable()
export class PrivacyOverviewService {
  constructor(
    private readonly requests: PrivacyRequests,
    private readonly mail: MailService,
    private readonly audit: AuditWriterService,
    private readonly queue: PrivacyQueue,
    private readonly dataSource: DataSource,
  ) {
    queue.handle<DisclosureNotice>(PRIVACY_DISCLOSURE_NOTICE_QUEUE, (job) => this.noticeHeld(job));
  }

  /** The signed-in person's privacy page, in the language they read in. */
  async overview(ctx: RequestContext): Promise<PrivacyOverview> {
    const user = ctx.requireUser();
    const language = ctx.readerLanguage();
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    const activities = await this.activityRows(db, tenantId);
    const settings = await this.readSettings(db, tenantId);
    const today = await this.requests.today(db, tenantId);
    // SQL: only the caller's own disclosures, and those under a legal hold only from its end on.
    const disclosures: {
      id: string;
      recipient: string;
      legal_basis: string;
      categories: string;
      disclosed_on: string;
    }[] = await db.query(
      `SELECT id, recipient, legal_basis, categories, to_char(disclosed_on, 'YYYY-MM-DD') AS disclosed_on
           FROM privacy_disclosure
          WHERE tenant_id = $1 AND user_id = $2 AND (notice_delayed_until IS NULL OR notice_delayed_until <= $3::date)
          ORDER BY disclosed_on DESC, recorded_at DESC`,
      [tenantId, user.id, today],
    );
    const nl = language === 'nl';
    return {
      language,
      held: activities.map((a) => ({
        id: a.id,
        category: nl ? a.categoryNl : a.categoryEn,
        purpose: nl ? a.purposeNl : a.purposeEn,
        legalBasis: a.legalBasis,
        retention: nl ? a.retentionNl : a.retentionEn,
        recipients: nl ? a.recipientsNl : a.recipientsEn,
        automatedDecision: nl ? a.automatedDecisionNl : a.automatedDecisionEn,
      })),
      contact: { email: settings.contactEmail, phone: settings.contactPhone },
      authority:
        settings.authorityName && settings.authorityUrl
          ? { name: settings.authorityName, url: settings.authorityUrl }
          : null,
      disclosures: disclosures.map((d) => ({
        id: d.id,
        recipient: d.recipient,
        legalBasis: d.legal_basis as PrivacyOverview['disclosures'][number]['legalBasis'],
        categories: d.categories,
        disclosedOn: d.disclosed_on,
      })),
    };
  }

  /**
   * A question or complaint: tracked as a privacy request (with its one-month deadline) and mailed
   * to the tenant's privacy contact through the mail queue, in the same transaction.
   */
  async ask(ctx: RequestContext, input: PrivacyQuestionRequest): Promise<PrivacyQuestionReceipt> {
    const user = ctx.requireUser();
    const message = input.message.trim();
    if (!message)
      throw problems.validation([{ field: 'message', code: 'required', message: 'Write your question or complaint' }]);
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    const request = await this.requests.open(db, {
      tenantId,
      type: input.kind,
      channel: 'portal',
      userId: user.id,
      accountId: user.accountId,
      details: message,
    });
    const settings = await this.readSettings(db, tenantId);
    if (settings.contactEmail) {
      await this.mail.send(
        ctx,
        {
          to: settings.contactEmail,
          template: 'privacy-question',
          language: ctx.tenant.defaultLanguage,
          params: {
            kind: input.kind,
            name: user.displayName,
            email: user.email,
            message,
            deadline: longDate(request.deadline, ctx.tenant.defaultLanguage),
            link: `${ctx.origin}${PAGES.privacyRequestsAdmin}`,
          },
        },
        db,
      );
    }
    return { requestId: request.id, deadline: request.deadline };
  }

  /** The end of a disclosure's legal hold: the event goes into the person's access log, by the admin who recorded it. */
  async noticeHeld({ tenantId, disclosureId }: DisclosureNotice): Promise<void> {
    await withTenant(this.dataSource, tenantId, async (db) => {
      // SQL: the disclosure with the person's account and the recorder's name; gone when the person was erased.
      const [row]: {
        account_id: string | null;
        recorded_by: string;
        recorder: string | null;
        until: string | null;
      }[] = await db.query(
        `SELECT u.account_id, d.recorded_by, r.display_name AS recorder, d.notice_delayed_until::text AS until
           FROM privacy_disclosure d
           JOIN app_user u ON u.tenant_id = d.tenant_id AND u.id = d.user_id
           LEFT JOIN app_user r ON r.tenant_id = d.tenant_id AND r.id = d.recorded_by
          WHERE d.tenant_id = $1 AND d.id = $2`,
        [tenantId, disclosureId],
      );
      if (!row?.account_id) return;
      // The hold ends on the tenant's day as it is now, not as it was when the job was queued: if
      // the time zone moved west since (or the job came early), it waits for the new midnight.
      if (row.until !== null && row.until > (await this.requests.today(db, tenantId))) {
        const startAfter = await this.requests.startOf(db, tenantId, row.until);
        await this.queue.enqueue<DisclosureNotice>(
          db,
          PRIVACY_DISCLOSURE_NOTICE_QUEUE,
          { tenantId, disclosureId },
          { startAfter: new Date(Math.max(startAfter.getTime(), Date.now() + 60_000)) },
        );
        return;
      }
      await this.audit.appendAs(db, tenantId, row.account_id, {
        ...DISCLOSURE_EVENT,
        outcome: 'allowed',
        actorId: row.recorded_by,
        actorName: row.recorder ?? 'system',
        actorKind: 'staff',
        ip: null,
      });
    });
  }

  // ---- The record of processing activities (tenant admin) ----

  async activities(ctx: RequestContext): Promise<ProcessingActivityView[]> {
    return (await this.activityRows(await ctx.db(), ctx.tenant.id)).map(activityView);
  }

  async createActivity(ctx: RequestContext, input: ProcessingActivityInput): Promise<ProcessingActivityView> {
    const db = await ctx.db();
    const saved = await db.save(ProcessingActivity, { tenantId: ctx.tenant.id, ...cleanActivity(input) });
    return activityView(saved);
  }

  async updateActivity(
    ctx: RequestContext,
    id: string,
    baseVersion: number | null,
    input: ProcessingActivityInput,
  ): Promise<ProcessingActivityView> {
    const db = await ctx.db();
    const before = await this.lockActivity(db, ctx.tenant.id, id);
    if (before.version !== baseVersion) throw staleVersion(activityView(before));
    await db.update(
      ProcessingActivity,
      { tenantId: ctx.tenant.id, id },
      { ...cleanActivity(input), version: () => 'version + 1', updatedAt: () => 'now()' },
    );
    return activityView(await this.lockActivity(db, ctx.tenant.id, id));
  }

  async deleteActivity(ctx: RequestContext, id: string, baseVersion: number | null): Promise<void> {
    const db = await ctx.db();
    const before = await this.lockActivity(db, ctx.tenant.id, id);
    if (before.version !== baseVersion) throw staleVersion(activityView(before));
    await db.delete(ProcessingActivity, { tenantId: ctx.tenant.id, id });
  }

  private async lockActivity(db: EntityManager, tenantId: string, id: string): Promise<ProcessingActivity> {
    const row = await db.findOne(ProcessingActivity, {
      where: { tenantId, id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw problems.notFound();
    return row;
  }

  private activityRows(db: EntityManager, tenantId: string): Promise<ProcessingActivity[]> {
    return db.find(ProcessingActivity, { where: { tenantId }, order: { position: 'ASC', categoryEn: 'ASC' } });
  }

  // ---- The tenant's privacy settings (tenant admin) ----

  async settings(ctx: RequestContext): Promise<VersionedPrivacySettings> {
    return this.readSettings(await ctx.db(), ctx.tenant.id);
  }

  async updateSettings(
    ctx: RequestContext,
    baseVersion: number | null,
    input: PrivacySettingsUpdate,
  ): Promise<VersionedPrivacySettings> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    // The row is made on first save; concurrent first saves meet on the primary key.
    await db.query(`INSERT INTO privacy_settings (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING`, [
      tenantId,
    ]);
    const before = await this.readSettings(db, tenantId, true);
    if (before.version !== baseVersion) throw staleVersion(before);
    const errors: FieldError[] = [];
    const phone = input.contactPhone?.replace(/[\s().-]/g, '') || null;
    if (phone && !/^\+[1-9][0-9]{6,14}$/.test(phone))
      errors.push({
        field: 'contactPhone',
        code: 'isPhoneNumber',
        message: 'An international number, such as +31 20 123 4567',
      });
    const url = input.authorityUrl?.trim() || null;
    if (url && !/^https:\/\/[^\s/]+\.[^\s]+$/.test(url))
      errors.push({ field: 'authorityUrl', code: 'isUrl', message: 'A web address starting with https://' });
    const name = input.authorityName?.trim() || null;
    if ((name === null) !== (url === null))
      errors.push({
        field: name ? 'authorityUrl' : 'authorityName',
        code: 'required',
        message: 'Give the supervisory authority both a name and a web address',
      });
    if (input.parentalConsentAllowed && input.minimumAge === null)
      errors.push({
        field: 'parentalConsentAllowed',
        code: 'needsMinimumAge',
        message: 'Parental permission applies only with a minimum age',
      });
    if (errors.length > 0) throw problems.validation(errors);
    await db.update(
      PrivacySettings,
      { tenantId },
      {
        contactEmail: input.contactEmail?.trim().toLowerCase() || null,
        contactPhone: phone,
        authorityName: name,
        authorityUrl: url,
        erasureGraceDays: input.erasureGraceDays,
        minimumAge: input.minimumAge,
        parentalConsentAllowed: input.parentalConsentAllowed,
        version: () => 'version + 1',
        updatedAt: () => 'now()',
      },
    );
    return this.readSettings(db, tenantId);
  }

  async readSettings(db: EntityManager, tenantId: string, lock = false): Promise<VersionedPrivacySettings> {
    const row = await db.findOne(PrivacySettings, {
      where: { tenantId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return {
      contactEmail: row?.contactEmail ?? null,
      contactPhone: row?.contactPhone ?? null,
      authorityName: row?.authorityName ?? null,
      authorityUrl: row?.authorityUrl ?? null,
      erasureGraceDays: row?.erasureGraceDays ?? 14,
      minimumAge: row?.minimumAge ?? null,
      parentalConsentAllowed: row?.parentalConsentAllowed ?? false,
      version: row?.version ?? 1,
    };
  }

  // ---- Disclosures (tenant admin records; the person reads) ----

  async disclosures(ctx: RequestContext): Promise<DisclosureView[]> {
    const db = await ctx.db();
    // SQL: every disclosure with the person's and the recorder's names.
    const rows: {
      id: string;
      email: string;
      display_name: string;
      recipient: string;
      legal_basis: DisclosureView['legalBasis'];
      categories: string;
      disclosed_on: string;
      notice_delayed_until: string | null;
      recorded_by: string;
      recorded_at: Date;
    }[] = await db.query(
      `SELECT d.id, u.email, u.display_name, d.recipient, d.legal_basis, d.categories,
              to_char(d.disclosed_on, 'YYYY-MM-DD') AS disclosed_on,
              to_char(d.notice_delayed_until, 'YYYY-MM-DD') AS notice_delayed_until,
              COALESCE(r.display_name, '') AS recorded_by, d.recorded_at
         FROM privacy_disclosure d
         JOIN app_user u ON u.tenant_id = d.tenant_id AND u.id = d.user_id
         LEFT JOIN app_user r ON r.tenant_id = d.tenant_id AND r.id = d.recorded_by
        WHERE d.tenant_id = $1
        ORDER BY d.disclosed_on DESC, d.recorded_at DESC`,
      [ctx.tenant.id],
    );
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      recipient: r.recipient,
      legalBasis: r.legal_basis,
      categories: r.categories,
      disclosedOn: r.disclosed_on,
      noticeDelayedUntil: r.notice_delayed_until,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at.toISOString(),
    }));
  }

  /** Records a disclosure and writes it to the person's account's access log, in one transaction. */
  async disclose(ctx: RequestContext, input: DisclosureCreate): Promise<DisclosureView> {
    const staff = ctx.requireUser();
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    const errors: FieldError[] = [];
    // SQL: the person, a subscriber of this tenant, by sign-in address.
    const [person]: { id: string; account_id: string | null }[] = await db.query(
      `SELECT id, account_id FROM app_user WHERE tenant_id = $1 AND email = $2 AND kind = 'subscriber'`,
      [tenantId, input.email.trim().toLowerCase()],
    );
    if (!person?.account_id)
      errors.push({ field: 'email', code: 'unknownPerson', message: 'No subscriber signs in with this address' });
    if (!isRealDate(input.disclosedOn))
      errors.push({ field: 'disclosedOn', code: 'isDate', message: 'A date such as 2026-11-01' });
    else if (input.disclosedOn > (await this.requests.today(db, tenantId)))
      errors.push({ field: 'disclosedOn', code: 'notYetHappened', message: 'Record a disclosure once it happened' });
    if (input.noticeDelayedUntil !== null) {
      if (!isRealDate(input.noticeDelayedUntil))
        errors.push({ field: 'noticeDelayedUntil', code: 'isDate', message: 'A date such as 2027-01-01' });
      else if (input.noticeDelayedUntil <= input.disclosedOn)
        errors.push({
          field: 'noticeDelayedUntil',
          code: 'afterDisclosure',
          message: 'A hold ends after the day of the disclosure',
        });
    }
    if (errors.length > 0 || !person?.account_id) throw problems.validation(errors);
    const saved = await db.save(PrivacyDisclosure, {
      tenantId,
      userId: person.id,
      recipient: input.recipient.trim(),
      legalBasis: input.legalBasis,
      categories: input.categories.trim(),
      disclosedOn: input.disclosedOn,
      noticeDelayedUntil: input.noticeDelayedUntil,
      recordedBy: staff.id,
    });
    // The person reads their access log: a held disclosure goes in only when its hold ends (a job
    // then, at the start of that day in the tenant's time zone — when the privacy page shows it too).
    if (input.noticeDelayedUntil === null)
      await this.audit.append(ctx, person.account_id, { ...DISCLOSURE_EVENT, outcome: 'allowed' });
    else
      await this.queue.enqueue<DisclosureNotice>(
        db,
        PRIVACY_DISCLOSURE_NOTICE_QUEUE,
        { tenantId, disclosureId: saved.id },
        { startAfter: await this.requests.startOf(db, tenantId, input.noticeDelayedUntil) },
      );
    const view = (await this.disclosures(ctx)).find((d) => d.id === saved.id);
    if (!view) throw problems.notFound();
    return view;
  }
}

function activityView(a: ProcessingActivity): ProcessingActivityView {
  return {
    id: a.id,
    position: a.position,
    categoryNl: a.categoryNl,
    categoryEn: a.categoryEn,
    purposeNl: a.purposeNl,
    purposeEn: a.purposeEn,
    legalBasis: a.legalBasis,
    retentionNl: a.retentionNl,
    retentionEn: a.retentionEn,
    recipientsNl: a.recipientsNl,
    recipientsEn: a.recipientsEn,
    automatedDecisionNl: a.automatedDecisionNl,
    automatedDecisionEn: a.automatedDecisionEn,
    version: a.version,
  };
}

function cleanActivity(input: ProcessingActivityInput): ProcessingActivityInput {
  const none = !input.automatedDecisionNl?.trim() && !input.automatedDecisionEn?.trim();
  return {
    position: input.position,
    categoryNl: input.categoryNl.trim(),
    categoryEn: input.categoryEn.trim(),
    purposeNl: input.purposeNl.trim(),
    purposeEn: input.purposeEn.trim(),
    legalBasis: input.legalBasis,
    retentionNl: input.retentionNl.trim(),
    retentionEn: input.retentionEn.trim(),
    recipientsNl: input.recipientsNl.trim(),
    recipientsEn: input.recipientsEn.trim(),
    automatedDecisionNl: none
      ? null
      : ((input.automatedDecisionNl?.trim() || input.automatedDecisionEn?.trim()) ?? null),
    automatedDecisionEn: none
      ? null
      : ((input.automatedDecisionEn?.trim() || input.automatedDecisionNl?.trim()) ?? null),
  };
}

/** A calendar date (YYYY-MM-DD) written out for a reader of `language`, e.g. "29 december 2026". */
function longDate(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
