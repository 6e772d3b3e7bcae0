import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  Ctx,
  RequestContext,
  SignedIn,
  StaffAccess,
  StepUp,
  UuidPipe,
  versionFromIfMatch,
  withEtag,
} from '@mijn-account/api-core';
import {
  type DisclosureView,
  type PrivacyOverview,
  type PrivacyQuestionReceipt,
  type PrivacySettingsView,
  type ProcessingActivityView,
  ROUTES,
} from '@mijn-account/shared-contracts';
import { DisclosureDto, PrivacyQuestionDto, PrivacySettingsDto, ProcessingActivityDto } from './privacy-overview.dto';
import { PrivacyOverviewService } from './privacy-overview.service';

/** Every signed-in person's privacy page: what is held and why, whom to ask, what was disclosed. */
@ApiTags('privacy')
@Controller(ROUTES.myPrivacy)
export class MyPrivacyController {
  constructor(private readonly privacy: PrivacyOverviewService) {}

  @SignedIn()
  @Get()
  overview(@Ctx() ctx: RequestContext): Promise<PrivacyOverview> {
    return this.privacy.overview(ctx);
  }

  /** A question or complaint to the privacy contact, tracked as a privacy request. */
  @SignedIn()
  @Post('questions')
  @HttpCode(201)
  ask(@Ctx() ctx: RequestContext, @Body() body: PrivacyQuestionDto): Promise<PrivacyQuestionReceipt> {
    return this.privacy.ask(ctx, body);
  }
}

/** The tenant admin's record of processing activities: rows versioned one by one, a step-up to change. */
@ApiTags('privacy')
@Controller(ROUTES.privacyProcessing)
export class ProcessingRecordController {
  constructor(private readonly privacy: PrivacyOverviewService) {}

  @StaffAccess('tenant-admin')
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<ProcessingActivityView[]> {
    return this.privacy.activities(ctx);
  }

  @StaffAccess('tenant-admin')
  @StepUp()
  @Post()
  create(@Ctx() ctx: RequestContext, @Body() body: ProcessingActivityDto): Promise<ProcessingActivityView> {
    return this.privacy.createActivity(ctx, body);
  }

  @StaffAccess('tenant-admin')
  @StepUp()
  @Put(':activityId')
  @ApiHeader({ name: 'If-Match', required: true })
  update(
    @Ctx() ctx: RequestContext,
    @Param('activityId', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ProcessingActivityDto,
  ): Promise<ProcessingActivityView> {
    return this.privacy.updateActivity(ctx, id, versionFromIfMatch(ifMatch), body);
  }

  @StaffAccess('tenant-admin')
  @StepUp()
  @Delete(':activityId')
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  async delete(
    @Ctx() ctx: RequestContext,
    @Param('activityId', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.privacy.deleteActivity(ctx, id, versionFromIfMatch(ifMatch));
  }
}

/** The tenant's privacy contact, supervisory authority, erasure grace period and sign-up age. */
@ApiTags('privacy')
@Controller(ROUTES.privacySettings)
export class PrivacySettingsController {
  constructor(private readonly privacy: PrivacyOverviewService) {}

  @StaffAccess('tenant-admin')
  @Get()
  async get(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<PrivacySettingsView> {
    return withEtag(reply, await this.privacy.settings(ctx));
  }

  @StaffAccess('tenant-admin')
  @StepUp()
  @Put()
  @ApiHeader({ name: 'If-Match', required: true })
  async put(
    @Ctx() ctx: RequestContext,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: PrivacySettingsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PrivacySettingsView> {
    const version = versionFromIfMatch(ifMatch);
    return withEtag(reply, await this.privacy.updateSettings(ctx, version, body));
  }
}

/** The register of disclosures to third parties (tenant admin); each one is in the person's access log. */
@ApiTags('privacy')
@Controller(ROUTES.privacyDisclosures)
export class DisclosuresController {
  constructor(private readonly privacy: PrivacyOverviewService) {}

  @StaffAccess('tenant-admin')
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<DisclosureView[]> {
    return this.privacy.disclosures(ctx);
  }

  @StaffAccess('tenant-admin')
  @Post()
  create(@Ctx() ctx: RequestContext, @Body() body: DisclosureDto): Promise<DisclosureView> {
    return this.privacy.disclose(ctx, body);
  }
}
