import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '@mijn-account/api-core';
import { Ctx, RequestContext } from '@mijn-account/api-core';
import { ROUTES, type MeResponse } from '@mijn-account/shared-contracts';
import { AccountsService } from './accounts.service';

@ApiTags('me')
@Controller(ROUTES.me)
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  /** Who is signed in: the user, their subscriber account and role (or staff roles), and session expiry. */
  @SignedIn()
  @Get()
  @ApiOkResponse({ description: 'The signed-in user' })
  me(@Ctx() ctx: RequestContext): Promise<MeResponse> {
    return this.accounts.me(ctx);
  }
}
