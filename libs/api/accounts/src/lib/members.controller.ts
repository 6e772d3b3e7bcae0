import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvitationsService } from '@mijn-account/api-auth';
import { AccountAccess, Ctx, RequestContext, problems } from '@mijn-account/api-core';
import { type AccountMember, type AccountRole, ROUTES } from '@mijn-account/shared-contracts';
import { InviteMemberDto } from './dto/member.dto';

interface MemberRow {
  id: string;
  email: string;
  display_name: string;
  account_role: AccountRole;
  invited: boolean;
  disabled: boolean;
}

/** The people of the owner's own subscriber account: list, invite, remove (never the last owner). */
@ApiTags('account')
@Controller(ROUTES.members)
export class MembersController {
  constructor(private readonly invitations: InvitationsService) {}

  @AccountAccess('owner')
  @Get()
  async list(@Ctx() ctx: RequestContext): Promise<AccountMember[]> {
    const db = await ctx.db();
    const rows: MemberRow[] = await db.query(
      `SELECT id, email, display_name, account_role, password_hash IS NULL AS invited, disabled_at IS NOT NULL AS disabled
         FROM app_user WHERE tenant_id = $1 AND account_id = $2 ORDER BY account_role DESC, display_name`,
      [ctx.tenant.id, ctx.requireUser().accountId],
    );
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      role: r.account_role,
      status: r.disabled ? 'disabled' : r.invited ? 'invited' : 'active',
    }));
  }

  @AccountAccess('owner')
  @Post()
  @HttpCode(201)
  async invite(@Ctx() ctx: RequestContext, @Body() body: InviteMemberDto): Promise<{ id: string }> {
    const accountId = ctx.requireUser().accountId;
    if (!accountId) throw problems.forbidden();
    return { id: await this.invitations.invite(ctx, { kind: 'subscriber', email: body.email, displayName: body.displayName, accountId, accountRole: body.role }) };
  }

  /** Removes a person from the account (their user, sessions and sign-ins go with them). */
  @AccountAccess('owner')
  @Delete(':id')
  @HttpCode(204)
  async remove(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    const accountId = ctx.requireUser().accountId;
    const db = await ctx.db();
    // Lock the account's owners so two owners cannot remove each other at the same moment.
    const people: { id: string; account_role: AccountRole }[] = await db.query(
      `SELECT id, account_role FROM app_user WHERE tenant_id = $1 AND account_id = $2 ORDER BY id FOR UPDATE`,
      [ctx.tenant.id, accountId],
    );
    const target = people.find((p) => p.id === id);
    if (!target) throw problems.notFound('No such member in your account');
    const owners = people.filter((p) => p.account_role === 'owner' && p.id !== id);
    if (target.account_role === 'owner' && owners.length === 0) {
      throw problems.conflict('An account needs at least one owner; make someone else owner first');
    }
    await db.query(`DELETE FROM app_user WHERE tenant_id = $1 AND id = $2 AND account_id = $3`, [ctx.tenant.id, id, accountId]);
  }
}
