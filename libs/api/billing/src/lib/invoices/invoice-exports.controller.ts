import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
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

  /**
   * `?from&to` (issue dates) `&language=nl|en` (column names and statuses in words; without, codes).
   * Written as it is sent, the documents read EXPORT_BATCH at a time (as the ZIP's files are).
   */
  @StaffAccess('finance')
  @Get('invoices.csv')
  async csv(@Ctx() ctx: RequestContext, @Query() query: ExportQueryDto): Promise<StreamableFile> {
    const lines = await this.exports.csv(ctx, query);
    return new StreamableFile(Readable.from(lines), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="invoices-${query.from}-${query.to}.csv"`,
    });
  }

  /**
   * The period's stored UBL files, byte for byte, in a ZIP written as it is sent: their bytes are
   * read EXPORT_BATCH files at a time when the ZIP reaches them, so memory holds one batch, not the month.
   */
  @StaffAccess('finance')
  @Get('ubl.zip')
  async ubl(@Ctx() ctx: RequestContext, @Query() query: ExportQueryDto): Promise<StreamableFile> {
    const { files, read } = await this.exports.ublFiles(ctx, query);
    const zip = new ZipFile();
    // A fixed time: the same files give the same archive.
    const mtime = new Date(`${query.to}T12:00:00Z`);
    files.forEach((file, i) =>
      zip.addReadStreamLazy(file.fileName, { mtime, compress: true }, (done) => {
        read(i).then(
          (content) =>
            content
              ? done(null, Readable.from([content]))
              : done(new Error(`ubl.zip: the file of invoice ${file.invoiceId} is gone`), Readable.from([])),
          (error: Error) => done(error, Readable.from([])),
        );
      }),
    );
    zip.end();
    return new StreamableFile(zip.outputStream as Readable, {
      type: 'application/zip',
      disposition: `attachment; filename="ubl-${query.from}-${query.to}.zip"`,
    });
  }
}
