import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type RequestContext, problems } from '@mijn-account/api-core';

export type NewsletterTokenPurpose = 'manage' | 'unsubscribe' | 'confirm';

export interface NewsletterToken {
  purpose: NewsletterTokenPurpose;
  userId: string;
  listId: string | null;
}

/** Confirmation links stop working after this; manage and unsubscribe links keep working. */
const CONFIRM_TTL_MS = 7 * 24 * 3_600_000;

/**
 * Signed links in newsletter mails that work without signing in: "manage my newsletters",
 * one-click unsubscribe (RFC 8058), and the double opt-in confirmation. HMAC-SHA256 over
 * purpose, tenant, user, list and time; a changed or foreign token is refused.
 */
@Injectable()
export class NewsletterTokens {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.session.secret).update('newsletter-links').digest();
  }

  sign(ctx: RequestContext, token: NewsletterToken): string {
    const body = Buffer.from(
      JSON.stringify([token.purpose, ctx.tenant.id, token.userId, token.listId, Date.now()]),
    ).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(ctx: RequestContext, raw: string | undefined, purpose: NewsletterTokenPurpose): NewsletterToken {
    const [body, mac] = (raw ?? '').split('.');
    if (!body || !mac || mac.length !== 43 || !timingSafeEqual(Buffer.from(mac), Buffer.from(this.mac(body))))
      throw problems.linkInvalid();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw problems.linkInvalid();
    }
    const [p, tenantId, userId, listId, issuedAt] = parsed as [string, string, string, string | null, number];
    if (p !== purpose || tenantId !== ctx.tenant.id || typeof userId !== 'string') throw problems.linkInvalid();
    if (purpose === 'confirm' && Date.now() - issuedAt > CONFIRM_TTL_MS) throw problems.linkExpired();
    return { purpose, userId, listId };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
