import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvitationsService } from '@mijn-account/api-auth';
import { Ctx, RequestContext, StaffAccess, problems } from '@mijn-account/api-core';
import { ROUTES, type StaffMember, type StaffRole } from '@mijn-account/shared-contracts';
import { InviteStaffDto, StaffRolesDto } from './dto/staff.dto';

interface StaffRow {
  id: string;
  email: string;
  display_name: string;
  staff_roles: StaffRole[];
  invited: boolean;
  disabled: boolean;
  two_factor: boolean;
}

/** A tenant admin's staff list: invite, change roles, disable (ends their sessions at once), enable. */
@ApiTags('admin')
@Controller(ROUTES.staff)
export class StaffController {
  constructor(private readonly invitations: InvitationsService) {}

  @StaffAccess('tenant-admin')
  @Get()
  async list(@Ctx() ctx: RequestContext): Promise<StaffMember[]> {
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

  @StaffAccess('tenant-admin')
  @Post()
  @HttpCode(201)
  async invite(@Ctx() ctx: RequestContext, @Body() body: InviteStaffDto): Promise<{ id: string }> {
    return { id: await this.invitations.invite(ctx, { kind: 'staff', email: body.email, displayName: body.displayName, staffRoles: body.roles }) };
  }

  @StaffAccess('tenant-admin')
  @Put(':id/roles')
  @HttpCode(204)
  async setRoles(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: StaffRolesDto): Promise<void> {
    if (id === ctx.requireUser().id && !body.roles.includes('tenant-admin')) {
      throw problems.conflict('You cannot take away your own admin role; ask another admin');
    }
    if (await this.invitations.changePending(ctx, id, { staffRoles: body.roles })) return;
    await this.update(ctx, id, `staff_roles = $3`, [body.roles]);
  }

  @StaffAccess('tenant-admin')
  @Post(':id/disable')
  @HttpCode(204)
  async disable(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    if (id === ctx.requireUser().id) throw problems.conflict('You cannot disable yourself');
    // Disabling someone who has not accepted yet withdraws the invitation.
    if (await this.invitations.withdraw(ctx, id, null)) return;
    await this.find(ctx, id);
    await this.invitations.setDisabled(ctx, id, true);
  }

  @StaffAccess('tenant-admin')
  @Post(':id/enable')
  @HttpCode(204)
  async enable(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.find(ctx, id);
    await this.invitations.setDisabled(ctx, id, false);
  }

  private async find(ctx: RequestContext, id: string): Promise<void> {
    const db = await ctx.db();
    const rows: unknown[] = await db.query(`SELECT 1 FROM app_user WHERE tenant_id = $1 AND id = $2 AND kind = 'staff'`, [ctx.tenant.id, id]);
    if (rows.length === 0) throw problems.notFound('No such staff member');
  }

  private async update(ctx: RequestContext, id: string, set: string, values: unknown[]): Promise<void> {
    await this.find(ctx, id);
    const db = await ctx.db();
    await db.query(`UPDATE app_user SET ${set}, version = version + 1 WHERE tenant_id = $1 AND id = $2`, [ctx.tenant.id, id, ...values]);
  }
}
