import { Injectable } from '@nestjs/common';
import { ProblemException, type RequestContext, problems } from '@mijn-account/api-core';
import { MailService } from '@mijn-account/api-mail';
import { type IdentityProviderName, type Language, PAGES, PROBLEM_TYPES } from '@mijn-account/shared-contracts';

/** An external identity as its issuer vouched for it in an ID token. */
export interface ExternalIdentity {
  provider: IdentityProviderName;
  /** The token's `iss`: the key is issuer + subject, so another issuer can never claim a link. */
  issuer: string;
  subject: string;
  email: string;
}

export type LinkOutcome = 'linked' | 'unchanged' | 'in-use' | 'already-linked';

const PROVIDER_NAMES: Record<IdentityProviderName, string> = { google: 'Google', microsoft: 'Microsoft 365' };

/** How a linked sign-in is named to its user (in mail): "Google (someone@gmail.com)". */
export function describeIdentity(identity: { provider: IdentityProviderName; email: string | null }): string {
  return identity.email
    ? `${PROVIDER_NAMES[identity.provider]} (${identity.email})`
    : PROVIDER_NAMES[identity.provider];
}

/**
 * The user's linked Google and Microsoft identities (`user_identity`): one per provider per user,
 * keyed by issuer and subject. A link is only ever added, never overwritten; adding one to an
 * existing account mails its owner with the way to remove it.
 */
@Injectable()
export class UserIdentitiesService {
  constructor(private readonly mail: MailService) {}

  /** The user an identity signs in to, touched as used; null when it is not linked. */
  async signInTo(ctx: RequestContext, identity: ExternalIdentity): Promise<string | null> {
    const db = await ctx.db();
    const rows: { user_id: string }[] = await db.query(
      `WITH used AS (
         UPDATE user_identity SET last_used_at = now()
          WHERE tenant_id = $1 AND issuer = $2 AND subject = $3 AND provider = $4 RETURNING user_id)
       SELECT user_id FROM used`,
      [ctx.tenant.id, identity.issuer, identity.subject, identity.provider],
    );
    return rows[0]?.user_id ?? null;
  }

  /**
   * Links an identity to a user. Refused when the identity belongs to someone else (`in-use`) or
   * the user already has another identity of this provider (`already-linked`: they unlink that one
   * first). `notify` mails the user that a sign-in was added (not for the account it just created).
   */
  async link(ctx: RequestContext, userId: string, identity: ExternalIdentity, notify: boolean): Promise<LinkOutcome> {
    const db = await ctx.db();
    const inserted: { user_id: string }[] = await db.query(
      `INSERT INTO user_identity (tenant_id, provider, issuer, subject, user_id, email, last_used_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [ctx.tenant.id, identity.provider, identity.issuer, identity.subject, userId, identity.email || null],
    );
    if (!inserted[0]) {
      const owner: { user_id: string }[] = await db.query(
        `SELECT user_id FROM user_identity WHERE tenant_id = $1 AND issuer = $2 AND subject = $3`,
        [ctx.tenant.id, identity.issuer, identity.subject],
      );
      if (owner[0]?.user_id === userId) return 'unchanged';
      return owner[0] ? 'in-use' : 'already-linked';
    }
    if (notify) {
      const users: { email: string; preferred_language: Language | null }[] = await db.query(
        `SELECT email, preferred_language FROM app_user WHERE tenant_id = $1 AND id = $2`,
        [ctx.tenant.id, userId],
      );
      await this.mail.send(ctx, {
        to: users[0].email,
        template: 'identity-linked',
        language: users[0].preferred_language,
        params: {
          provider: PROVIDER_NAMES[identity.provider],
          signIn: describeIdentity(identity),
          securityLink: `${ctx.origin}${PAGES.security}`,
        },
      });
    }
    return 'linked';
  }

  /** The user's linked identities, by provider. */
  async listOf(
    ctx: RequestContext,
    userId: string,
  ): Promise<{ provider: IdentityProviderName; email: string | null; created_at: Date }[]> {
    const db = await ctx.db();
    return db.query(
      `SELECT provider, email, created_at FROM user_identity WHERE tenant_id = $1 AND user_id = $2 ORDER BY provider`,
      [ctx.tenant.id, userId],
    );
  }

  /**
   * Unlinks one provider from a user; refused (409) when it is the user's last way to sign in (no
   * password, no other identity), 404 when it is not linked. The user row is locked for the check.
   */
  async unlink(ctx: RequestContext, userId: string, provider: IdentityProviderName): Promise<void> {
    const db = await ctx.db();
    const rows: { has_password: boolean; identities: number }[] = await db.query(
      `SELECT u.password_hash IS NOT NULL AS has_password,
              (SELECT count(*)::int FROM user_identity i WHERE i.tenant_id = u.tenant_id AND i.user_id = u.id) AS identities
         FROM app_user u WHERE u.tenant_id = $1 AND u.id = $2 FOR NO KEY UPDATE`,
      [ctx.tenant.id, userId],
    );
    if (!rows[0].has_password && rows[0].identities <= 1) {
      throw new ProblemException({
        type: PROBLEM_TYPES.lastSignInMethod,
        title: 'This is your last way to sign in',
        status: 409,
        detail: 'Set a password or link another sign-in first',
      });
    }
    const deleted: { n: number }[] = await db.query(
      `WITH gone AS (DELETE FROM user_identity WHERE tenant_id = $1 AND user_id = $2 AND provider = $3 RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [ctx.tenant.id, userId, provider],
    );
    if (deleted[0].n === 0) throw problems.notFound('This sign-in is not linked');
  }

  /** Removes every linked identity of a user (a password reset does); answers what was removed. */
  async unlinkAll(
    ctx: RequestContext,
    userId: string,
  ): Promise<{ provider: IdentityProviderName; email: string | null }[]> {
    const db = await ctx.db();
    return db.query(
      `WITH gone AS (DELETE FROM user_identity WHERE tenant_id = $1 AND user_id = $2 RETURNING provider, email)
       SELECT provider, email FROM gone ORDER BY provider`,
      [ctx.tenant.id, userId],
    );
  }
}
