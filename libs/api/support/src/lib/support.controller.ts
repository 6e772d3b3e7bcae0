import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BillingDto, BillingService, billingWithEtag } from '@mijn-account/api-accounts';
import { AccountAccess, Ctx, RequestContext, StaffAccess, StepUp, problems, versionFromIfMatch } from '@mijn-account/api-core';
import { type AccessGrantView, type BillingDetails, ROUTES } from '@mijn-account/shared-contracts';
import { AccessRequestDto, ApproveDto, CloseDto } from './dto/access.dto';
import { GrantScope } from './grant-scope.decorator';
import { GrantsService } from './grants.service';

/** The helpdesk agent's console: find an account, request access, see their grants, use them. */
@ApiTags('support')
@Controller(ROUTES.support)
export class SupportController {
  constructor(
    private readonly grants: GrantsService,
    private readonly billing: BillingService,
  ) {}

  /** By customer number, name or a user's e-mail; answers customer number and name only. */
  @StaffAccess('helpdesk-agent', 'helpdesk-supervisor')
  @Get('accounts')
  async search(@Ctx() ctx: RequestContext, @Query('q') q = ''): Promise<{ id: string; customerNumber: string; name: string }[]> {
    const term = q.trim();
    if (term.length < 2) return [];
    const db = await ctx.db();
    const rows: { id: string; customer_number: string; name: string }[] = await db.query(
      `SELECT a.id, a.customer_number, a.name FROM subscriber_account a
        WHERE a.tenant_id = $1 AND (a.customer_number ILIKE $2 || '%' OR a.name ILIKE '%' || $2 || '%'
              OR EXISTS (SELECT 1 FROM app_user u WHERE u.tenant_id = a.tenant_id AND u.account_id = a.id AND u.email = lower($2)))
        ORDER BY a.customer_number LIMIT 20`,
      [ctx.tenant.id, term.replace(/[%_\\]/g, '')],
    );
    return rows.map((r) => ({ id: r.id, customerNumber: r.customer_number, name: r.name }));
  }

  @StaffAccess('helpdesk-agent')
  @Post('requests')
  @HttpCode(201)
  request(@Ctx() ctx: RequestContext, @Body() body: AccessRequestDto): Promise<AccessGrantView> {
    return this.grants.request(ctx, body);
  }

  @StaffAccess('helpdesk-agent')
  @Get('requests')
  mine(@Ctx() ctx: RequestContext): Promise<AccessGrantView[]> {
    return this.grants.forAgent(ctx);
  }

  @StaffAccess('helpdesk-agent')
  @Post('requests/:id/close')
  @HttpCode(200)
  close(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: CloseDto): Promise<AccessGrantView> {
    return this.grants.close(ctx, id, body.note ?? null);
  }

  /** Technical requests waiting for a supervisor who is not the requester. */
  @StaffAccess('helpdesk-supervisor')
  @Get('queue')
  queue(@Ctx() ctx: RequestContext): Promise<AccessGrantView[]> {
    return this.grants.technicalQueue(ctx);
  }

  @StaffAccess('helpdesk-supervisor')
  @StepUp('second-factor')
  @Post('queue/:id/approve')
  @HttpCode(200)
  approve(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<AccessGrantView> {
    return this.grants.decideAsSupervisor(ctx, id, true);
  }

  @StaffAccess('helpdesk-supervisor')
  @Post('queue/:id/deny')
  @HttpCode(200)
  deny(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<AccessGrantView> {
    return this.grants.decideAsSupervisor(ctx, id, false);
  }

  // --- the support view: subscriber data, only through an active grant -----------------------

  @StaffAccess('helpdesk-agent')
  @GrantScope('billing:read')
  @Get('accounts/:accountId/billing')
  async getBilling(
    @Ctx() ctx: RequestContext,
    @Param('accountId', new ParseUUIDPipe()) accountId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BillingDetails> {
    const billing = await this.grants.access(ctx, accountId, 'billing:read', { action: 'read', resource: 'billing' }, () => this.billing.get(ctx, accountId));
    return billingWithEtag(reply, billing);
  }

  @StaffAccess('helpdesk-agent')
  @GrantScope('billing:write')
  @Put('accounts/:accountId/billing')
  async putBilling(
    @Ctx() ctx: RequestContext,
    @Param('accountId', new ParseUUIDPipe()) accountId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: BillingDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BillingDetails> {
    const version = versionFromIfMatch(ifMatch);
    const fields = Object.keys(body).filter((k) => body[k as keyof BillingDto] !== undefined);
    const saved = await this.grants.access(ctx, accountId, 'billing:write', { action: 'write', resource: 'billing', fields }, () =>
      this.billing.update(ctx, accountId, version, body),
    );
    return billingWithEtag(reply, saved);
  }
}

/** The account owner's side: requests for their account, decisions, revocation. */
@ApiTags('account')
@Controller(ROUTES.accessRequests)
export class AccountAccessRequestsController {
  constructor(private readonly grants: GrantsService) {}

  @AccountAccess('owner', 'member')
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<AccessGrantView[]> {
    const accountId = ctx.requireUser().accountId;
    if (!accountId) throw problems.forbidden();
    return this.grants.forAccount(ctx, accountId);
  }

  @AccountAccess('owner')
  @StepUp()
  @Post(':id/approve')
  @HttpCode(200)
  approve(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: ApproveDto): Promise<AccessGrantView> {
    return this.grants.decideAsOwner(ctx, id, true, body);
  }

  @AccountAccess('owner')
  @Post(':id/deny')
  @HttpCode(200)
  deny(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<AccessGrantView> {
    return this.grants.decideAsOwner(ctx, id, false);
  }

  /** Ends an active grant; the agent's very next request is refused. */
  @AccountAccess('owner')
  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<AccessGrantView> {
    return this.grants.revoke(ctx, id);
  }
}
