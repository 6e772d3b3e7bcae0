import { Injectable } from '@nestjs/common';
import { InvitationsService, User } from '@mijn-account/api-auth';
import { ProblemException, type RequestContext, problems } from '@mijn-account/api-core';
import { type AccountMember, type AccountRole, PROBLEM_TYPES } from '@mijn-account/shared-contracts';

interface MemberRow {
  id: string;
  email: string;
  display_name: string;
  account_role: AccountRole;
  invited: boolean;
  disabled: boolean;
}

/** The people of one subscriber account (`app_user` rows and pending invitations): list, roles, removal, never the last owner. */
@Injectable()
export class MembersService {
  constructor(private readonly invitations: InvitationsService) {}

  /** Everyone in the account, then the pending invitations. */
  async list(ctx: RequestContext, accountId: string | null): Promise<AccountMember[]> {
    const db = await ctx.db();
    // The query builder, so the invitation state is computed without reading the password hash.
    const rows = await db
      .getRepository(User)
      .createQueryBuilder('u')
      .select(['u.id AS id', 'u.email AS email', 'u.display_name AS display_name', 'u.account_role AS account_role'])
      .addSelect('u.password_hash IS NULL', 'invited')
      .addSelect('u.disabled_at IS NOT NULL', 'disabled')
      .where('u.tenant_id = :tenantId AND u.account_id = :accountId', { tenantId: ctx.tenant.id, accountId })
      .orderBy('u.account_role', 'DESC')
      .addOrderBy('u.display_name')
      .getRawMany<MemberRow>();
    const members: AccountMember[] = rows.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      role: r.account_role,
      status: r.disabled ? 'disabled' : r.invited ? 'invited' : 'active',
    }));
    const pending = await this.invitations.pending(ctx, accountId);
    return [
      ...members,
      ...pending.map((p): AccountMember => ({
        id: p.id,
        email: p.email,
        displayName: p.displayName,
        role: p.accountRole ?? 'member',
        status: 'invited',
      })),
    ];
  }

  /** Makes someone owner or member (or changes a pending invitation); the last owner cannot step down. */
  async setRole(ctx: RequestContext, accountId: string | null, id: string, role: AccountRole): Promise<void> {
    if (accountId && (await this.invitations.changePending(ctx, id, { accountId, accountRole: role }))) return;
    const target = await this.lockPeople(ctx, accountId, id, role === 'member');
    const db = await ctx.db();
    await db.update(User, { tenantId: ctx.tenant.id, id: target }, { accountRole: role, version: () => 'version + 1' });
  }

  /** Removes a person from the account (their user, sessions and sign-ins go with them), or withdraws their invitation. */
  async remove(ctx: RequestContext, accountId: string | null, id: string): Promise<void> {
    if (await this.invitations.withdraw(ctx, id, accountId)) return;
    const target = await this.lockPeople(ctx, accountId, id, true);
    const db = await ctx.db();
    // lockPeople found `target` among this account's people and holds their row locks.
    await db.delete(User, { tenantId: ctx.tenant.id, id: target });
  }

  /**
   * Locks the account's people (so two owners cannot demote or remove each other at the same
   * moment) and checks that `id` is one of them and that an owner remains if `id` stops being one.
   */
  private async lockPeople(
    ctx: RequestContext,
    accountId: string | null,
    id: string,
    leavesOwnership: boolean,
  ): Promise<string> {
    const db = await ctx.db();
    // SQL: a row lock over the account's people (FOR UPDATE), ordered so two requests lock alike.
    const people: { id: string; account_role: AccountRole }[] = await db.query(
      `SELECT id, account_role FROM app_user WHERE tenant_id = $1 AND account_id = $2 ORDER BY id FOR UPDATE`,
      [ctx.tenant.id, accountId],
    );
    const target = people.find((p) => p.id === id);
    if (!target) throw problems.notFound('No such member in your account');
    const otherOwners = people.filter((p) => p.account_role === 'owner' && p.id !== id);
    if (leavesOwnership && target.account_role === 'owner' && otherOwners.length === 0) {
      // A problem of its own kind, so the page can say what to do (there is no field to show it at).
      throw new ProblemException({
        type: PROBLEM_TYPES.lastOwner,
        title: 'An account needs an owner',
        status: 409,
        detail: 'An account needs at least one owner; make someone else owner first',
      });
    }
    return target.id;
  }
}
