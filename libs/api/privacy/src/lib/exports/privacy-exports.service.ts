import { UsageCounter } from '@mijn-account/api-statistics';
import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditReaderService, AuditSigner } from '@mijn-account/api-audit';
import { DEFAULT_TENANT_TIME_ZONE, type RequestContext, problems } from '@mijn-account/api-core';
import { PRIVACY_EXPORT_PURGE_QUEUE, PRIVACY_EXPORT_QUEUE, withTenant } from '@mijn-account/api-database';
import { MailService } from '@mijn-account/api-mail';
import {
  type Language,
  PRIVACY_EXPORTS_ROUTE,
  PRIVACY_EXPORT_TTL_DAYS,
  type PrivacyExportView,
} from '@mijn-account/shared-contracts';
import { PrivacyQueue } from '../privacy.queue';
import { PrivacyRequests } from '../requests/privacy-requests.service';
import { type FileSource, chunkSink, writeArchive } from './export-archive';
import { type ExportSubject, indexHtml, readSections } from './export-contents';
import { ExportLinks } from './export-links';
import { EXPORT_SCHEMA_MD } from './export-schema';
import { PrivacyExport } from './privacy-export.entity';

interface ExportJob {
  tenantId: string;
  exportId: string;
  /** `http(s)://host` the person asked from: the base of the link in the mail. */
  origin: string;
}

/** Size of the stored pieces of a ZIP (rows of `privacy_export_chunk`). */
export const EXPORT_CHUNK_BYTES = 1024 * 1024;
/**
 * A download reads each chunk in pieces of this size, as base64: node-postgres reads bytea as hex
 * text, and the text of a whole chunk (2 MiB as hex) would be a string in V8's large-object space,
 * which only a full collection frees; a piece's (64 KiB of base64) dies young.
 */
export const EXPORT_DOWNLOAD_PIECE_BYTES = 48 * 1024;
export const EXPORT_FORMAT = 'mijn-account-export/v1';
/**
 * Access-log events read (and held) at a time while the export streams them into the ZIP. Small, so
 * that a page is done with before V8's young generation is collected twice: a page of 1,000 lived
 * long enough to be promoted, and five exports in a row left the worker at 208–276 MB (100: 160–180 MB).
 */
export const EXPORT_EVENT_PAGE = 100;

/**
 * Access and portability (issue 18 §2): a person asks for an export of everything held about
 * them; a job builds it as a ZIP streamed into PostgreSQL (so any process serves it), closes the
 * privacy request and mails a link that works for three days and only for that person.
 */
@Injectable()
export class PrivacyExportsService {
  private readonly logger = new Logger(PrivacyExportsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: PrivacyQueue,
    private readonly requests: PrivacyRequests,
    private readonly links: ExportLinks,
    private readonly auditReader: AuditReaderService,
    private readonly signer: AuditSigner,
    private readonly mail: MailService,
    private readonly usage: UsageCounter,
  ) {
    queue.handle<ExportJob>(PRIVACY_EXPORT_QUEUE, (job) => this.build(job));
    queue.handle(PRIVACY_EXPORT_PURGE_QUEUE, () => this.purgeExpired(), '17 * * * *');
  }

  /**
   * Opens the access request and queues its job in one transaction. A second export while one is
   * being made meets the partial unique index and is refused (409); the request rolls back with it.
   */
  async request(ctx: RequestContext): Promise<PrivacyExportView> {
    const user = ctx.requireUser();
    const db = await ctx.db();
    const request = await this.requests.open(db, {
      tenantId: ctx.tenant.id,
      type: 'access',
      channel: 'portal',
      userId: user.id,
      accountId: user.accountId,
      details: 'Export of my data (access and portability)',
    });
    const language = ctx.readerLanguage();
    // SQL: the partial unique index (one pending export per person) decides; no row back means one runs.
    const inserted: { id: string }[] = await db.query(
      `INSERT INTO privacy_export (tenant_id, user_id, request_id, language) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, user_id) WHERE status = 'pending' DO NOTHING RETURNING id`,
      [ctx.tenant.id, user.id, request.id, language],
    );
    if (inserted.length === 0)
      throw problems.conflict('An export of your data is already being made; you get a mail when it is ready', [
        { field: 'export', code: 'exportRunning', message: 'An export is already being made' },
      ]);
    await this.usage.count(db, ctx.tenant.id, 'export', 'requested', user.id);
    await this.queue.enqueue(db, PRIVACY_EXPORT_QUEUE, {
      tenantId: ctx.tenant.id,
      exportId: inserted[0].id,
      origin: ctx.origin,
    } satisfies ExportJob);
    const created = await db.findOneByOrFail(PrivacyExport, { tenantId: ctx.tenant.id, id: inserted[0].id });
    // Committed here rather than by the interceptor, so that a worker in this process can start on
    // it at once instead of at its next poll (up to privacy.pollSeconds later).
    await ctx.commit();
    this.queue.wake(PRIVACY_EXPORT_QUEUE);
    return this.view(ctx, created);
  }

