import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { ZipFile } from 'yazl';
import { Ctx, RequestContext, StaffAccess } from '@mijn-account/api-core';
import { FINANCE_INVOICE_ROUTES } from '@mijn-account/shared-contracts';
import { ExportQueryDto } from './export-query.dto';
import { InvoiceExportsService } from './invoice-exports.service';

/** Exports of a period's invoices and credit notes for the accountant. */
@ApiTags('finance')
@Controller(FINANCE_INVOICE_ROUTES.exports)
export class InvoiceExportsController {
  constructor(private readonly exports: InvoiceExportsService) {}

  /** `?from&to` (issue dates) `&language=nl|en` (column names and statuses in words; without, codes). */
  @StaffAccess('finance')
  @Get('invoices.csv')
  async csv(
    @Ctx() ctx: RequestContext,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const csv = await this.exports.csv(ctx, query);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="invoices-${query.from}-${query.to}.csv"`);
    return csv;
  }

  /** The period's stored UBL files, byte for byte, in a ZIP written as it is sent. */
  @StaffAccess('finance')
  @Get('ubl.zip')
  async ubl(@Ctx() ctx: RequestContext, @Query() query: ExportQueryDto): Promise<StreamableFile> {
    const files = await this.exports.ublFiles(ctx, query);
    const zip = new ZipFile();
    // A fixed time: the same files give the same archive.
    const mtime = new Date(`${query.to}T12:00:00Z`);
    for (const file of files) zip.addBuffer(file.content, file.fileName, { mtime, compress: true });
    zip.end();
    return new StreamableFile(zip.outputStream as Readable, {
      type: 'application/zip',
      disposition: `attachment; filename="ubl-${query.from}-${query.to}.zip"`,
    });
  }
}
