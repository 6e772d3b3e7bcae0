import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, Public, RequestContext } from '@mijn-account/api-core';
import { ROUTES } from '@mijn-account/shared-contracts';
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
  constructor(private readonly credentials: CredentialsService) {}

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

  @Public()
  @Post(`${ROUTES.invitations}/accept`)
  @HttpCode(204)
  async acceptInvitation(@Ctx() ctx: RequestContext, @Body() body: NewPasswordDto): Promise<void> {
    await this.credentials.acceptInvitation(ctx, body.token, body.password);
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
