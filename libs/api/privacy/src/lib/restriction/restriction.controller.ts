import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
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
  type MyRestrictionView,
  OBJECTION_PURPOSES,
  type ObjectionPurpose,
  PRIVACY_REQUEST_ROUTES,
  type RestrictedPersonView,
} from '@mijn-account/shared-contracts';
import { ObjectionDto, RestrictionRequestDto, RestrictionUpdateDto } from '../requests/dto/privacy-request.dto';
import { RestrictionService } from './restriction.service';

/** The person's restriction (asked for here, decided by the tenant admin) and objections (effective at once). */
@ApiTags('privacy')
@Controller()
export class MyRestrictionController {
  constructor(private readonly restriction: RestrictionService) {}

  @SignedIn()
  @Get(PRIVACY_REQUEST_ROUTES.myRestriction)
  get(@Ctx() ctx: RequestContext): Promise<MyRestrictionView> {
    return this.restriction.mine(ctx);
  }

  @SignedIn()
  @Post(`${PRIVACY_REQUEST_ROUTES.myRestriction}/requests`)
  @HttpCode(201)
  request(@Ctx() ctx: RequestContext, @Body() body: RestrictionRequestDto): Promise<MyRestrictionView> {
    return this.restriction.request(ctx, body.details);
  }

  @SignedIn()
  @Put(`${PRIVACY_REQUEST_ROUTES.myObjections}/:purpose`)
  object(
    @Ctx() ctx: RequestContext,
    @Param('purpose') purpose: string,
    @Body() body: ObjectionDto,
  ): Promise<MyRestrictionView> {
    if (!(OBJECTION_PURPOSES as readonly string[]).includes(purpose)) throw problems.notFound('No such purpose');
    return this.restriction.object(ctx, purpose as ObjectionPurpose, body.objected);
  }
}

/** The tenant admin: who is restricted or objects; setting or lifting a restriction with its reason. */
@ApiTags('privacy')
@Controller(PRIVACY_REQUEST_ROUTES.adminRestrictions)
export class RestrictionsAdminController {
  constructor(private readonly restriction: RestrictionService) {}

  @StaffAccess('tenant-admin')
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<RestrictedPersonView[]> {
    return this.restriction.list(ctx);
  }

  @StaffAccess('tenant-admin')
  @Get(':userId')
  async get(
    @Ctx() ctx: RequestContext,
    @Param('userId', UuidOrNotFoundPipe) userId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Omit<RestrictedPersonView, 'version'>> {
    return withEtag(reply, await this.restriction.get(ctx, userId));
  }

  @StaffAccess('tenant-admin')
  @Put(':userId')
  @ApiHeader({ name: 'If-Match', required: true })
  async put(
    @Ctx() ctx: RequestContext,
    @Param('userId', UuidPipe) userId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RestrictionUpdateDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RestrictedPersonView> {
    const person = await this.restriction.update(ctx, userId, versionFromIfMatch(ifMatch), body);
    withEtag(reply, person);
    return person;
  }
}
