import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { CsrfGuard } from './csrf.guard';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';
import { SessionsController } from './sessions.controller';
import { SignInService } from './sign-in.service';

/** Sign-in, sessions and the two global guards (access first, then CSRF, which needs the session). */
@Module({
  controllers: [SessionsController],
  providers: [
    PasswordHasher,
    SessionService,
    SignInService,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: CsrfGuard },
  ],
  exports: [PasswordHasher, SessionService],
})
export class AuthModule {}
