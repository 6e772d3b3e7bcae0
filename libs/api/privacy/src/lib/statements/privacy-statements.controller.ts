import { Body, Controller, Delete, Get, Headers, HttpCode, Post, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, Public, RequestContext, SignedIn, StaffAccess, etagOf, versionFromIfMatch } from '@mijn-account/api-core';
import {
  type AdminStatementView,
  type AdminStatementsView,
  type PublicStatementView,
  ROUTES,
  type StatementNotice,
} from '@mijn-account/shared-contracts';
import { AcknowledgeStatementDto, StatementDraftDto } from './statements.dto';
import { PrivacyStatements } from './privacy-statements.service';

/** The privacy statement as anyone reads it, and the signed-in person's banner and acknowledgement. */
@ApiTags('privacy')
@Controller(ROUTES.privacyStatement)
export class PrivacyStatementController {
  constructor(private readonly statements: PrivacyStatements) {}

  @Public()
  @Get()
  read(@Ctx() ctx: RequestContext): Promise<PublicStatementView> {
    return this.statements.publicView(ctx);
  }

  @SignedIn()
  @Get('notice')
  notice(@Ctx() ctx: RequestContext): Promise<StatementNotice> {
    return this.statements.notice(ctx);
  }

  @SignedIn()
  @Post('acknowledgements')
  @HttpCode(200)
  acknowledge(@Ctx() ctx: RequestContext, @Body() body: AcknowledgeStatementDto): Promise<StatementNotice> {
    return this.statements.acknowledge(ctx, body.version);
  }
}

/** The tenant admin's statements: one draft (ETag: its revision), published with a mail to everyone. */
@ApiTags('privacy')
@Controller(ROUTES.adminPrivacyStatements)
export class StatementsAdminController {
  constructor(private readonly statements: PrivacyStatements) {}

  @StaffAccess('tenant-admin')
  @Get()
  async list(
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminStatementsView> {
    const { etag, ...view } = await this.statements.adminView(ctx);
    if (etag) reply.header('etag', etag);
    return view;
  }

  /** Creates the draft (no If-Match) or changes it (If-Match: the draft's ETag). */
  @StaffAccess('tenant-admin')
  @Put('draft')
  @ApiHeader({ name: 'If-Match', required: false, description: 'required when a draft exists' })
  async saveDraft(
    @Ctx() ctx: RequestContext,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: StatementDraftDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminStatementView> {
    const revision = ifMatch === undefined ? undefined : versionFromIfMatch(ifMatch);
    const { revision: saved, ...draft } = await this.statements.saveDraft(ctx, revision, body);
    reply.header('etag', etagOf(saved));
    return draft;
  }

  @StaffAccess('tenant-admin')
  @Delete('draft')
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  async deleteDraft(@Ctx() ctx: RequestContext, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.statements.deleteDraft(ctx, versionFromIfMatch(ifMatch));
  }

  /** Publishes the draft as of If-Match and mails every user (the page confirms with their count). */
  @StaffAccess('tenant-admin')
  @Post('draft/publish')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  publish(@Ctx() ctx: RequestContext, @Headers('if-match') ifMatch: string | undefined): Promise<AdminStatementView> {
    return this.statements.publish(ctx, versionFromIfMatch(ifMatch));
  }
}
