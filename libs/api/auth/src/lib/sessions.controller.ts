import { Body, Controller, Delete, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, type AppConfig, Ctx, RequestContext } from '@mijn-account/api-core';
import { ROUTES } from '@mijn-account/shared-contracts';
import { Public } from '@mijn-account/api-core';
import { clearSessionCookie, setSessionCookie, setXsrfCookie } from './cookies';
import { anonymousCsrfToken, csrfTokenForSession } from './csrf';
import { SignInDto } from './dto/sign-in.dto';
import { SignInService } from './sign-in.service';

@ApiTags('session')
@Controller(ROUTES.session)
export class SessionsController {
  constructor(
    private readonly signInService: SignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sign in with e-mail and password. Answers 204 with a new session cookie; 401 for any failure. */
  @Public()
  @Post()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed in; the session cookie is set' })
  async signIn(
    @Ctx() ctx: RequestContext,
    @Body() body: SignInDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const session = await this.signInService.signIn(ctx, body.email, body.password);
    setSessionCookie(reply, this.config, session.token, session.expiresAt);
    setXsrfCookie(reply, this.config, csrfTokenForSession(this.config.session.secret, session.token));
  }

  /** Sign out: ends the session on the server, not only in the browser. */
  @Public()
  @Delete()
  @HttpCode(204)
  @ApiOkResponse({ description: 'Signed out' })
  async signOut(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.signInService.signOut(ctx);
    clearSessionCookie(reply, this.config);
    setXsrfCookie(reply, this.config, anonymousCsrfToken());
  }
}
