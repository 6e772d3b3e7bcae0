import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig, Ctx, Public, RequestContext } from '@mijn-account/api-core';
import { type InvitationPreview, ROUTES } from '@mijn-account/shared-contracts';
import { DEVICE_COOKIE, startBrowserSession } from './cookies';
import { CredentialsService } from './credentials.service';
import { EmailDto, NewPasswordDto, SignUpDto, TokenDto } from './dto/credentials.dto';

/**
 * Everything a person does from an e-mail link or before they can sign in: sign up and confirm,
 * reset a password, accept an invitation, confirm or undo an e-mail change. All public; the
 * tokens are the credentials.
 */
@ApiTags('session')
@Controller()
export class PublicLinksController {
  constructor(
    private readonly credentials: CredentialsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Always 202 with no body: the answer does not tell whether the address has an account. */
  @Public()
  @Post(ROUTES.signUp)
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'If the address can sign up, a confirmation mail is on its way' })
  async signUp(@Ctx() ctx: RequestContext, @Body() body: SignUpDto): Promise<void> {
    await this.credentials.signUp(ctx, body);
  }

  @Public()
  @Post(`${ROUTES.signUp}/verify`)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Address confirmed; the account exists and can sign in' })
  async verify(@Ctx() ctx: RequestContext, @Body() body: TokenDto): Promise<void> {
    await this.credentials.verifySignUp(ctx, body.token);
  }

  @Public()
  @Post(ROUTES.passwordReset)
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'If the address has an account, a reset mail is on its way' })
  async requestReset(@Ctx() ctx: RequestContext, @Body() body: EmailDto): Promise<void> {
    await this.credentials.requestReset(ctx, body.email);
  }

  @Public()
  @Post(`${ROUTES.passwordReset}/confirm`)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password set; every session of the account has ended' })
  async reset(@Ctx() ctx: RequestContext, @Body() body: NewPasswordDto): Promise<void> {
    await this.credentials.reset(ctx, body.token, body.password);
  }

  /** What an invitation link is for, before the password is chosen; the link stays unused. A POST: the token stays out of URLs and logs. */
  @Public()
  @Post(`${ROUTES.invitations}/preview`)
  @HttpCode(200)
  @ApiOkResponse({ description: 'Who invited, to which account as what (or to the staff, with which roles)' })
  previewInvitation(@Ctx() ctx: RequestContext, @Body() body: TokenDto): Promise<InvitationPreview> {
    return this.credentials.previewInvitation(ctx, body.token);
  }

  @Public()
  @Post(`${ROUTES.invitations}/accept`)
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'The account is active and signed in (session cookie set); the link is used up',
  })
  async acceptInvitation(
    @Ctx() ctx: RequestContext,
    @Body() body: NewPasswordDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const signedIn = await this.credentials.acceptInvitation(
      ctx,
      body.token,
      body.password,
      request.cookies[DEVICE_COOKIE],
    );
    startBrowserSession(reply, this.config, signedIn);
  }

  @Public()
  @Post(`${ROUTES.emailChange}/confirm`)
  @HttpCode(204)
  async confirmEmailChange(@Ctx() ctx: RequestContext, @Body() body: TokenDto): Promise<void> {
    await this.credentials.confirmEmailChange(ctx, body.token);
  }

  @Public()
  @Post(`${ROUTES.emailChange}/undo`)
  @HttpCode(204)
  async undoEmailChange(@Ctx() ctx: RequestContext, @Body() body: TokenDto): Promise<void> {
    await this.credentials.undoEmailChange(ctx, body.token);
  }
}