  /** The caller's exports, newest first, each ready one with a download link for them alone. */
  async list(ctx: RequestContext): Promise<PrivacyExportView[]> {
    const user = ctx.requireUser();
    const rows = await (
      await ctx.db()
    ).find(PrivacyExport, {
      where: { tenantId: ctx.tenant.id, userId: user.id },
      order: { createdAt: 'DESC' },
      take: 20,
    });
    return rows.map((row) => this.view(ctx, row));
  }

  /**
   * The ZIP of a ready export, for the signed-in user the link was made for: checked in the
   * request's transaction, then streamed piece by piece, each piece read in a short transaction
   * of the tenant (the response outlives the request's unit of work).
   */
  async download(
    ctx: RequestContext,
    exportId: string,
    token: string | undefined,
  ): Promise<{ file: Readable; row: PrivacyExport }> {
    const user = ctx.requireUser();
    const row = await (await ctx.db()).findOneBy(PrivacyExport, { tenantId: ctx.tenant.id, id: exportId });
    if (!row) throw problems.notFound();
    this.links.verify(token, ctx.tenant.id, user.id, exportId);
    if (row.userId !== user.id) throw problems.notFound();
    if (row.status === 'expired' || (row.expiresAt && row.expiresAt.getTime() <= Date.now()))
      throw problems.linkExpired();
    if (row.status !== 'ready') throw problems.notFound('This export is not ready');
    await this.usage.count(await ctx.db(), ctx.tenant.id, 'export', 'downloaded', user.id);
    const tenantId = ctx.tenant.id;
    const dataSource = this.dataSource;
    const file = Readable.from(
      (async function* () {
        for (let chunkNo = 1; ; chunkNo++) {
          const rows: { piece: string }[] = await withTenant(dataSource, tenantId, (db) =>
            db.query(
              `SELECT encode(substring(c.data FROM n FOR $4), 'base64') AS piece
                 FROM privacy_export_chunk c CROSS JOIN LATERAL generate_series(1, octet_length(c.data), $4::int) AS n
                WHERE c.tenant_id = $1 AND c.export_id = $2 AND c.chunk_no = $3
                ORDER BY n`,
              [tenantId, exportId, chunkNo, EXPORT_DOWNLOAD_PIECE_BYTES],
            ),
          );
          if (rows.length === 0) return;
          // Decoded at once: the text dies young, only the bytes wait for the response to take them.
          const pieces = rows.map(({ piece }) => Buffer.from(piece, 'base64'));
          rows.length = 0;
          yield* pieces;
        }
      })(),
    );
    return { file, row };
  }

  /**
   * The job: reads everything about the person in one tenant transaction, streams the ZIP into
   * chunks, marks it ready for three days, closes the request and queues the mail — all committed
   * together. If it throws, the export is marked failed (the person may ask again) and the request
   * stays open for the privacy contact to follow up; a crashed worker's job is retried by pg-boss.
   */
  async build(job: ExportJob): Promise<void> {
    try {
      await withTenant(this.dataSource, job.tenantId, (db) => this.buildIn(db, job));
    } catch (error) {
      this.logger.error({ err: error, export: job.exportId }, 'privacy export failed');
      await withTenant(this.dataSource, job.tenantId, (db) =>
        db.update(PrivacyExport, { tenantId: job.tenantId, id: job.exportId, status: 'pending' }, { status: 'failed' }),
      );
    }
  }

