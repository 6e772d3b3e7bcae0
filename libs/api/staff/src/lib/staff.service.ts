import { Injectable } from '@nestjs/common';
import { InvitationsService, User } from '@mijn-account/api-auth';
import { ProblemException, type RequestContext, problems } from '@mijn-account/api-core';
import { PROBLEM_TYPES, type StaffMember, type StaffRole } from '@mijn-account/shared-contracts';

interface StaffRow {
  id: string;
  email: string;
  display_name: string;
  staff_roles: StaffRole[];
  invited: boolean;
  disabled: boolean;
  two_factor: boolean;
}

/** The tenant's own staff (`app_user` rows of kind staff, and pending staff invitations), as its tenant admins manage them. */
@Injectable()
export class StaffService {
  constructor(private readonly invitations: InvitationsService) {}

  /** Everyone on the staff, then the pending invitations. */
  async list(ctx: RequestContext): Promise<StaffMember[]> {
    const db = await ctx.db();
    // The query builder, so the states are computed without reading the password hash or TOTP secret.
    const rows = await db
      .getRepository(User)
      .createQueryBuilder('u')
      .select(['u.id AS id', 'u.email AS email', 'u.display_name AS display_name', 'u.staff_roles AS staff_roles'])
      .addSelect('u.password_hash IS NULL', 'invited')
      .addSelect('u.disabled_at IS NOT NULL', 'disabled')
      .addSelect('u.totp_enabled_at IS NOT NULL', 'two_factor')
      .where('u.tenant_id = :tenantId AND u.kind = :kind', { tenantId: ctx.tenant.id, kind: 'staff' })
      .orderBy('u.display_name')
      .addOrderBy('u.email')
      .getRawMany<StaffRow>();
    const staff: StaffMember[] = rows.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      roles: r.staff_roles,
      status: r.disabled ? 'disabled' : r.invited ? 'invited' : 'active',
      twoFactor: r.two_factor,
    }));
    const pending = await this.invitations.pending(ctx, null);
    return [
      ...staff,
      ...pending.map((p): StaffMember => ({
        id: p.id,
        email: p.email,
        displayName: p.displayName,
        roles: p.staffRoles,
        status: 'invited',
        twoFactor: false,
      })),
    ];
  }

  /** Changes someone's roles (or those of a pending invitation); an admin cannot drop their own admin role. */
  async setRoles(ctx: RequestContext, id: string, roles: StaffRole[]): Promise<void> {
    if (id === ctx.requireUser().id && !roles.includes('tenant-admin')) {
      throw problems.conflict('You cannot take away your own admin role; ask another admin');
    }
    if (await this.invitations.changePending(ctx, id, { staffRoles: roles })) return;
    await this.find(ctx, id);
    const db = await ctx.db();
    await db.update(User, { tenantId: ctx.tenant.id, id }, { staffRoles: roles, version: () => 'version + 1' });
  }

  /** Disables a staff member (ending their sessions), or withdraws their invitation; never oneself. */
  async disable(ctx: RequestContext, id: string): Promise<void> {
    if (id === ctx.requireUser().id) {
      // 422 naming the reason (code `self`): the request is understood, but the portal must keep an admin who can sign in.
      throw new ProblemException({
        type: PROBLEM_TYPES.validation,
        title: 'You cannot disable yourself',
        status: 422,
        detail: 'You cannot disable yourself; another tenant admin can',
        errors: [{ field: 'id', code: 'self', message: 'You cannot disable yourself; another tenant admin can' }],
      });
    }
    // Disabling someone who has not accepted yet withdraws the invitation.
    if (await this.invitations.withdraw(ctx, id, null)) return;
    await this.find(ctx, id);
    await this.invitations.setDisabled(ctx, id, true);
  }

  async enable(ctx: RequestContext, id: string): Promise<void> {
    await this.find(ctx, id);
    await this.invitations.setDisabled(ctx, id, false);
  }

  private async find(ctx: RequestContext, id: string): Promise<void> {
    const db = await ctx.db();
    if (!(await db.existsBy(User, { tenantId: ctx.tenant.id, id, kind: 'staff' })))
      throw problems.notFound('No such staff member');
  }
}
