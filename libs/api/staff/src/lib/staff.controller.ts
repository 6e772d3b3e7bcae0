import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvitationsService } from '@mijn-account/api-auth';
import { Ctx, RequestContext, StaffAccess, StepUp, UuidPipe } from '@mijn-account/api-core';
import { ROUTES, type StaffMember } from '@mijn-account/shared-contracts';
import { InviteStaffDto, StaffRolesDto } from './dto/staff.dto';
import { StaffService } from './staff.service';

/** A tenant admin's staff list: invite, change roles, disable (ends their sessions at once), enable. */
@ApiTags('admin')
@Controller(ROUTES.staff)
export class StaffController {
  constructor(
    private readonly staff: StaffService,
    private readonly invitations: InvitationsService,
  ) {}

  @StaffAccess('tenant-admin')
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<StaffMember[]> {
    return this.staff.list(ctx);
  }

  @StaffAccess('tenant-admin')
  @Post()
  @HttpCode(201)
  async invite(@Ctx() ctx: RequestContext, @Body() body: InviteStaffDto): Promise<{ id: string }> {
    return {
      id: await this.invitations.invite(ctx, {
        kind: 'staff',
        email: body.email,
        displayName: body.displayName,
        staffRoles: body.roles,
      }),
    };
  }

  /** Roles open or close whole areas (helpdesk access, finance, administration): the password or a code again first. */
  @StaffAccess('tenant-admin')
  @StepUp()
  @Put(':id/roles')
  @HttpCode(204)
  async setRoles(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: StaffRolesDto,
  ): Promise<void> {
    await this.staff.setRoles(ctx, id, body.roles);
  }

  @StaffAccess('tenant-admin')
  @Post(':id/disable')
  @HttpCode(204)
  async disable(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.staff.disable(ctx, id);
  }

  @StaffAccess('tenant-admin')
  @Post(':id/enable')
  @HttpCode(204)
  async enable(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.staff.enable(ctx, id);
  }
}
