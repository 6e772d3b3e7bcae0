import { Injectable } from '@nestjs/common';
import { InvitationsService } from '@mijn-account/api-auth';
import { type RequestContext, problems } from '@mijn-account/api-core';
import type { StaffMember, StaffRole } from '@mijn-account/shared-contracts';

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
    const rows: StaffRow[] = await db.query(
      `SELECT id, email, display_name, staff_roles, password_hash IS NULL AS invited, disabled_at IS NOT NULL AS disabled,
              totp_enabled_at IS NOT NULL AS two_factor
         FROM app_user WHERE tenant_id = $1 AND kind = 'staff' ORDER BY display_name, email`,
      [ctx.tenant.id],
    );
    const staff: StaffMember[] = rows.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      roles: r.staff_roles,
      status: r.disabled ? 'disabled' : r.invited ? 'invited' : 'active',
      twoFactor: r.two_factor,
    }));
    const pending = await this.invitations.pending(ctx, null);
    return [...staff, ...pending.map((p): StaffMember => ({ id: p.id, email: p.email, displayName: p.displayName, roles: p.staffRoles, status: 'invited', twoFactor: false }))];
  }

  /** Changes someone's roles (or those of a pending invitation); an admin cannot drop their own admin role. */
  async setRoles(ctx: RequestContext, id: string, roles: StaffRole[]): Promise<void> {
    if (id === ctx.requireUser().id && !roles.includes('tenant-admin')) {
      throw problems.conflict('You cannot take away your own admin role; ask another admin');
    }
    if (await this.invitations.changePending(ctx, id, { staffRoles: roles })) return;
    await this.find(ctx, id);
    const db = await ctx.db();
    await db.query(`UPDATE app_user SET staff_roles = $3, version = version + 1 WHERE tenant_id = $1 AND id = $2`, [ctx.tenant.id, id, roles]);
  }

  /** Disables a staff member (ending their sessions), or withdraws their invitation; never oneself. */
  async disable(ctx: RequestContext, id: string): Promise<void> {
    if (id === ctx.requireUser().id) throw problems.conflict('You cannot disable yourself');
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
    const rows: unknown[] = await db.query(`SELECT 1 FROM app_user WHERE tenant_id = $1 AND id = $2 AND kind = 'staff'`, [ctx.tenant.id, id]);
    if (rows.length === 0) throw problems.notFound('No such staff member');
  }
}
