import { Controller, Get, Injectable, Param, type PipeTransform, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext, StaffAccess, problems } from '@mijn-account/api-core';
import { type FinanceAccountPage, type FinanceAccountView, ROUTES, isUuid } from '@mijn-account/shared-contracts';
import { FinanceAccountQueryDto } from './finance-account-query.dto';
import { FinanceAccountsService } from './finance-accounts.service';

/**
 * The id of `GET :accountId` beside the listed collection: a malformed one names no account, so it is
 * the 404 of a missing one (not UuidPipe's 422), as any unknown path under a collection is.
 */
@Injectable()
export class AccountIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (isUuid(value)) return value;
    throw problems.notFound();
  }
}

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
  get(@Ctx() ctx: RequestContext, @Param('accountId', AccountIdPipe) accountId: string): Promise<FinanceAccountView> {
    return this.accounts.get(ctx, accountId);
  }
}
