import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { AccountAccess, Ctx, Public, PublicCache, RequestContext, problems } from '@mijn-account/api-core';
import { FINANCE_READ_REASON, ROUTES } from '@mijn-account/shared-contracts';
import { AccessLogService } from './access-log.service';
import { accessLogCsvColumns, accessLogCsvWord } from './access-log-csv';
import { type PublishedEvent, type VerificationResult, published } from './audit-reader.service';
import { AuditSigner } from './audit-signer';

/** A subscriber's view of who accessed their account, with the chain's verification; and the public key. */
@ApiTags('access log')
@Controller()
export class AccessLogController {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly signer: AuditSigner,
  ) {}

  @AccountAccess('owner', 'member')
  @Get(ROUTES.accessLog)
  async list(@Ctx() ctx: RequestContext): Promise<{ events: PublishedEvent[]; verification: VerificationResult }> {
    const accountId = ctx.requireUser().accountId;
    if (!accountId) throw problems.forbidden();
    const { events, verification } = await this.accessLog.withVerification(ctx, accountId);
    return { events: events.map(published).reverse(), verification };
  }

  /** Everything an auditor needs to check the chain outside the portal: events, signed checkpoints, the public key. */
  @AccountAccess('owner', 'member')
  @Get(`${ROUTES.accessLog}/export.json`)
  async export(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const accountId = ctx.requireUser().accountId;
    if (!accountId) throw problems.forbidden();
    const { checkpoints, events } = await this.accessLog.forExport(ctx, accountId);
    reply.header('content-disposition', 'attachment; filename="access-log.json"');
    return {
      format: 'mijn-account-access-log/v1',
      unchained:
        'events with seq, prevHash and hash null are written but not chained yet (within seconds); export again to check them',
      hashing:
        'sha256(prevHash || utf8(JSON.stringify([tenantId, accountId, seq, id, at, actorId, actorName, actorKind, action, resource, fields, outcome, grantId, reason, ticket, ip])))',
      publicKeyPem: this.signer.publicKeyPem,
      events: events.map(published),
      checkpoints: checkpoints.map((c) => ({
        seq: Number(c.seq),
        hash: c.hash.toString('hex'),
        keyId: c.key_id,
        signature: c.signature.toString('base64'),
        signedAt: c.signed_at.toISOString(),
        message: `mijn-account-audit-checkpoint:v1:${ctx.tenant.id}:${accountId}:${c.seq}:${c.hash.toString('hex')}`,
      })),
    };
  }

  /** The account's log as CSV, for a spreadsheet. */
  @AccountAccess('owner', 'member')
  @Get(`${ROUTES.accessLog}/export.csv`)
  async exportCsv(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const accountId = ctx.requireUser().accountId;
    if (!accountId) throw problems.forbidden();
    const events = await this.accessLog.events(ctx, accountId);
    const language = ctx.requireUser().preferredLanguage ?? ctx.tenant.defaultLanguage;
    const word = (code: string | null) => accessLogCsvWord(language, code);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="access-log.csv"');
    return stringify(
      events.map((e) => [
        e.seq,
        e.at,
        e.actorName,
        word(e.actorKind),
        word(e.action),
        word(e.resource),
        e.fields.join(' '),
        word(e.outcome),
        // Finance's reads carry a reason code of their own, written in words; a grant's reason as it is.
        e.reason === FINANCE_READ_REASON ? word(e.reason) : (e.reason ?? ''),
        e.ticket ?? '',
        e.ip ?? '',
        e.hash?.toString('hex') ?? '',
      ]),
      {
        header: true,
        // A staff name or ticket such as `=HYPERLINK(…)` stays text in a spreadsheet (OWASP CSV injection).
        escape_formulas: true,
        columns: accessLogCsvColumns(language),
      },
    );
  }

  /** The key that signs checkpoints, for anyone to check them. */
  @Public()
  @PublicCache(300)
  @Get(`${ROUTES.accessLog.replace('account/', '')}/public-key`)
  publicKey(): { keyId: string; algorithm: 'Ed25519'; publicKeyPem: string } {
    return { keyId: this.signer.keyId, algorithm: 'Ed25519', publicKeyPem: this.signer.publicKeyPem };
  }
}
