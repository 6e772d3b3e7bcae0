import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, RequestContext, StaffAccess, UuidOrNotFoundPipe, UuidPipe } from '@mijn-account/api-core';
import {
  FINANCE_INVOICE_ROUTES,
  type FinanceInvoiceDetail,
  type FinanceInvoicePage,
} from '@mijn-account/shared-contracts';
import { IdempotencyService } from '../runs/idempotency.service';
import { CreditNoteDto } from './credit-note.dto';
import { CreditNotesService } from './credit-notes.service';
import { FinanceInvoicesService, type StoredFile } from './finance-invoices.service';
import { InvoiceListQueryDto } from './invoice-list-query.dto';

/** Finance's tenant-wide invoices and credit notes: list, one in full, its stored files, credit notes. */
@ApiTags('finance')
@Controller(FINANCE_INVOICE_ROUTES.invoices)
export class FinanceInvoicesController {
  constructor(
    private readonly invoices: FinanceInvoicesService,
    private readonly creditNotes: CreditNotesService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @StaffAccess('finance')
  @Get()
  list(@Ctx() ctx: RequestContext, @Query() query: InvoiceListQueryDto): Promise<FinanceInvoicePage> {
    return this.invoices.list(ctx, query);
  }

  @StaffAccess('finance')
  @Get(':invoiceId')
  detail(
    @Ctx() ctx: RequestContext,
    @Param('invoiceId', UuidOrNotFoundPipe) invoiceId: string,
  ): Promise<FinanceInvoiceDetail> {
    return this.invoices.detail(ctx, invoiceId);
  }

  /** The stored PDF, byte for byte (shown inline: the detail page previews it). */
  @StaffAccess('finance')
  @Get(':invoiceId/pdf')
  async pdf(
    @Ctx() ctx: RequestContext,
    @Param('invoiceId', UuidPipe) invoiceId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    return serve(await this.invoices.file(ctx, invoiceId, 'pdf'), 'inline', ifNoneMatch, reply);
  }

  /** The stored UBL 2.1 e-invoice, byte for byte. */
  @StaffAccess('finance')
  @Get(':invoiceId/ubl')
  async ubl(
    @Ctx() ctx: RequestContext,
    @Param('invoiceId', UuidPipe) invoiceId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    return serve(await this.invoices.file(ctx, invoiceId, 'ubl'), 'attachment', ifNoneMatch, reply);
  }

  /** A credit note for the invoice, issued at once; `Idempotency-Key` makes a retry safe. */
  @StaffAccess('finance')
  @Post(':invoiceId/credit-notes')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async createCreditNote(
    @Ctx() ctx: RequestContext,
    @Param('invoiceId', UuidPipe) invoiceId: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: CreditNoteDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FinanceInvoiceDetail> {
    await this.creditNotes.requireInvoice(ctx, invoiceId);
    const answer = await this.idempotency.once(ctx, key, `POST finance/invoices/${invoiceId}/credit-notes`, body, () =>
      this.creditNotes.create(ctx, invoiceId, body),
    );
    reply.status(answer.status);
    return answer.body;
  }
}

/** A stored file with its SHA-256 as the ETag; a client holding that version gets a 304. */
export function serve(
  file: StoredFile,
  disposition: 'inline' | 'attachment',
  ifNoneMatch: string | undefined,
  reply: FastifyReply,
): Buffer | undefined {
  const etag = `"${file.sha256}"`;
  reply
    .header('etag', etag)
    .header('content-type', file.mediaType === 'application/xml' ? 'application/xml; charset=utf-8' : file.mediaType)
    .header('content-disposition', `${disposition}; filename="${file.fileName}"`)
    .header('x-content-type-options', 'nosniff');
  // The detail page previews the PDF in a frame of its own origin: this response alone may be framed
  // by the portal ('self', not 'none') and may load Chromium's PDF viewer (object-src 'self').
  if (disposition === 'inline' && file.mediaType === 'application/pdf')
    reply
      .header(
        'content-security-policy',
        "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
      )
      .header('x-frame-options', 'SAMEORIGIN');
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) {
    reply.status(304);
    return undefined;
  }
  return file.content;
}
