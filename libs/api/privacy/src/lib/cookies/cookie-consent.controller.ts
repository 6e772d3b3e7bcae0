import { Body, Controller, Get, Headers, Inject, Put, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsBoolean, IsIn } from 'class-validator';
import {
  APP_CONFIG,
  type AppConfig,
  Ctx,
  Public,
  RequestContext,
  StaffAccess,
  StepUp,
  versionFromIfMatch,
  withEtag,
} from '@mijn-account/api-core';
import {
  COOKIE_CHOICES,
  COOKIE_CHOICE_COOKIE,
  COOKIE_CHOICE_DAYS,
  type CookieChoice,
  type CookieConsentUpdate,
  type CookieConsentView,
  type CookieSettingsView,
  OPTIONAL_COOKIE,
  ROUTES,
} from '@mijn-account/shared-contracts';
import { CookieConsentService } from './cookie-consent.service';

export class CookieConsentDto implements CookieConsentUpdate {
  @ApiProperty({ enum: COOKIE_CHOICES })
  @IsIn(COOKIE_CHOICES, { message: 'Accept or refuse' })
  choice!: CookieChoice;
}

export class CookieSettingsDto implements CookieSettingsView {
  @IsBoolean()
  optionalCookie!: boolean;
}

/**
 * The consent banner's question and answer, for anyone (signed in or not): the answer is kept in
 * this browser's strictly necessary choice cookie, and a refusal removes the optional cookie at once.
 */
@ApiTags('privacy')
@Controller(ROUTES.cookieConsent)
export class CookieConsentController {
  constructor(
    private readonly consent: CookieConsentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  get(@Ctx() ctx: RequestContext, @Req() request: FastifyRequest): Promise<CookieConsentView> {
    return this.consent.view(ctx, request.cookies[COOKIE_CHOICE_COOKIE]);
  }

  @Public()
  @Put()
  async put(
    @Ctx() ctx: RequestContext,
    @Body() body: CookieConsentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CookieConsentView> {
    const view = await this.consent.choose(ctx, body.choice);
    reply.setCookie(COOKIE_CHOICE_COOKIE, body.choice, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.session.secureCookie,
      path: '/',
      maxAge: COOKIE_CHOICE_DAYS * 24 * 3600,
    });
    if (body.choice === 'refused')
      reply.clearCookie(OPTIONAL_COOKIE, { path: '/', secure: this.config.session.secureCookie });
    return view;
  }
}

/** The tenant admin's switch for the optional cookie (and so for the banner). */
@ApiTags('privacy')
@Controller(ROUTES.privacyCookieSettings)
export class CookieSettingsController {
  constructor(private readonly consent: CookieConsentService) {}

  @StaffAccess('tenant-admin')
  @Get()
  async get(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CookieSettingsView> {
    return withEtag(reply, await this.consent.settings(ctx));
  }

  @StaffAccess('tenant-admin')
  @StepUp()
  @Put()
  @ApiHeader({ name: 'If-Match', required: true })
  async put(
    @Ctx() ctx: RequestContext,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CookieSettingsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CookieSettingsView> {
    return withEtag(reply, await this.consent.updateSettings(ctx, versionFromIfMatch(ifMatch), body));
  }
}
