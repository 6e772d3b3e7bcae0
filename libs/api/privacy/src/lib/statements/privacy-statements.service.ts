import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, IsNull, Not } from 'typeorm';
import { APP_CONFIG, type AppConfig, type RequestContext, etagOf, problems } from '@mijn-account/api-core';
import { MailService } from '@mijn-account/api-mail';
import {
  type AdminStatementView,
  type AdminStatementsView,
  type FieldError,
  type Language,
  PAGES,
  type PublicStatementView,
  type StatementDraftInput,
  type StatementNotice,
  type StatementVersionView,
  parseStatement,
} from '@mijn-account/shared-contracts';
import { PrivacyStatement } from './privacy-statement.entity';

/** Who is told of a new version: every user of the tenant who can sign in (verified, not disabled). */
const RECIPIENTS = `tenant_id = $1 AND disabled_at IS NULL AND email_verified_at IS NOT NULL`;

/** The words the ledger keeps for an acknowledgement: the version, as the issue asks. */
const acknowledgedWording = (version: number) => String(version);

/**
 * The tenant's privacy statements (issue 18 §6): the admin edits one draft and publishes it; a
 * publication mails every user in their language through the mail queue, spread at the newsletter
 * rate, in the same transaction (a publication that rolls back mails nobody). Each signed-in user
 * sees the new version in a banner until they acknowledge it; the acknowledgement goes to the
 * consent ledger once per version. Acknowledging is not consent: consent is asked again only where
 * it is the legal basis (newsletter opt-ins record the version in force when they were given).
 */
@Injectable()
export class PrivacyStatements {
  constructor(
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The statement in force and every earlier version, in the language of the page (else the tenant's). */
  async publicView(ctx: RequestContext): Promise<PublicStatementView> {
    const db = await ctx.db();
    const language = ctx.readsIn ?? ctx.tenant.defaultLanguage;
    const published = await db.find(PrivacyStatement, {
      where: { tenantId: ctx.tenant.id, publishedAt: Not(IsNull()) },
      order: { version: 'DESC' },
    });
    const [current] = published;
    return {
      current: current
        ? { ...this.versionView(current, language), blocks: parseStatement(this.body(current, language)) }
        : null,
      versions: published.map((s) => this.versionView(s, language)),
    };
  }

  /** The version the signed-in user has not acknowledged yet (the banner), or none. */
  async notice(ctx: RequestContext): Promise<StatementNotice> {
    const db = await ctx.db();
    const current = await this.current(db, ctx.tenant.id);
    if (!current) return { pending: null };
    // The banner announces a change: whoever joined after this version was published never knew an
    // older one (they met this version when they joined), so there is nothing new to tell them.
    const [me] = (await db.query(`SELECT created_at FROM app_user WHERE tenant_id = $1 AND id = $2`, [
      ctx.tenant.id,
      ctx.requireUser().id,
    ])) as { created_at: Date }[];
    if (!me || (current.publishedAt as Date) <= me.created_at) return { pending: null };
    const acknowledged = await this.acknowledged(db, ctx, current.version);
    return { pending: acknowledged ? null : this.versionView(current, ctx.readsIn ?? this.languageOf(ctx)) };
  }

  /**
   * Records that the user read `version` (once: a second click, or a second tab, adds nothing). Only
   * the version in force can be acknowledged; an older one is a 422 on `version`.
   */
  async acknowledge(ctx: RequestContext, version: number): Promise<StatementNotice> {
    const db = await ctx.db();
    const user = ctx.requireUser();
    const current = await this.current(db, ctx.tenant.id);
    if (!current || current.version !== version)
      throw problems.validation([
        { field: 'version', code: 'notCurrent', message: 'Not the privacy statement in force; reload the page' },
      ]);
    // One acknowledgement per person and version, even from two tabs at once: serialise on the pair.
    await db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `privacy-statement-ack:${ctx.tenant.id}:${user.id}:${version}`,
    ]);
    if (!(await this.acknowledged(db, ctx, version)))
      await db.query(
        `INSERT INTO consent_record (tenant_id, purpose, user_id, email, action, method, ip, wording, privacy_version)
         VALUES ($1, 'privacy-statement', $2, $3, 'acknowledged', 'banner', $4, $5, $6)`,
        [ctx.tenant.id, user.id, user.email, ctx.ip, acknowledgedWording(version), String(version)],
      );
    return { pending: null };
  }

