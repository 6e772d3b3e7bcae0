import { Controller, Delete, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccountAccess, Ctx, RequestContext, StepUp, versionFromIfMatch, withEtag } from '@mijn-account/api-core';
import { ERASURE_ROUTE, type ErasureView } from '@mijn-account/shared-contracts';
import { ErasureService } from './erasure.service';

/** The person's own erasure: what it would do, asking for it (step-up), cancelling it in the grace period. */
@ApiTags('privacy')
@Controller(ERASURE_ROUTE)
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @AccountAccess('owner', 'member')
  @Get()
  async get(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<ErasureView> {
    return withEtag(reply, await this.erasure.view(ctx));
  }

  @AccountAccess('owner', 'member')
  @StepUp()
  @Post()
  @HttpCode(201)
  async request(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<ErasureView> {
    return withEtag(reply, await this.erasure.request(ctx));
  }

  @AccountAccess('owner', 'member')
  @Delete()
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  async cancel(@Ctx() ctx: RequestContext, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.erasure.cancel(ctx, versionFromIfMatch(ifMatch));
  }
}
