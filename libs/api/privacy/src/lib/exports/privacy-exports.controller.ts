import { Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext, SignedIn, UuidPipe } from '@mijn-account/api-core';
import { PRIVACY_EXPORTS_ROUTE, type PrivacyExportView } from '@mijn-account/shared-contracts';
import { DownloadQueryDto } from './download-query.dto';
import { PrivacyExportsService } from './privacy-exports.service';

/** A person's exports of their own data (subscribers and staff alike): ask, list, download. */
@ApiTags('privacy')
@Controller(PRIVACY_EXPORTS_ROUTE)
export class PrivacyExportsController {
  constructor(private readonly exports: PrivacyExportsService) {}

  /** Asks for an export: 202 with the pending export; 409 while another one is being made. */
  @SignedIn()
  @Post()
  @HttpCode(202)
  request(@Ctx() ctx: RequestContext): Promise<PrivacyExportView> {
    return this.exports.request(ctx);
  }

  @SignedIn()
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<PrivacyExportView[]> {
    return this.exports.list(ctx);
  }

  /** The ZIP, streamed from the database; the token must be this signed-in user's. */
  @SignedIn()
  @Get(':exportId/download')
  @ApiProduces('application/zip')
  async download(
    @Ctx() ctx: RequestContext,
    @Param('exportId', UuidPipe) exportId: string,
    @Query() query: DownloadQueryDto,
  ): Promise<StreamableFile> {
    const { file, row } = await this.exports.download(ctx, exportId, query.token);
    return new StreamableFile(file, {
      type: 'application/zip',
      disposition: `attachment; filename="my-data-${row.createdAt.toISOString().slice(0, 10)}.zip"`,
      length: row.sizeBytes === null ? undefined : Number(row.sizeBytes),
    });
  }
}