  private async buildIn(db: EntityManager, job: ExportJob): Promise<void> {
    const { tenantId, exportId } = job;
    const found: (Pick<PrivacyExport, 'userId' | 'requestId' | 'language'> & {
      email: string;
      account_id: string | null;
      account_role: 'owner' | 'member' | null;
      preferred_language: Language | null;
      sees_invoices: boolean;
      display_name: string;
      brand_color: string;
      default_language: Language;
      time_zone: string;
    })[] = await db.query(
      `SELECT e.user_id AS "userId", e.request_id AS "requestId", e.language, u.email, u.account_id, u.account_role, u.preferred_language,
              (u.account_role = 'owner' OR COALESCE(a.members_see_invoices, false)) AS sees_invoices,
              t.display_name, t.brand_color, t.default_language,
              COALESCE(u.time_zone, (SELECT s.time_zone FROM invoicing_settings s WHERE s.tenant_id = e.tenant_id), $3) AS time_zone
         FROM privacy_export e
         JOIN app_user u ON u.tenant_id = e.tenant_id AND u.id = e.user_id
         LEFT JOIN subscriber_account a ON a.tenant_id = u.tenant_id AND a.id = u.account_id
         JOIN tenant t ON t.id = e.tenant_id
        WHERE e.tenant_id = $1 AND e.id = $2 AND e.status = 'pending'
          FOR UPDATE OF e`,
      [tenantId, exportId, DEFAULT_TENANT_TIME_ZONE],
    );
    const row = found[0];
    if (!row) return;
    const subject: ExportSubject = {
      tenantId,
      userId: row.userId,
      email: row.email,
      accountId: row.account_id,
      accountRole: row.account_role,
      seesInvoices: row.account_id !== null && row.sees_invoices,
    };
    const madeAt = new Date();
    // The tenant's day, as the privacy page reads it: a held disclosure appears on the same day in both.
    const sections = await readSections(db, subject, await this.requests.today(db, tenantId));
    const invoices = (sections['invoices'] as { id: string }[]).map((i) => i.id);
    const checkpoints = subject.accountId ? await this.auditReader.checkpoints(db, tenantId, subject.accountId) : [];
    const chainStart = subject.accountId ? await this.auditReader.chainStart(db, tenantId, subject.accountId) : 0;
    const signer = this.signer;
    const auditReader = this.auditReader;
    // Counted while the access log streams by; index.html, which says how many, comes after it.
    let accessLogEvents = 0;

    // Nothing below holds a whole file: data.json goes out a section at a time, the access log a
    // page of events at a time (a cursor, EXPORT_EVENT_PAGE), each invoice file when its turn comes.
    const files: { path: string; source: FileSource; compress?: boolean }[] = [
      {
        path: 'data.json',
        source: async function* () {
          const head = { format: EXPORT_FORMAT, madeAt: madeAt.toISOString(), tenant: row.display_name };
          yield JSON.stringify(head, null, 2).slice(0, -2);
          for (const [key, value] of Object.entries(sections))
            yield `,\n  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`;
          yield '\n}';
        },
      },
      { path: 'schema.md', source: EXPORT_SCHEMA_MD },
      {
        path: 'access-log/access-log.json',
        source: async function* () {
          yield `{\n"format": "mijn-account-access-log/v1",\n"tenantId": ${JSON.stringify(tenantId)},\n"accountId": ${JSON.stringify(subject.accountId)},\n`;
          yield `"hashing": "sha256(prevHash || utf8(JSON.stringify([tenantId, accountId, seq, id, at, actorId, actorName, actorKind, action, resource, fields, outcome, grantId, reason, ticket, ip])))",\n`;
          // After a retention purge the chain starts at the signed checkpoint `startsAt` (its hash is the first prevHash).
          yield `"keyId": ${JSON.stringify(signer.keyId)},\n"startsAt": ${chainStart},\n"events": [`;
          if (subject.accountId)
            for await (const page of auditReader.eventPages(db, tenantId, subject.accountId, EXPORT_EVENT_PAGE)) {
              // Events come as published (hashes in hex): each is serialised once, into the page's text.
              let text = '';
              for (const event of page) text += `${accessLogEvents++ === 0 ? '' : ','}\n${JSON.stringify(event)}`;
              yield text;
            }
          yield `],\n"checkpoints": ${JSON.stringify(
            checkpoints.map((c) => ({
              seq: Number(c.seq),
              hash: c.hash.toString('hex'),
              keyId: c.key_id,
              signature: c.signature.toString('base64'),
              signedAt: c.signed_at.toISOString(),
              message: `mijn-account-audit-checkpoint:v1:${tenantId}:${subject.accountId}:${c.seq}:${c.hash.toString('hex')}`,
            })),
          )}\n}\n`;
        },
      },
      { path: 'access-log/public-key.pem', source: this.signer.publicKeyPem },
      {
        path: 'index.html',
        source: () => indexHtml(row.language, row.display_name, madeAt, sections, accessLogEvents),
      },
    ];
    // Each invoice file is read from the database only when the ZIP reaches it: one at a time in memory.
    const stored: { invoice_id: string; format: string; file_name: string }[] = invoices.length
      ? await db.query(
          `SELECT invoice_id, format, file_name FROM invoice_file WHERE tenant_id = $1 AND invoice_id = ANY($2::uuid[]) ORDER BY file_name, format`,
          [tenantId, invoices],
        )
      : [];
    for (const f of stored)
      files.push({
        path: `invoices/${f.file_name.replace(/[^\w.-]/g, '_')}`,
        // A PDF is compressed inside already: deflating it again costs time and saves nothing.
        compress: f.format !== 'pdf',
        source: async function* () {
          // As base64 text, a third larger than the bytes: node-postgres reads a bytea column as hex
          // text, twice their size, and only then makes its Buffer (PostgreSQL breaks base64 into
          // lines of 76; Node's decoder skips the line ends).
          const content: { content: string }[] = await db.query(
            `SELECT encode(content, 'base64') AS content FROM invoice_file WHERE tenant_id = $1 AND invoice_id = $2 AND format = $3`,
            [tenantId, f.invoice_id, f.format],
          );
          yield Buffer.from(content[0].content, 'base64');
        },
      });

    const archive = await writeArchive(
      files,
      chunkSink(EXPORT_CHUNK_BYTES, async (chunkNo, data) => {
        await db.query(
          `INSERT INTO privacy_export_chunk (tenant_id, export_id, chunk_no, data) VALUES ($1, $2, $3, $4)`,
          [tenantId, exportId, chunkNo, data],
        );
      }),
      { format: EXPORT_FORMAT, madeAt: madeAt.toISOString(), algorithm: 'SHA-256' },
    );
    // SQL: TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [ready]: [{ expires_at: Date }[], number] = await db.query(
      `UPDATE privacy_export SET status = 'ready', ready_at = now(), expires_at = now() + make_interval(days => $3),
              size_bytes = $4, sha256 = $5
        WHERE tenant_id = $1 AND id = $2 RETURNING expires_at`,
      [tenantId, exportId, PRIVACY_EXPORT_TTL_DAYS, archive.sizeBytes, archive.sha256],
    );
    const expiresAt = ready[0].expires_at;
    await this.requests.close(
      db,
      tenantId,
      row.requestId,
      'done',
      `Export ready (${archive.files.length + 1} files, ${archive.sizeBytes} bytes, SHA-256 ${archive.sha256}); downloadable until ${expiresAt.toISOString()}`,
    );
    const language = row.preferred_language ?? row.language;
    const token = this.links.sign(tenantId, row.userId, exportId, expiresAt);
    await this.mail.queueFor(
      {
        id: tenantId,
        displayName: row.display_name,
        brandColor: row.brand_color,
        defaultLanguage: row.default_language,
      },
      {
        to: row.email,
        template: 'privacy-export-ready',
        language,
        params: {
          link: `${job.origin}/privacy/export?download=${exportId}&token=${encodeURIComponent(token)}`,
          expiresOn: momentIn(expiresAt, language, row.time_zone),
        },
      },
      db,
    );
  }

  /** The scheduled purge: every tenant's exports past their expiry lose their ZIP and show as expired. */
  async purgeExpired(): Promise<number> {
    const tenants: { id: string }[] = await this.dataSource.query(`SELECT id FROM tenant`);
    let purged = 0;
    for (const tenant of tenants)
      purged += await withTenant(this.dataSource, tenant.id, async (db) => {
        const [expired]: [{ id: string }[], number] = await db.query(
          `UPDATE privacy_export SET status = 'expired' WHERE tenant_id = $1 AND status = 'ready' AND expires_at <= now() RETURNING id`,
          [tenant.id],
        );
        if (expired.length)
          await db.query(`DELETE FROM privacy_export_chunk WHERE tenant_id = $1 AND export_id = ANY($2::uuid[])`, [
            tenant.id,
            expired.map((e) => e.id),
          ]);
        return expired.length;
      });
    return purged;
  }

  private view(ctx: RequestContext, row: PrivacyExport): PrivacyExportView {
    const live = row.status === 'ready' && row.expiresAt !== null && row.expiresAt.getTime() > Date.now();
    return {
      id: row.id,
      status: row.status === 'ready' && !live ? 'expired' : row.status,
      requestedAt: row.createdAt.toISOString(),
      readyAt: row.readyAt?.toISOString() ?? null,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
      sha256: row.sha256,
      downloadUrl:
        live && row.expiresAt
          ? `/api/${PRIVACY_EXPORTS_ROUTE}/${row.id}/download?token=${encodeURIComponent(
              this.links.sign(ctx.tenant.id, row.userId, row.id, row.expiresAt),
            )}`
          : null,
    };
  }
}

/**
 * A moment as its reader reads it: in their own time zone (their profile's, else the tenant's),
 * with the zone's name ("3 december 2026 om 15:21 CET"), the moment the export page shows too.
 */
export function momentIn(moment: Date, language: Language, timeZone: string): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone: zone,
    }).format(moment);
  try {
    return format(timeZone);
  } catch {
    return format('UTC'); // a zone this Node does not know
  }
}
