import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  Ctx,
  RequestContext,
  SignedIn,
  StaffAccess,
  UuidOrNotFoundPipe,
  UuidPipe,
  problems,
  versionFromIfMatch,
  withEtag,
} from '@mijn-account/api-core';
import {
  type AdminPrivacyRequestView,
  PRIVACY_REQUEST_ROUTES,
  PRIVACY_REQUEST_STATUSES,
  type PrivacyRequestState,
  type PrivacyRequestView,
} from '@mijn-account/shared-contracts';
import {
  PrivacyRequestClosingDto,
  PrivacyRequestExtensionDto,
  PrivacyRequestRegistrationDto,
} from './dto/privacy-request.dto';
import { RequestTrackerService } from './request-tracker.service';

/** The person's own privacy requests, with deadlines and outcomes. */
@ApiTags('privacy')
@Controller(PRIVACY_REQUEST_ROUTES.myRequests)
export class MyPrivacyRequestsController {
  constructor(private readonly tracker: RequestTrackerService) {}

  @SignedIn()
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<PrivacyRequestView[]> {
    return this.tracker.mine(ctx);
  }
}

/** The tenant admin's register of privacy requests: list, register, extend, close (If-Match on edits). */
@ApiTags('privacy')
@Controller(PRIVACY_REQUEST_ROUTES.adminRequests)
export class PrivacyRequestsAdminController {
  constructor(private readonly tracker: RequestTrackerService) {}

  @StaffAccess('tenant-admin')
  @Get()
  @ApiQuery({ name: 'status', required: false, enum: PRIVACY_REQUEST_STATUSES })
  list(@Ctx() ctx: RequestContext, @Query('status') status?: string): Promise<AdminPrivacyRequestView[]> {
    if (status !== undefined && !(PRIVACY_REQUEST_STATUSES as readonly string[]).includes(status))
      throw problems.validation([{ field: 'status', code: 'isIn', message: 'open, done, refused or withdrawn' }]);
    return this.tracker.list(ctx, (status as PrivacyRequestState | undefined) ?? null);
  }

  @StaffAccess('tenant-admin')
  @Post()
  async register(
    @Ctx() ctx: RequestContext,
    @Body() body: PrivacyRequestRegistrationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminPrivacyRequestView> {
    reply.status(201);
    return this.tracker.register(ctx, body);
  }

  @StaffAccess('tenant-admin')
  @Get(':id')
  async get(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidOrNotFoundPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Omit<AdminPrivacyRequestView, 'version'>> {
    return withEtag(reply, await this.tracker.find(ctx, id));
  }

  @StaffAccess('tenant-admin')
  @Post(':id/extension')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  async extend(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: PrivacyRequestExtensionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminPrivacyRequestView> {
    const extended = await this.tracker.extend(ctx, id, versionFromIfMatch(ifMatch), body);
    withEtag(reply, extended);
    return extended;
  }

  @StaffAccess('tenant-admin')
  @Post(':id/closing')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  async close(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: PrivacyRequestClosingDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminPrivacyRequestView> {
    const closed = await this.tracker.close(ctx, id, versionFromIfMatch(ifMatch), body);
    withEtag(reply, closed);
    return closed;
  }
}
