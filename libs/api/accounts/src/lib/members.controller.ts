import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvitationsService } from '@mijn-account/api-auth';
import { AccountAccess, Ctx, RequestContext, UuidPipe, problems } from '@mijn-account/api-core';
import { type AccountMember, ROUTES } from '@mijn-account/shared-contracts';
import { InviteMemberDto, MemberRoleDto } from './dto/member.dto';
import { MembersService } from './members.service';

/** The people of the owner's own subscriber account: list, invite, remove (never the last owner). */
@ApiTags('account')
@Controller(ROUTES.members)
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @AccountAccess('owner')
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<AccountMember[]> {
    return this.members.list(ctx, ctx.requireUser().accountId);
  }

  @AccountAccess('owner')
  @Post()
  @HttpCode(201)
  async invite(@Ctx() ctx: RequestContext, @Body() body: InviteMemberDto): Promise<{ id: string }> {
    const accountId = ctx.requireUser().accountId;
    if (!accountId) throw problems.forbidden();
    return {
      id: await this.invitations.invite(ctx, {
        kind: 'subscriber',
        email: body.email,
        displayName: body.displayName,
        accountId,
        accountRole: body.role,
      }),
    };
  }

  /** Makes someone owner or member; the last owner cannot step down. */
  @AccountAccess('owner')
  @Put(':id/role')
  @HttpCode(204)
  async setRole(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: MemberRoleDto,
  ): Promise<void> {
    await this.members.setRole(ctx, ctx.requireUser().accountId, id, body.role);
  }

  /** Removes a person from the account (their user, sessions and sign-ins go with them), or withdraws their invitation. */
  @AccountAccess('owner')
  @Delete(':id')
  @HttpCode(204)
  async remove(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.members.remove(ctx, ctx.requireUser().accountId, id);
  }
}
