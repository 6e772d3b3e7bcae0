import { UsageCounter } from '@mijn-account/api-statistics';
import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { User } from '@mijn-account/api-auth';
import { APP_CONFIG, type AppConfig, type RequestContext, problems } from '@mijn-account/api-core';
import { publishedStatementVersion } from '@mijn-account/api-database';
import { MailService, type MailTemplates } from '@mijn-account/api-mail';
import {
  LANGUAGES,
  type Language,
  type NewsletterIssuePreview,
  type NewsletterListAdmin,
  type NewsletterListView,
  type NewsletterUnsubscribeView,
  PAGES,
  ROUTES,
} from '@mijn-account/shared-contracts';
import { ConsentRecord } from './entities/consent-record.entity';
import { NewsletterIssue } from './entities/newsletter-issue.entity';
import { NewsletterList } from './entities/newsletter-list.entity';
import { NewsletterTokens } from './newsletter-tokens';
import { SUBSCRIBERS_CSV_COLUMNS, subscribersCsvColumns, subscribersCsvMethod } from './subscribers-csv';

type Method = 'portal' | 'mail-link' | 'one-click' | 'admin-import';
/** How an opt-in was made, as every issue tells its reader. */
export type OptInMethod = Exclude<Method, 'one-click'>;
type Status = NewsletterListView['status'];
type Issue = { subject: string; body: string };
/** One reader of an issue: where it goes, in which language, and why they get it. */
interface IssueReader {
  id: string;
  email: string;
  language: Language;
  timeZone: string | null;
  method: OptInMethod;
  confirmedAt: Date | null;
  startAfter?: Date;
}
/** Who gets an issue ($1 tenant, $2 list): confirmed subscribers whose user is not disabled. */
/**
 * Who an issue reaches: confirmed subscribers who can sign in, unless their processing is restricted
 * (GDPR Art. 18) or they object to direct marketing (Art. 21) — every list is direct marketing here
 * (ADR 0015). Their subscription stays: lifting the restriction or the objection restores the mail.
 */
const RECIPIENTS = `s.tenant_id = $1 AND s.list_id = $2 AND s.status = 'confirmed' AND u.disabled_at IS NULL
  AND u.restricted_at IS NULL AND u.marketing_objected_at IS NULL`;

export interface Subscriber {
  id: string;
  email: string;
  preferredLanguage: Language | null;
}

interface ListRow {
  id: string;
  name_nl: string;
  name_en: string;
  description_nl: string;
  description_en: string;
  visible: boolean;
  status: Exclude<Status, 'none'> | null;
}

export interface ListInput {
  nameNl: string;
  nameEn: string;
  descriptionNl: string;
  descriptionEn: string;
  visible: boolean;
}

/** A day in the reader's language and time zone (UTC when theirs is unknown or not valid). */
function formatDate(at: Date, language: Language, timeZone: string | null): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: zone }).format(at);
  try {
    return format(timeZone ?? 'UTC');
  } catch {
    return format('UTC');
  }
}

/** The words next to every opt-in; what the page shows and what the ledger keeps. */
export function consentText(language: Language, list: string): string {
  return language === 'nl'
    ? `Ja, stuur mij de nieuwsbrief “${list}” per e-mail. Ik kan me altijd afmelden, met één klik onderaan elke nieuwsbrief.`
    : `Yes, send me the newsletter “${list}” by e-mail. I can unsubscribe at any time, with one click at the bottom of every issue.`;
}

/**
 * Newsletter lists, subscriptions with double opt-in, and the append-only consent ledger: every
 * opt-in, confirmation and opt-out is a row with who, which list, how, when, from which IP, and the
 * exact words and privacy statement version shown. Only confirmed subscriptions receive issues.
 */
@Injectable()
export class NewslettersService {
  constructor(
    private readonly mail: MailService,
    private readonly tokens: NewsletterTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly usage: UsageCounter,
  ) {}

