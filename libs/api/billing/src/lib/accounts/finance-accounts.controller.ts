import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext, StaffAccess, UuidOrNotFoundPipe } from '@mijn-account/api-core';
import { type FinanceAccountPage, type FinanceAccountView, ROUTES } from '@mijn-account/shared-contracts';
import { FinanceAccountQueryDto } from './finance-account-query.dto';
import { FinanceAccountsService } from './finance-accounts.service';

/** Finance's customers: the list with search, and one customer's billing details. */
@ApiTags('finance')
@Controller(ROUTES.financeAccounts)
export class FinanceAccountsController {
  constructor(private readonly accounts: FinanceAccountsService) {}

  @StaffAccess('finance')
  @Get()
  list(@Ctx() ctx: RequestContext, @Query() query: FinanceAccountQueryDto): Promise<FinanceAccountPage> {
    return this.accounts.list(ctx, query);
  }

  @StaffAccess('finance')
  @Get(':accountId')
  get(
    @Ctx() ctx: RequestContext,
    @Param('accountId', UuidOrNotFoundPipe) accountId: string,
  ): Promise<FinanceAccountView> {
    return this.accounts.get(ctx, accountId);
  }
}
