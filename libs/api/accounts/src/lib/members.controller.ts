import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvitationsService } from '@mijn-account/api-auth';
import { AccountAccess, Ctx, RequestContext, problems } from '@mijn-account/api-core';
import { type AccountMember, type AccountRole, ROUTES } from '@mijn-account/shared-contracts';
import { InviteMemberDto, MemberRoleDto } from './dto/member.dto';

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
    const members: AccountMember[] = rows.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      role: r.account_role,
      status: r.disabled ? 'disabled' : r.invited ? 'invited' : 'active',
    }));
    const pending = await this.invitations.pending(ctx, ctx.requireUser().accountId);
    return [...members, ...pending.map((p): AccountMember => ({ id: p.id, email: p.email, displayName: p.displayName, role: p.accountRole ?? 'member', status: 'invited' }))];
  }

  @AccountAccess('owner')
  @Post()
  @HttpCode(201)
  async invite(@Ctx() ctx: RequestContext, @Body() body: InviteMemberDto): Promise<{ id: string }> {
    const accountId = ctx.requireUser().accountId;
    if (!accountId) throw problems.forbidden();
    return { id: await this.invitations.invite(ctx, { kind: 'subscriber', email: body.email, displayName: body.displayName, accountId, accountRole: body.role }) };
  }

  /** Makes someone owner or member; the last owner cannot step down. */
  @AccountAccess('owner')
  @Put(':id/role')
  @HttpCode(204)
  async setRole(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: MemberRoleDto): Promise<void> {
    const accountId = ctx.requireUser().accountId;
    if (accountId && (await this.invitations.changePending(ctx, id, { accountId, accountRole: body.role }))) return;
    const target = await this.lockPeople(ctx, id, body.role === 'member');
    const db = await ctx.db();
    await db.query(`UPDATE app_user SET account_role = $3, version = version + 1 WHERE tenant_id = $1 AND id = $2`, [ctx.tenant.id, target, body.role]);
  }

  /** Removes a person from the account (their user, sessions and sign-ins go with them), or withdraws their invitation. */
  @AccountAccess('owner')
  @Delete(':id')
  @HttpCode(204)
  async remove(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    if (await this.invitations.withdraw(ctx, id, ctx.requireUser().accountId)) return;
    const target = await this.lockPeople(ctx, id, true);
    const db = await ctx.db();
    await db.query(`DELETE FROM app_user WHERE tenant_id = $1 AND id = $2 AND account_id = $3`, [ctx.tenant.id, target, ctx.requireUser().accountId]);
  }

  /**
   * Locks the account's people (so two owners cannot demote or remove each other at the same
   * moment) and checks that `id` is one of them and that an owner remains if `id` stops being one.
   */
  private async lockPeople(ctx: RequestContext, id: string, leavesOwnership: boolean): Promise<string> {
    const db = await ctx.db();
    const people: { id: string; account_role: AccountRole }[] = await db.query(
      `SELECT id, account_role FROM app_user WHERE tenant_id = $1 AND account_id = $2 ORDER BY id FOR UPDATE`,
      [ctx.tenant.id, ctx.requireUser().accountId],
    );
    const target = people.find((p) => p.id === id);
    if (!target) throw problems.notFound('No such member in your account');
    const otherOwners = people.filter((p) => p.account_role === 'owner' && p.id !== id);
    if (leavesOwnership && target.account_role === 'owner' && otherOwners.length === 0) {
      throw problems.conflict('An account needs at least one owner; make someone else owner first');
    }
    return target.id;
  }
}