  async listsFor(ctx: RequestContext, subscriber: Subscriber): Promise<NewsletterListView[]> {
    const db = await ctx.db();
    // SQL: the lists joined with this person's subscription, in the row shape set() and confirm() lock.
    const rows: ListRow[] = await db.query(
      `SELECT l.id, l.name_nl, l.name_en, l.description_nl, l.description_en, l.visible, s.status
         FROM newsletter_list l
         LEFT JOIN newsletter_subscription s ON s.tenant_id = l.tenant_id AND s.list_id = l.id AND s.user_id = $2
        WHERE l.tenant_id = $1 AND (l.visible OR s.status IN ('pending', 'confirmed'))
        ORDER BY l.created_at, l.id`,
      [ctx.tenant.id, subscriber.id],
    );
    const language = this.readerLanguage(ctx, subscriber);
    return rows.map((row) => this.view(row, language));
  }

  /**
   * Turns a list on (pending until the mailed link confirms it) or off, and records the consent step.
   * A list the admin hid takes no new sign-ups, but whoever is on it can always leave.
   */
  async set(
    ctx: RequestContext,
    subscriber: Subscriber,
    listId: string,
    subscribed: boolean,
    method: Method,
  ): Promise<NewsletterListView> {
    const db = await ctx.db();
    // SQL: locks the list row (FOR UPDATE OF l) while reading this person's subscription with it.
    const rows: ListRow[] = await db.query(
      `SELECT l.id, l.name_nl, l.name_en, l.description_nl, l.description_en, l.visible, s.status
         FROM newsletter_list l
         LEFT JOIN newsletter_subscription s ON s.tenant_id = l.tenant_id AND s.list_id = l.id AND s.user_id = $3
        WHERE l.tenant_id = $1 AND l.id = $2
        FOR UPDATE OF l`,
      [ctx.tenant.id, listId, subscriber.id],
    );
    const row = rows[0];
    const active = row?.status === 'pending' || row?.status === 'confirmed';
    // A hidden list takes no new sign-ups (same answer as an unknown id); leaving always works.
    if (!row || (subscribed && !row.visible && !active)) throw problems.notFound('No such newsletter');
    // The words recorded are the ones the page showed (its language); the mail speaks the subscriber's.
    const language = this.readerLanguage(ctx, subscriber);
    const name = language === 'nl' ? row.name_nl : row.name_en;
    if (subscribed && row.status !== 'confirmed') {
      if (!active) {
        await this.setStatus(ctx, listId, subscriber.id, 'pending');
        await this.record(ctx, listId, subscriber, 'opted-in', method, consentText(language, name));
        await this.usage.count(db, ctx.tenant.id, 'newsletters', 'subscribed', subscriber.id);
      }
      const token = this.tokens.sign(ctx, { purpose: 'confirm', userId: subscriber.id, listId });
      const mailLanguage = this.languageOf(ctx, subscriber);
      await this.mail.send(ctx, {
        to: subscriber.email,
        template: 'newsletter-confirm',
        language: mailLanguage,
        params: {
          list: mailLanguage === 'nl' ? row.name_nl : row.name_en,
          link: `${ctx.origin}${PAGES.newsletterConfirm}?token=${token}`,
        },
      });
      return this.view({ ...row, status: 'pending' }, language);
    }
    if (!subscribed && active) {
      await this.setStatus(ctx, listId, subscriber.id, 'unsubscribed');
      await this.record(ctx, listId, subscriber, 'opted-out', method, consentText(language, name));
      await this.usage.count(db, ctx.tenant.id, 'newsletters', 'unsubscribed', subscriber.id);
      return this.view({ ...row, status: 'unsubscribed' }, language);
    }
    return this.view(row, language);
  }

