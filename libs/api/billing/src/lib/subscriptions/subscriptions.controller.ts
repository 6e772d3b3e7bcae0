import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AccountAccess,
  Ctx,
  RequestContext,
  StaffAccess,
  UuidPipe,
  versionFromIfMatch,
  withEtag,
} from '@mijn-account/api-core';
import { accountIdOf } from '@mijn-account/api-accounts';
import { type MySubscriptionOptions, ROUTES, type SubscriptionView } from '@mijn-account/shared-contracts';
import { MySubscriptionChangeDto, SubscriptionDto, SubscriptionUpdateDto } from './subscription.dto';
import { SubscriptionsService } from './subscriptions.service';

/** An account's subscriptions, kept by finance: listed and created under the account. */
@ApiTags('finance')
@Controller(`${ROUTES.financeAccounts}/:accountId/subscriptions`)
export class AccountSubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @StaffAccess('finance')
  @Get()
  list(@Ctx() ctx: RequestContext, @Param('accountId', UuidPipe) accountId: string): Promise<SubscriptionView[]> {
    return this.subscriptions.list(ctx, accountId);
  }

  @StaffAccess('finance')
  @Post()
  async create(
    @Ctx() ctx: RequestContext,
    @Param('accountId', UuidPipe) accountId: string,
    @Body() body: SubscriptionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubscriptionView> {
    return withEtag(reply, await this.subscriptions.create(ctx, accountId, body));
  }
}

/** One subscription, read (with its ETag) and changed (If-Match) by finance. */
@ApiTags('finance')
@Controller(ROUTES.financeSubscriptions)
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @StaffAccess('finance')
  @Get(':subscriptionId')
  async get(
    @Ctx() ctx: RequestContext,
    @Param('subscriptionId', UuidPipe) subscriptionId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubscriptionView> {
    return withEtag(reply, await this.subscriptions.get(ctx, subscriptionId));
  }

  @StaffAccess('finance')
  @Put(':subscriptionId')
  @ApiHeader({ name: 'If-Match', required: true })
  async update(
    @Ctx() ctx: RequestContext,
    @Param('subscriptionId', UuidPipe) subscriptionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: SubscriptionUpdateDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubscriptionView> {
    const version = versionFromIfMatch(ifMatch);
    return withEtag(reply, await this.subscriptions.update(ctx, subscriptionId, version, body));
  }
}

/** "Mijn abonnement": the account's subscriptions; the owner cancels at period end or undoes it. */
@ApiTags('account')
@Controller(ROUTES.mySubscription)
export class MySubscriptionController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @AccountAccess('owner', 'member')
  @Get()
  get(@Ctx() ctx: RequestContext): Promise<SubscriptionView[]> {
    return this.subscriptions.mine(ctx, accountIdOf(ctx));
  }

  @AccountAccess('owner')
  @Post(':subscriptionId/cancel')
  @HttpCode(200)
  cancel(@Ctx() ctx: RequestContext, @Param('subscriptionId', UuidPipe) id: string): Promise<SubscriptionView> {
    return this.subscriptions.setCancel(ctx, accountIdOf(ctx), id, true);
  }

  /** Whether the subscriber may change plan or quantity here, and the plans to choose from. */
  @AccountAccess('owner', 'member')
  @Get('options')
  options(@Ctx() ctx: RequestContext): Promise<MySubscriptionOptions> {
    return this.subscriptions.optionsForSubscriber(ctx);
  }

  /** The owner changes plan or quantity from today (prorated), where the tenant allows it. */
  @AccountAccess('owner')
  @Post(':subscriptionId/change')
  @HttpCode(200)
  change(
    @Ctx() ctx: RequestContext,
    @Param('subscriptionId', UuidPipe) id: string,
    @Body() body: MySubscriptionChangeDto,
  ): Promise<SubscriptionView> {
    return this.subscriptions.changeAsOwner(ctx, accountIdOf(ctx), id, body);
  }

  @AccountAccess('owner')
  @Post(':subscriptionId/resume')
  @HttpCode(200)
  resume(@Ctx() ctx: RequestContext, @Param('subscriptionId', UuidPipe) id: string): Promise<SubscriptionView> {
    return this.subscriptions.setCancel(ctx, accountIdOf(ctx), id, false);
  }
}
