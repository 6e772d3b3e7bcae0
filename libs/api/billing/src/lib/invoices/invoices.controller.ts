import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext, StaffAccess, UuidPipe } from '@mijn-account/api-core';
import { type FinanceInvoiceView, ROUTES } from '@mijn-account/shared-contracts';
import { InvoiceStatusDto } from './invoice-status.dto';
import { PaymentDto } from './payment.dto';
import { InvoicesService } from './invoices.service';

/** An account's invoices, as finance sees them. */
@ApiTags('finance')
@Controller(`${ROUTES.financeAccounts}/:accountId/invoices`)
export class AccountInvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @StaffAccess('finance')
  @Get()
  list(@Ctx() ctx: RequestContext, @Param('accountId', UuidPipe) accountId: string): Promise<FinanceInvoiceView[]> {
    return this.invoices.list(ctx, accountId);
  }
}

/** Finance voids an issued invoice or marks it uncollectible, with the reason. */
@ApiTags('finance')
@Controller(ROUTES.financeInvoices)
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @StaffAccess('finance')
  @Post(':invoiceId/void')
  @HttpCode(200)
  void(
    @Ctx() ctx: RequestContext,
    @Param('invoiceId', UuidPipe) invoiceId: string,
    @Body() body: InvoiceStatusDto,
  ): Promise<FinanceInvoiceView> {
    return this.invoices.move(ctx, invoiceId, 'void', body);
  }

  @StaffAccess('finance')
  @Post(':invoiceId/payments')
  pay(
    @Ctx() ctx: RequestContext,
    @Param('invoiceId', UuidPipe) invoiceId: string,
    @Body() body: PaymentDto,
  ): Promise<FinanceInvoiceView & { paidMinor: number }> {
    return this.invoices.pay(ctx, invoiceId, body);
  }

  @StaffAccess('finance')
  @Post(':invoiceId/uncollectible')
  @HttpCode(200)
  uncollectible(
    @Ctx() ctx: RequestContext,
    @Param('invoiceId', UuidPipe) invoiceId: string,
    @Body() body: InvoiceStatusDto,
  ): Promise<FinanceInvoiceView> {
    return this.invoices.move(ctx, invoiceId, 'uncollectible', body);
  }
}