  /** The double opt-in link: only now does the subscription count. */
  async confirm(ctx: RequestContext, token: string): Promise<NewsletterListView> {
    const { userId, listId } = this.tokens.verify(ctx, token, 'confirm');
    const subscriber = await this.subscriber(ctx, userId);
    const db = await ctx.db();
    // SQL: locks the subscription row (FOR UPDATE OF s) while reading its list with it.
    const rows: ListRow[] = await db.query(
      `SELECT l.id, l.name_nl, l.name_en, l.description_nl, l.description_en, l.visible, s.status
         FROM newsletter_subscription s JOIN newsletter_list l ON l.tenant_id = s.tenant_id AND l.id = s.list_id
        WHERE s.tenant_id = $1 AND s.list_id = $2 AND s.user_id = $3 FOR UPDATE OF s`,
      [ctx.tenant.id, listId, userId],
    );
    const row = rows[0];
    const language = this.readerLanguage(ctx, subscriber);
    if (!row || row.status === 'unsubscribed') throw problems.linkInvalid();
    if (row.status === 'pending') {
      await this.setStatus(ctx, row.id, userId, 'confirmed');
      await this.record(
        ctx,
        row.id,
        subscriber,
        'confirmed',
        'mail-link',
        consentText(language, language === 'nl' ? row.name_nl : row.name_en),
      );
      await this.usage.count(db, ctx.tenant.id, 'newsletters', 'confirmed', userId);
    }
    return this.view({ ...row, status: 'confirmed' }, language);
  }

  /**
   * What an unsubscribe link is for: the list (hidden or not) and its state for that person. Only
   * reads: a GET (a mail scanner's prefetch included) never unsubscribes.
   */
  async unsubscribeView(ctx: RequestContext, token: string | undefined): Promise<NewsletterUnsubscribeView> {
    const { userId, listId } = this.tokens.verify(ctx, token, 'unsubscribe');
    const subscriber = await this.subscriber(ctx, userId);
    const db = await ctx.db();
    // SQL: the same list-with-subscription row as set(), without its lock (a GET never writes).
    const rows: ListRow[] = await db.query(
      `SELECT l.id, l.name_nl, l.name_en, l.description_nl, l.description_en, l.visible, s.status
         FROM newsletter_list l
         LEFT JOIN newsletter_subscription s ON s.tenant_id = l.tenant_id AND s.list_id = l.id AND s.user_id = $3
        WHERE l.tenant_id = $1 AND l.id = $2`,
      [ctx.tenant.id, listId, userId],
    );
    if (!rows[0]) throw problems.linkInvalid();
    const language = this.languageOf(ctx, subscriber);
    return { email: subscriber.email, language, list: this.view(rows[0], language) };
  }

  /** The one click (RFC 8058 header POST, or the button of the page the visible link opens). */
  async unsubscribe(ctx: RequestContext, token: string | undefined): Promise<NewsletterListView> {
    const { userId, listId } = this.tokens.verify(ctx, token, 'unsubscribe');
    if (!listId) throw problems.linkInvalid();
    return this.set(ctx, await this.subscriber(ctx, userId), listId, false, 'one-click');
  }

  /** Who a signed link belongs to; a link of a removed person no longer works. */
  async subscriber(ctx: RequestContext, userId: string): Promise<Subscriber> {
    const db = await ctx.db();
    const user = await db.findOne(User, {
      select: { id: true, email: true, preferredLanguage: true },
      where: { tenantId: ctx.tenant.id, id: userId, kind: 'subscriber' },
    });
    if (!user) throw problems.linkInvalid();
    return { id: user.id, email: user.email, preferredLanguage: user.preferredLanguage };
  }

  // --- tenant admin -------------------------------------------------------------------------

  async adminLists(ctx: RequestContext): Promise<NewsletterListAdmin[]> {
    const db = await ctx.db();
    // SQL: each list with its count of confirmed subscribers, in one statement.
    const rows: (Omit<ListRow, 'status'> & { confirmed: number })[] = await db.query(
      `SELECT l.*, (SELECT count(*)::int FROM newsletter_subscription s
                     WHERE s.tenant_id = l.tenant_id AND s.list_id = l.id AND s.status = 'confirmed') AS confirmed
         FROM newsletter_list l WHERE l.tenant_id = $1 ORDER BY l.created_at, l.id`,
      [ctx.tenant.id],
    );
    return rows.map((r) => ({
      id: r.id,
      nameNl: r.name_nl,
      nameEn: r.name_en,
      descriptionNl: r.description_nl,
      descriptionEn: r.description_en,
      visible: r.visible,
      confirmedSubscribers: r.confirmed,
    }));
  }