  /** Every version, the draft first, with the number of people a publication would mail now. */
  async adminView(ctx: RequestContext): Promise<AdminStatementsView & { etag: string | null }> {
    const db = await ctx.db();
    const rows = await db.find(PrivacyStatement, { where: { tenantId: ctx.tenant.id }, order: { version: 'DESC' } });
    const draft = rows.find((r) => !r.publishedAt);
    return {
      statements: rows.map((r) => this.adminRow(r)),
      recipients: await this.recipientCount(db, ctx.tenant.id),
      etag: draft ? etagOf(draft.revision) : null,
    };
  }

  /**
   * Creates the draft (numbered after the last version; `revision` null: the caller had none) or
   * changes it (`revision` must be the draft's; a stale one is a 412 with the draft as it is now).
   */
  async saveDraft(
    ctx: RequestContext,
    revision: number | null | undefined,
    input: StatementDraftInput,
  ): Promise<AdminStatementView & { revision: number }> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    await this.lockStatements(db, tenantId);
    const draft = await this.draft(db, tenantId);
    const fields = {
      effectiveOn: input.effectiveOn,
      summaryNl: input.summaryNl.trim(),
      summaryEn: input.summaryEn.trim(),
      bodyNl: input.bodyNl,
      bodyEn: input.bodyEn,
    };
    if (!draft) {
      // Editing a draft that has been published meanwhile: nothing to edit any more.
      if (revision !== undefined) throw problems.preconditionFailed(null);
      const [last] = await db.find(PrivacyStatement, { where: { tenantId }, order: { version: 'DESC' }, take: 1 });
      const created = await db.save(
        db.create(PrivacyStatement, { tenantId, version: (last?.version ?? 0) + 1, ...fields }),
      );
      return { ...this.adminRow(created), revision: created.revision };
    }
    if (revision === undefined) throw problems.preconditionRequired();
    if (revision !== draft.revision)
      throw problems.preconditionFailed({ ...this.adminRow(draft), etag: etagOf(draft.revision) });
    await db.update(
      PrivacyStatement,
      { tenantId, version: draft.version },
      { ...fields, updatedAt: () => 'now()', revision: () => 'revision + 1' },
    );
    const saved = (await this.draft(db, tenantId)) as PrivacyStatement;
    return { ...this.adminRow(saved), revision: saved.revision };
  }

  /** Throws the draft away (a 412 when it changed since `revision`). */
  async deleteDraft(ctx: RequestContext, revision: number | null): Promise<void> {
    const db = await ctx.db();
    await this.lockStatements(db, ctx.tenant.id);
    const draft = await this.draft(db, ctx.tenant.id);
    if (!draft) throw problems.notFound('There is no draft');
    if (revision !== draft.revision)
      throw problems.preconditionFailed({ ...this.adminRow(draft), etag: etagOf(draft.revision) });
    await db.delete(PrivacyStatement, { tenantId: ctx.tenant.id, version: draft.version });
  }

  /**
   * Publishes the draft as it was at `revision`: it must be complete (both bodies and summaries) and
   * take effect no earlier than the version before it. Every user is mailed in their language, at
   * most `NEWSLETTER_RATE_PER_MINUTE` mails a minute, all queued in this transaction.
   */
  async publish(ctx: RequestContext, revision: number | null): Promise<AdminStatementView> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    await this.lockStatements(db, tenantId);
    const draft = await this.draft(db, tenantId);
    if (!draft) throw problems.notFound('There is no draft to publish');
    if (revision !== draft.revision)
      throw problems.preconditionFailed({ ...this.adminRow(draft), etag: etagOf(draft.revision) });
    const errors: FieldError[] = [];
    for (const field of ['summaryNl', 'summaryEn', 'bodyNl', 'bodyEn'] as const)
      if (!draft[field].trim()) errors.push({ field, code: 'isNotEmpty', message: 'Fill in before publishing' });
    const previous = await this.current(db, tenantId);
    if (previous && draft.effectiveOn < previous.effectiveOn)
      errors.push({
        field: 'effectiveOn',
        code: 'notBeforePrevious',
        message: 'Not before the version in force takes effect',
      });
    if (errors.length) throw problems.validation(errors);

    const readers: { email: string; preferred_language: Language | null }[] = await db.query(
      `SELECT email, preferred_language FROM app_user WHERE ${RECIPIENTS} ORDER BY id`,
      [tenantId],
    );
    await db.update(
      PrivacyStatement,
      { tenantId, version: draft.version },
      { publishedAt: () => 'now()', publishedBy: ctx.requireUser().id, announcedTo: readers.length },
    );
    const start = Date.now();
    const link = `${ctx.origin}${PAGES.privacyStatement}`;
    for (const [i, reader] of readers.entries()) {
      const language = reader.preferred_language ?? ctx.tenant.defaultLanguage;
      await this.mail.send(ctx, {
        to: reader.email,
        template: 'privacy-statement-published',
        language,
        params: {
          version: draft.version,
          effectiveOn: formatDay(draft.effectiveOn, language),
          summary: language === 'nl' ? draft.summaryNl : draft.summaryEn,
          link,
        },
        startAfter: new Date(start + Math.floor(i / this.config.newsletters.ratePerMinute) * 60_000),
      });
    }
    const published = (await db.findOneBy(PrivacyStatement, { tenantId, version: draft.version })) as PrivacyStatement;
    return this.adminRow(published);
  }

  /** The version in force: the last published one. */
  private current(db: EntityManager, tenantId: string): Promise<PrivacyStatement | null> {
    return db.findOne(PrivacyStatement, {
      where: { tenantId, publishedAt: Not(IsNull()) },
      order: { version: 'DESC' },
    });
  }

  private draft(db: EntityManager, tenantId: string): Promise<PrivacyStatement | null> {
    return db.findOne(PrivacyStatement, { where: { tenantId, publishedAt: IsNull() } });
  }

  /** Edits and publications of one tenant's statements one at a time (numbers stay gapless). */
  private async lockStatements(db: EntityManager, tenantId: string): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`privacy-statement:${tenantId}`]);
  }

  private async acknowledged(db: EntityManager, ctx: RequestContext, version: number): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM consent_record
        WHERE tenant_id = $1 AND user_id = $2 AND purpose = 'privacy-statement' AND action = 'acknowledged' AND wording = $3
        LIMIT 1`,
      [ctx.tenant.id, ctx.requireUser().id, acknowledgedWording(version)],
    );
    return rows.length > 0;
  }

  private async recipientCount(db: EntityManager, tenantId: string): Promise<number> {
    const [row] = (await db.query(`SELECT count(*)::int AS n FROM app_user WHERE ${RECIPIENTS}`, [tenantId])) as {
      n: number;
    }[];
    return row?.n ?? 0;
  }

  private languageOf(ctx: RequestContext): Language {
    return ctx.requireUser().preferredLanguage ?? ctx.tenant.defaultLanguage;
  }

  private body(s: PrivacyStatement, language: Language): string {
    return language === 'nl' ? s.bodyNl : s.bodyEn;
  }

  private versionView(s: PrivacyStatement, language: Language): StatementVersionView {
    return {
      version: s.version,
      effectiveOn: s.effectiveOn,
      publishedAt: (s.publishedAt as Date).toISOString(),
      summary: language === 'nl' ? s.summaryNl : s.summaryEn,
    };
  }

  private adminRow(s: PrivacyStatement): AdminStatementView {
    return {
      version: s.version,
      effectiveOn: s.effectiveOn,
      summaryNl: s.summaryNl,
      summaryEn: s.summaryEn,
      bodyNl: s.bodyNl,
      bodyEn: s.bodyEn,
      status: s.publishedAt ? 'published' : 'draft',
      publishedAt: s.publishedAt ? s.publishedAt.toISOString() : null,
      announcedTo: s.announcedTo,
    };
  }
}

/** "1 december 2026" / "1 December 2026": a calendar day, no time zone involved. */
function formatDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
