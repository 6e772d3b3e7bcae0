import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BillingDto, BillingService, billingWithEtag } from '@mijn-account/api-accounts';
import {
  AccountAccess,
  Ctx,
  GrantAccess,
  RequestContext,
  StaffAccess,
  StepUp,
  problems,
  versionFromIfMatch,
} from '@mijn-account/api-core';
import { type AccessGrantView, type BillingDetails, type BillingUpdate, ROUTES } from '@mijn-account/shared-contracts';
import { AccessRequestDto, ApproveDto, CloseDto } from './dto/access.dto';
import { GrantsService } from './grants.service';

/** What an agent with billing:write may change (the log names those a request sends). */
const BILLING_FIELDS = [
  'companyName',
  'cocNumber',
  'vatId',
  'billingEmail',
  'address',
] satisfies (keyof BillingUpdate)[];

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
  async search(
    @Ctx() ctx: RequestContext,
    @Query('q') q = '',
  ): Promise<{ id: string; customerNumber: string; name: string }[]> {
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
  close(
    @Ctx() ctx: RequestContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CloseDto,
  ): Promise<AccessGrantView> {
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

  // --- the support view: subscriber data, only under an active grant ------------------------
  // The access guard checks the grant and logs each access before a handler runs (@GrantAccess).

  @GrantAccess({ scope: 'billing:read', action: 'read', resource: 'billing' })
  @Get('accounts/:accountId/billing')
  async getBilling(
    @Ctx() ctx: RequestContext,
    @Param('accountId', new ParseUUIDPipe()) accountId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BillingDetails> {
    return billingWithEtag(reply, await this.billing.get(ctx, accountId));
  }

  /** The people of the account as their profiles show them (profile:read). */
  @GrantAccess({
    scope: 'profile:read',
    action: 'read',
    resource: 'profiles',
    fields: ['name', 'email', 'phone', 'language', 'timeZone'],
  })
  @Get('accounts/:accountId/profiles')
  async profiles(@Ctx() ctx: RequestContext, @Param('accountId', new ParseUUIDPipe()) accountId: string) {
    const db = await ctx.db();
    const rows: {
      display_name: string;
      email: string;
      phone_e164: string | null;
      preferred_language: string | null;
      time_zone: string | null;
      account_role: string;
    }[] = await db.query(
      `SELECT display_name, email, phone_e164, preferred_language, time_zone, account_role FROM app_user
          WHERE tenant_id = $1 AND account_id = $2 ORDER BY account_role DESC, display_name`,
      [ctx.tenant.id, accountId],
    );
    return rows.map((r) => ({
      displayName: r.display_name,
      email: r.email,
      phone: r.phone_e164,
      preferredLanguage: r.preferred_language,
      timeZone: r.time_zone,
      role: r.account_role,
    }));
  }

  /** Which newsletters the account's people receive (newsletters:read). */
  @GrantAccess({ scope: 'newsletters:read', action: 'read', resource: 'newsletters' })
  @Get('accounts/:accountId/newsletters')
  async newsletters(@Ctx() ctx: RequestContext, @Param('accountId', new ParseUUIDPipe()) accountId: string) {
    const db = await ctx.db();
    const rows: { email: string; name_en: string; status: string }[] = await db.query(
      `SELECT u.email, l.name_en, s.status FROM newsletter_subscription s
         JOIN app_user u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
         JOIN newsletter_list l ON l.tenant_id = s.tenant_id AND l.id = s.list_id
        WHERE s.tenant_id = $1 AND u.account_id = $2 ORDER BY u.email, l.name_en`,
      [ctx.tenant.id, accountId],
    );
    return rows.map((r) => ({ email: r.email, list: r.name_en, status: r.status }));
  }

  @GrantAccess({
    scope: 'billing:write',
    action: 'write',
    resource: 'billing',
    fields: BILLING_FIELDS,
    shows: 'billing:read',
  })
  @Put('accounts/:accountId/billing')
  async putBilling(
    @Ctx() ctx: RequestContext,
    @Param('accountId', new ParseUUIDPipe()) accountId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: BillingDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BillingDetails> {
    return billingWithEtag(reply, await this.billing.update(ctx, accountId, versionFromIfMatch(ifMatch), body));
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
  approve(
    @Ctx() ctx: RequestContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ApproveDto,
  ): Promise<AccessGrantView> {
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