  async saveList(ctx: RequestContext, id: string | null, input: ListInput): Promise<string> {
    const db = await ctx.db();
    const fields = {
      nameNl: input.nameNl.trim(),
      nameEn: input.nameEn.trim(),
      descriptionNl: input.descriptionNl.trim(),
      descriptionEn: input.descriptionEn.trim(),
      visible: input.visible,
    };
    if (!id) {
      const created = await db.insert(NewsletterList, { tenantId: ctx.tenant.id, ...fields });
      return (created.identifiers[0] as Pick<NewsletterList, 'id'>).id;
    }
    const saved = await db.update(
      NewsletterList,
      { tenantId: ctx.tenant.id, id },
      { ...fields, version: () => 'version + 1' },
    );
    if (!saved.affected) throw problems.notFound('No such newsletter');
    return id;
  }

  /**
   * Queues an issue to every confirmed subscriber, spread over time at the configured rate, each
   * mail with its own manage link and one-click unsubscribe headers (RFC 8058), and saying why that
   * person gets it: which list, how and when they signed up (from the consent ledger). A hidden
   * list still reaches its subscribers: hiding only closes it to new sign-ups.
   */
  async sendIssue(ctx: RequestContext, listId: string, issue: Issue): Promise<number> {
    const db = await ctx.db();
    const list = await this.findList(ctx, listId);
    // SQL: every confirmed subscriber with their latest opt-in and confirmation from the ledger (lateral joins).
    const recipients: {
      id: string;
      email: string;
      preferred_language: Language | null;
      time_zone: string | null;
      method: OptInMethod | null;
      confirmed_at: Date | null;
    }[] = await db.query(
      `SELECT u.id, u.email, u.preferred_language, u.time_zone, o.method, c.at AS confirmed_at
         FROM newsletter_subscription s
         JOIN app_user u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
         LEFT JOIN LATERAL (SELECT r.at FROM consent_record r WHERE r.tenant_id = s.tenant_id AND r.list_id = s.list_id
                              AND r.user_id = s.user_id AND r.action = 'confirmed' ORDER BY r.at DESC, r.id DESC LIMIT 1) c ON true
         LEFT JOIN LATERAL (SELECT r.method FROM consent_record r WHERE r.tenant_id = s.tenant_id AND r.list_id = s.list_id
                              AND r.user_id = s.user_id AND r.action = 'opted-in' AND r.at <= coalesce(c.at, 'infinity')
                            ORDER BY r.at DESC, r.id DESC LIMIT 1) o ON true
        WHERE ${RECIPIENTS}
        ORDER BY u.id`,
      [ctx.tenant.id, listId],
    );
    const start = Date.now();
    for (const [i, r] of recipients.entries()) {
      await this.mailIssue(ctx, listId, list, issue, {
        id: r.id,
        email: r.email,
        language: r.preferred_language ?? ctx.tenant.defaultLanguage,
        timeZone: r.time_zone,
        method: r.method ?? 'portal',
        confirmedAt: r.confirmed_at,
        startAfter: new Date(start + Math.floor(i / this.config.newsletters.ratePerMinute) * 60_000),
      });
    }
    await db.insert(NewsletterIssue, {
      tenantId: ctx.tenant.id,
      listId,
      subject: issue.subject,
      body: issue.body,
      sentBy: ctx.requireUser().id,
      recipients: recipients.length,
    });
    return recipients.length;
  }

  /** How many people `sendIssue` would mail now: the count the admin confirms before sending. */
  async recipientCount(ctx: RequestContext, listId: string): Promise<number> {
    const db = await ctx.db();
    await this.findList(ctx, listId);
    // SQL: the same selection as sendIssue (RECIPIENTS), counted.
    const [row] = await db.query(
      `SELECT count(*)::int AS n FROM newsletter_subscription s
         JOIN app_user u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
        WHERE ${RECIPIENTS}`,
      [ctx.tenant.id, listId],
    );
    return (row as { n: number }).n;
  }

