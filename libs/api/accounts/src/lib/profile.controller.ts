import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, RequestContext, SignedIn, versionFromIfMatch, withEtag } from '@mijn-account/api-core';
import { type ChangeHistoryEntry, type Profile, ROUTES } from '@mijn-account/shared-contracts';
import { ChangeHistoryService } from './change-history.service';
import { ProfileDto } from './dto/profile.dto';
import { ProfileService } from './profile.service';

/** Every user's own profile, with optimistic concurrency (ETag / If-Match) and its change history. */
@ApiTags('me')
@Controller(ROUTES.profile)
export class ProfileController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly history: ChangeHistoryService,
  ) {}

  @SignedIn()
  @Get()
  @ApiOkResponse({ description: 'The profile; its ETag goes back in If-Match when saving' })
  async get(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<Profile> {
    return withEtag(reply, await this.profiles.get(ctx));
  }

  /** 428 without If-Match; 412 with the current profile when someone saved in between. */
  @SignedIn()
  @Put()
  @ApiHeader({ name: 'If-Match', required: true })
  async put(
    @Ctx() ctx: RequestContext,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ProfileDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Profile> {
    const version = versionFromIfMatch(ifMatch);
    return withEtag(reply, await this.profiles.update(ctx, version, body));
  }

  @SignedIn()
  @Get('history')
  async getHistory(@Ctx() ctx: RequestContext): Promise<ChangeHistoryEntry[]> {
    return this.history.list(ctx, 'profile', ctx.requireUser().id);
  }
}
