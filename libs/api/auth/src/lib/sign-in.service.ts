import { Injectable } from '@nestjs/common';
import { ProblemException, type RequestContext, type SessionRef } from '@mijn-account/api-core';
import { User } from '@mijn-account/api-database';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';

/** One answer for every failure, so it does not tell whether the e-mail address has an account. */
export const signInFailed = () =>
  new ProblemException({
    type: PROBLEM_TYPES.signInFailed,
    title: 'Sign-in failed',
    status: 401,
    detail: 'The e-mail address or password is incorrect',
  });

@Injectable()
export class SignInService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
  ) {}

  /** Checks the password and starts a new session; any session the browser had is ended first (rotation). */
  async signIn(ctx: RequestContext, email: string, password: string): Promise<SessionRef> {
    const db = await ctx.db();
    const user = await db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.tenantId = :tenantId AND u.email = :email', { tenantId: ctx.tenant.id, email: email.trim().toLowerCase() })
      .getOne();
    const valid = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !valid || user.disabledAt) throw signInFailed();
    if (ctx.session) await this.sessions.end(ctx, ctx.session.id);
    const session = await this.sessions.create(ctx, user.id);
    ctx.session = session;
    return session;
  }

  async signOut(ctx: RequestContext): Promise<void> {
    if (ctx.session) await this.sessions.end(ctx, ctx.session.id);
    ctx.session = null;
    ctx.user = null;
  }
}