  /**
   * The issue as its mail will look in each language of the list (the portal's languages, each with
   * the list's name in it), for a reader who signed up in the portal today; nothing is queued.
   */
  async previewIssue(ctx: RequestContext, listId: string, issue: Issue): Promise<NewsletterIssuePreview[]> {
    const list = await this.findList(ctx, listId);
    const links = {
      manage: `${ctx.origin}${PAGES.newsletterManage}`,
      unsubscribe: `${ctx.origin}${PAGES.newsletterUnsubscribe}`,
    };
    return LANGUAGES.map((language) => {
      const reader = { ...links, method: 'portal' as const, confirmedOn: formatDate(new Date(), language, null) };
      return {
        language,
        ...this.mail.render(ctx, 'newsletter-issue', this.issueParams(list, issue, language, reader), language),
      };
    });
  }

  /**
   * Mails the issue to the signed-in admin only, over the real mail queue, in their language, with
   * working links of their own; it is no issue of the list (nothing is recorded, nobody else gets it).
   */
  async sendTestIssue(ctx: RequestContext, listId: string, issue: Issue): Promise<{ to: string }> {
    const list = await this.findList(ctx, listId);
    const user = ctx.requireUser();
    await this.mailIssue(ctx, listId, list, issue, {
      id: user.id,
      email: user.email,
      language: user.preferredLanguage ?? ctx.tenant.defaultLanguage,
      timeZone: null,
      method: 'portal',
      confirmedAt: null,
    });
    return { to: user.email };
  }

  private async findList(ctx: RequestContext, listId: string): Promise<Pick<NewsletterList, 'nameNl' | 'nameEn'>> {
    const db = await ctx.db();
    const list = await db.findOne(NewsletterList, {
      select: { nameNl: true, nameEn: true },
      where: { tenantId: ctx.tenant.id, id: listId },
    });
    if (!list) throw problems.notFound('No such newsletter');
    return list;
  }

  /** Queues one reader's copy of an issue, with their own manage link and one-click unsubscribe headers (RFC 8058). */
  private async mailIssue(
    ctx: RequestContext,
    listId: string,
    list: Pick<NewsletterList, 'nameNl' | 'nameEn'>,
    issue: Issue,
    r: IssueReader,
  ): Promise<void> {
    const token = this.tokens.sign(ctx, { purpose: 'unsubscribe', userId: r.id, listId });
    // The header is for mail programs (RFC 8058 POST); the visible link opens a page with one button.
    const oneClick = `${ctx.origin}/api/${ROUTES.newsletters}/unsubscribe?token=${token}`;
    const unsubscribe = `${ctx.origin}${PAGES.newsletterUnsubscribe}?token=${token}`;
    const manage = `${ctx.origin}${PAGES.newsletterManage}?token=${this.tokens.sign(ctx, { purpose: 'manage', userId: r.id, listId: null })}`;
    await this.mail.send(ctx, {
      to: r.email,
      template: 'newsletter-issue',
      language: r.language,
      params: this.issueParams(list, issue, r.language, {
        manage,
        unsubscribe,
        method: r.method,
        confirmedOn: r.confirmedAt ? formatDate(r.confirmedAt, r.language, r.timeZone) : null,
      }),
      headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      startAfter: r.startAfter,
    });
  }

  private issueParams(
    list: Pick<NewsletterList, 'nameNl' | 'nameEn'>,
    issue: Issue,
    language: Language,
    reader: { manage: string; unsubscribe: string; method: OptInMethod; confirmedOn: string | null },
  ): MailTemplates['newsletter-issue'] {
    return {
      subject: issue.subject,
      body: issue.body,
      manageLink: reader.manage,
      unsubscribeLink: reader.unsubscribe,
      list: language === 'nl' ? list.nameNl : list.nameEn,
      subscribedVia: reader.method,
      subscribedOn: reader.confirmedOn,
    };
  }

