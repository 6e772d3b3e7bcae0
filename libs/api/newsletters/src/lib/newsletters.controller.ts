import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccountAccess, CsrfExempt, Ctx, Public, RequestContext, StaffAccess, UuidPipe } from '@mijn-account/api-core';
import {
  type NewsletterIssuePreview,
  type NewsletterListAdmin,
  type NewsletterListView,
  type NewsletterUnsubscribeView,
  PAGES,
  ROUTES,
} from '@mijn-account/shared-contracts';
import { CsvLanguageDto, IssueDto, NewsletterListDto, NewsletterTokenDto, SubscriptionDto } from './dto/newsletter.dto';
import { NewsletterTokens } from './newsletter-tokens';
import { NewslettersService, type Subscriber } from './newsletters.service';

function me(ctx: RequestContext): Subscriber {
  const user = ctx.requireUser();
  return { id: user.id, email: user.email, preferredLanguage: user.preferredLanguage };
}

/** A subscriber's own newsletters, in the portal. */
@ApiTags('newsletters')
@Controller(ROUTES.myNewsletters)
export class MyNewslettersController {
  constructor(private readonly newsletters: NewslettersService) {}

  @AccountAccess('owner', 'member')
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<NewsletterListView[]> {
    return this.newsletters.listsFor(ctx, me(ctx));
  }

  /** On sends a confirmation mail (double opt-in); off takes effect at once. */
  @AccountAccess('owner', 'member')
  @Put(':listId')
  set(
    @Ctx() ctx: RequestContext,
    @Param('listId', UuidPipe) listId: string,
    @Body() body: SubscriptionDto,
  ): Promise<NewsletterListView> {
    return this.newsletters.set(ctx, me(ctx), listId, body.subscribed, 'portal');
  }
}

/** Links in mails, working without signing in: manage, confirm, one-click unsubscribe. */
@ApiTags('newsletters')
@Controller(ROUTES.newsletters)
export class NewsletterLinksController {
  constructor(
    private readonly newsletters: NewslettersService,
    private readonly tokens: NewsletterTokens,
  ) {}

  @Public()
  @Get('manage')
  async manage(
    @Ctx() ctx: RequestContext,
    @Query('token') token: string,
  ): Promise<{ email: string; lists: NewsletterListView[] }> {
    const subscriber = await this.newsletters.subscriber(ctx, this.tokens.verify(ctx, token, 'manage').userId);
    return { email: subscriber.email, lists: await this.newsletters.listsFor(ctx, subscriber) };
  }

  @Public()
  @Put('manage/:listId')
  async setFromMail(
    @Ctx() ctx: RequestContext,
    @Query('token') token: string,
    @Param('listId', UuidPipe) listId: string,
    @Body() body: SubscriptionDto,
  ): Promise<NewsletterListView> {
    const subscriber = await this.newsletters.subscriber(ctx, this.tokens.verify(ctx, token, 'manage').userId);
    return this.newsletters.set(ctx, subscriber, listId, body.subscribed, 'mail-link');
  }

  @Public()
  @Post('confirm')
  @HttpCode(200)
  confirm(@Ctx() ctx: RequestContext, @Body() body: NewsletterTokenDto): Promise<NewsletterListView> {
    return this.newsletters.confirm(ctx, body.token);
  }

  /**
   * RFC 8058 one-click unsubscribe: the POST a mail program makes from the List-Unsubscribe header,
   * with no cookie, no page and no sign-in; the signed token is the only credential.
   */
  @Public()
  @CsrfExempt()
  @Post('unsubscribe')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Unsubscribed (also when already unsubscribed)' })
  async unsubscribe(@Ctx() ctx: RequestContext, @Query('token') token: string): Promise<{ unsubscribed: true }> {
    await this.newsletters.unsubscribe(ctx, token);
    return { unsubscribed: true };
  }

  /**
   * The header's URL opened in a browser: never unsubscribes (mail scanners fetch links), but sends
   * the person to the page whose one button does.
   */
  @Public()
  @Get('unsubscribe')
  @ApiResponse({ status: 303, description: 'To the unsubscribe page of the web app' })
  toPage(@Query('token') token: string | undefined, @Res() reply: FastifyReply): void {
    void reply.redirect(`${PAGES.newsletterUnsubscribe}?token=${encodeURIComponent(token ?? '')}`, 303);
  }

  /** What the unsubscribe page shows before its one click: the list, its state, the person's language. */
  @Public()
  @Get('unsubscribe/status')
  status(@Ctx() ctx: RequestContext, @Query('token') token: string | undefined): Promise<NewsletterUnsubscribeView> {
    return this.newsletters.unsubscribeView(ctx, token);
  }
}

/** A tenant admin's lists: create, edit, send an issue, export consented subscribers. */
@ApiTags('admin')
@Controller(ROUTES.adminNewsletters)
export class NewsletterAdminController {
  constructor(private readonly newsletters: NewslettersService) {}

  @StaffAccess('tenant-admin')
  @Get()
  list(@Ctx() ctx: RequestContext): Promise<NewsletterListAdmin[]> {
    return this.newsletters.adminLists(ctx);
  }

  @StaffAccess('tenant-admin')
  @Post()
  @HttpCode(201)
  async create(@Ctx() ctx: RequestContext, @Body() body: NewsletterListDto): Promise<{ id: string }> {
    return { id: await this.newsletters.saveList(ctx, null, body) };
  }

  @StaffAccess('tenant-admin')
  @Put(':id')
  @HttpCode(204)
  async update(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: NewsletterListDto,
  ): Promise<void> {
    await this.newsletters.saveList(ctx, id, body);
  }

  @StaffAccess('tenant-admin')
  @Post(':id/issues')
  @HttpCode(202)
  async send(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: IssueDto,
  ): Promise<{ recipients: number }> {
    return { recipients: await this.newsletters.sendIssue(ctx, id, body) };
  }

  /** How many people an issue would reach now (confirmed subscribers who are not disabled): named in the confirmation. */
  @StaffAccess('tenant-admin')
  @Get(':id/recipients')
  async recipients(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<{ recipients: number }> {
    return { recipients: await this.newsletters.recipientCount(ctx, id) };
  }

  /** The issue as its mail will look, in each language of the list; sends nothing. */
  @StaffAccess('tenant-admin')
  @Post(':id/issues/preview')
  @HttpCode(200)
  preview(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: IssueDto,
  ): Promise<NewsletterIssuePreview[]> {
    return this.newsletters.previewIssue(ctx, id, body);
  }

  /** Mails the issue to the signed-in admin only (over the mail queue), to see it in a real mailbox. */
  @StaffAccess('tenant-admin')
  @Post(':id/issues/test')
  @HttpCode(202)
  sendTest(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: IssueDto,
  ): Promise<{ to: string }> {
    return this.newsletters.sendTestIssue(ctx, id, body);
  }

  /** `?language=nl|en` (the admin's page sends its own): column names and sign-up ways in words; without, code names. */
  @StaffAccess('tenant-admin')
  @Get(':id/subscribers.csv')
  async export(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Query() query: CsvLanguageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const csv = await this.newsletters.exportCsv(ctx, id, query.language ?? null);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="subscribers-${id}.csv"`);
    return csv;
  }
}
