import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccountAccess, Ctx, RequestContext, UuidPipe } from '@mijn-account/api-core';
import { type InvoiceAccessSetting, type MyInvoiceView, ROUTES } from '@mijn-account/shared-contracts';
import type { InvoiceFile } from '../entities/invoice-file.entity';
import { InvoiceAccessDto } from './invoice-access.dto';
import { MyInvoicesService } from './my-invoices.service';

/** "Mijn facturen": the account's issued invoices and credit notes, and their PDF and UBL files. */
@ApiTags('account')
@Controller(ROUTES.myInvoices)
export class MyInvoicesController {
  constructor(private readonly invoices: MyInvoicesService) {}

  @AccountAccess('owner', 'member')
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<MyInvoiceView[]> {
    return this.invoices.list(ctx);
  }

  @AccountAccess('owner', 'member')
  @Get(':invoiceId/pdf')
  @ApiProduces('application/pdf')
  async pdf(
    @Ctx() ctx: RequestContext,
    @Param('invoiceId', UuidPipe) invoiceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendInvoiceFile(reply, await this.invoices.file(ctx, invoiceId, 'pdf'));
  }

  @AccountAccess('owner', 'member')
  @Get(':invoiceId/ubl')
  @ApiProduces('application/xml')
  async ubl(
    @Ctx() ctx: RequestContext,
    @Param('invoiceId', UuidPipe) invoiceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendInvoiceFile(reply, await this.invoices.file(ctx, invoiceId, 'ubl'));
  }
}

/** Whether the account's members see its invoices: everyone reads it, the owner decides. */
@ApiTags('account')
@Controller(ROUTES.myInvoiceAccess)
export class MyInvoiceAccessController {
  constructor(private readonly invoices: MyInvoicesService) {}

  @AccountAccess('owner', 'member')
  @Get()
  get(@Ctx() ctx: RequestContext): Promise<InvoiceAccessSetting> {
    return this.invoices.access(ctx);
  }

  @AccountAccess('owner')
  @Put()
  put(@Ctx() ctx: RequestContext, @Body() body: InvoiceAccessDto): Promise<InvoiceAccessSetting> {
    return this.invoices.setAccess(ctx, body);
  }
}

/** The stored bytes as they are, with their media type, file name and digest. */
export function sendInvoiceFile(reply: FastifyReply, file: InvoiceFile): Buffer {
  reply.header('content-type', file.mediaType);
  reply.header('content-disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`);
  reply.header('x-content-sha256', file.sha256);
  return file.content;
}