  /**
   * Confirmed subscribers with the proof of their consent, as CSV; 404 for a list this tenant does
   * not have. With a language (the admin's page asks in its own), column names and sign-up ways are
   * words of it; without, code names for integrations.
   */
  async exportCsv(ctx: RequestContext, listId: string, language: Language | null): Promise<string> {
    const db = await ctx.db();
    if (!(await db.existsBy(NewsletterList, { tenantId: ctx.tenant.id, id: listId })))
      throw problems.notFound('No such newsletter');
    // SQL: bulk export, each subscriber with the ledger rows that prove their consent (lateral joins).
    const rows: Record<string, string | Date | null>[] = await db.query(
      `SELECT u.email, u.display_name, o.at AS opted_in_at, host(o.ip) AS opted_in_ip, c.at AS confirmed_at,
              host(c.ip) AS confirmed_ip, o.method, o.privacy_version, o.wording
         FROM newsletter_subscription s
         JOIN app_user u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
         JOIN LATERAL (SELECT * FROM consent_record r WHERE r.tenant_id = s.tenant_id AND r.list_id = s.list_id
                         AND r.user_id = s.user_id AND r.action = 'confirmed' ORDER BY r.at DESC, r.id DESC LIMIT 1) c ON true
         JOIN LATERAL (SELECT * FROM consent_record r WHERE r.tenant_id = s.tenant_id AND r.list_id = s.list_id
                         AND r.user_id = s.user_id AND r.action = 'opted-in' AND r.at <= c.at ORDER BY r.at DESC, r.id DESC LIMIT 1) o ON true
        WHERE s.tenant_id = $1 AND s.list_id = $2 AND s.status = 'confirmed'
        ORDER BY u.email`,
      [ctx.tenant.id, listId],
    );
    const iso = (v: string | Date | null) => (v instanceof Date ? v.toISOString() : v);
    return stringify(
      rows.map((r) =>
        SUBSCRIBERS_CSV_COLUMNS.map((column) =>
          column === 'method' ? subscribersCsvMethod(language, r[column] as string | null) : iso(r[column]),
        ),
      ),
      {
        header: true,
        columns: subscribersCsvColumns(language),
        // A name such as `=HYPERLINK(…)` stays text in a spreadsheet (OWASP CSV injection).
        escape_formulas: true,
      },
    );
  }

  private async setStatus(
    ctx: RequestContext,
    listId: string,
    userId: string,
    status: Exclude<Status, 'none'>,
  ): Promise<void> {
    const db = await ctx.db();
    // SQL: an ON CONFLICT upsert that also stamps updated_at.
    await db.query(
      `INSERT INTO newsletter_subscription (tenant_id, list_id, user_id, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, list_id, user_id) DO UPDATE SET status = $4, updated_at = now()`,
      [ctx.tenant.id, listId, userId, status],
    );
  }

  private async record(
    ctx: RequestContext,
    listId: string,
    s: Subscriber,
    action: string,
    method: Method,
    wording: string,
  ): Promise<void> {
    const db = await ctx.db();
    // The statement version in force when the consent was given: the tenant's last published one
    // (issue 18 §6); PRIVACY_STATEMENT_VERSION only for a tenant that has published none yet.
    await db.insert(ConsentRecord, {
      tenantId: ctx.tenant.id,
      listId,
      userId: s.id,
      email: s.email,
      action,
      method,
      ip: ctx.ip,
      wording,
      privacyVersion: (await publishedStatementVersion(db, ctx.tenant.id)) ?? this.config.newsletters.privacyVersion,
    });
  }

  /** The subscriber's own language (their choice, else the tenant's): mails and the unsubscribe page speak it. */
  private languageOf(ctx: RequestContext, s: Subscriber): Language {
    return s.preferredLanguage ?? ctx.tenant.defaultLanguage;
  }

  /** The language of the page the answer is read on (names, descriptions, consent words), else the subscriber's own. */
  private readerLanguage(ctx: RequestContext, s: Subscriber): Language {
    return ctx.readsIn ?? this.languageOf(ctx, s);
  }

  private view(row: ListRow, language: Language): NewsletterListView {
    const name = language === 'nl' ? row.name_nl : row.name_en;
    return {
      id: row.id,
      name,
      description: language === 'nl' ? row.description_nl : row.description_en,
      status: row.status ?? 'none',
      consentText: consentText(language, name),
      offered: row.visible,
    };
  }
}
