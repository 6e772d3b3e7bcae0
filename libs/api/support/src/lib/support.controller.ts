import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BillingDto, BillingService } from '@mijn-account/api-accounts';
import { sendInvoiceFile } from '@mijn-account/api-billing';
import {
  AccountAccess,
  Ctx,
  GrantAccess,
  RequestContext,
  StaffAccess,
  StepUp,
  UuidPipe,
  problems,
  versionFromIfMatch,
  withEtag,
} from '@mijn-account/api-core';
import {
  type AccessLogField,
  type AccessGrantView,
  type BillingDetails,
  type BillingUpdate,
  type MyInvoiceView,
  ROUTES,
} from '@mijn-account/shared-contracts';
import { AccessRequestDto, ApproveDto, CloseDto, DenyDto } from './dto/access.dto';
import { GrantsService } from './grants.service';
import { type SupportNewsletterSubscription, type SupportProfile, SupportViewService } from './support-view.service';

/** What an agent with billing:write may change (the log names those a request sends). */
const BILLING_FIELDS = ['companyName', 'cocNumber', 'vatId', 'billingEmail', 'address'] satisfies (keyof BillingUpdate &
  AccessLogField)[];

/** The helpdesk agent's console: find an account, request access, see their grants, use them. */
@ApiTags('support')
@Controller(ROUTES.support)
export class SupportController {
  constructor(
    private readonly grants: GrantsService,
    private readonly billing: BillingService,
    private readonly view: SupportViewService,
  ) {}

  /** By customer number, name or a user's e-mail; answers customer number and name only. */
  @StaffAccess('helpdesk-agent', 'helpdesk-supervisor')
  @Get('accounts')
  search(
    @Ctx() ctx: RequestContext,
    @Query('q') q = '',
  ): Promise<{ id: string; customerNumber: string; name: string }[]> {
    return this.view.searchAccounts(ctx, q);
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
    @Param('id', UuidPipe) id: string,
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

  /** Technical requests decided lately, newest first: what the supervisors approved or denied, and why. */
  @StaffAccess('helpdesk-supervisor')
  @Get('queue/decided')
  decided(@Ctx() ctx: RequestContext): Promise<AccessGrantView[]> {
    return this.grants.technicalDecisions(ctx);
  }

  /** Like an owner's approval: optionally shorter, or with fewer scopes, never more than asked. */
  @StaffAccess('helpdesk-supervisor')
  @StepUp('second-factor')
  @Post('queue/:id/approve')
  @HttpCode(200)
  approve(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: ApproveDto = {},
  ): Promise<AccessGrantView> {
    return this.grants.decideAsSupervisor(ctx, id, true, body);
  }

  @StaffAccess('helpdesk-supervisor')
  @Post('queue/:id/deny')
  @HttpCode(200)
  deny(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: DenyDto = {},
  ): Promise<AccessGrantView> {
    return this.grants.decideAsSupervisor(ctx, id, false, { reason: body.reason });
  }

  // --- the support view: subscriber data, only under an active grant ------------------------
  // The access guard checks the grant and logs each access before a handler runs (@GrantAccess).

  @GrantAccess({ scope: 'billing:read', action: 'read', resource: 'billing' })
  @Get('accounts/:accountId/billing')
  async getBilling(
    @Ctx() ctx: RequestContext,
    @Param('accountId', UuidPipe) accountId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BillingDetails> {
    return withEtag(reply, await this.billing.get(ctx, accountId));
  }

  /** The people of the account as their profiles show them (profile:read). */
  @GrantAccess({
    scope: 'profile:read',
    action: 'read',
    resource: 'profiles',
    fields: ['name', 'email', 'phone', 'language', 'timeZone'],
  })
  @Get('accounts/:accountId/profiles')
  profiles(@Ctx() ctx: RequestContext, @Param('accountId', UuidPipe) accountId: string): Promise<SupportProfile[]> {
    return this.view.profiles(ctx, accountId);
  }

  /** Which newsletters the account's people receive (newsletters:read). */
  @GrantAccess({ scope: 'newsletters:read', action: 'read', resource: 'newsletters' })
  @Get('accounts/:accountId/newsletters')
  newsletters(
    @Ctx() ctx: RequestContext,
    @Param('accountId', UuidPipe) accountId: string,
  ): Promise<SupportNewsletterSubscription[]> {
    return this.view.newsletters(ctx, accountId);
  }

  /** The account's issued invoices and credit notes, as Mijn facturen lists them (invoices:read). */
  @GrantAccess({
    scope: 'invoices:read',
    action: 'read',
    resource: 'invoices',
    fields: ['number', 'status', 'totals', 'dueDate'],
  })
  @Get('accounts/:accountId/invoices')
  invoices(@Ctx() ctx: RequestContext, @Param('accountId', UuidPipe) accountId: string): Promise<MyInvoiceView[]> {
    return this.view.invoices(ctx, accountId);
  }

  /** One issued invoice's PDF, the bytes the account's owners download (invoices:read; each download logged). */
  @GrantAccess({ scope: 'invoices:read', action: 'read', resource: 'invoices', fields: ['pdf'] })
  @Get('accounts/:accountId/invoices/:invoiceId/pdf')
  @ApiProduces('application/pdf')
  async invoicePdf(
    @Ctx() ctx: RequestContext,
    @Param('accountId', UuidPipe) accountId: string,
    @Param('invoiceId', UuidPipe) invoiceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendInvoiceFile(reply, await this.view.invoiceFile(ctx, accountId, invoiceId, 'pdf'));
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
    @Param('accountId', UuidPipe) accountId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: BillingDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BillingDetails> {
    return withEtag(reply, await this.billing.update(ctx, accountId, versionFromIfMatch(ifMatch), body));
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
    @Param('id', UuidPipe) id: string,
    @Body() body: ApproveDto,
  ): Promise<AccessGrantView> {
    return this.grants.decideAsOwner(ctx, id, true, body);
  }

  @AccountAccess('owner')
  @Post(':id/deny')
  @HttpCode(200)
  deny(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: DenyDto = {},
  ): Promise<AccessGrantView> {
    return this.grants.decideAsOwner(ctx, id, false, { reason: body.reason });
  }

  /** Ends an active grant; the agent's very next request is refused. */
  @AccountAccess('owner')
  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<AccessGrantView> {
    return this.grants.revoke(ctx, id);
  }
}
