import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, problems } from '@mijn-account/api-core';

/**
 * Signed download links of a ready export: HMAC-SHA256 over tenant, user, export and expiry. The
 * link alone is not enough: the download also needs the signed-in session of that same user, so a
 * forwarded or leaked mail opens nothing for anyone else.
 */
@Injectable()
export class ExportLinks {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.session.secret).update('privacy-export-links').digest();
  }

  sign(tenantId: string, userId: string, exportId: string, expiresAt: Date): string {
    const body = Buffer.from(JSON.stringify([tenantId, userId, exportId, expiresAt.getTime()])).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /**
   * Checks a link for the signed-in user: tampered or of another portal or export → link-invalid
   * (400); another user's → forbidden (403); past its expiry → link-expired (410).
   */
  verify(raw: string | undefined, tenantId: string, userId: string, exportId: string): void {
    const [body, mac] = (raw ?? '').split('.');
    if (!body || !mac || mac.length !== 43 || !timingSafeEqual(Buffer.from(mac), Buffer.from(this.mac(body))))
      throw problems.linkInvalid();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw problems.linkInvalid();
    }
    const [t, u, e, expires] = parsed as [string, string, string, number];
    if (t !== tenantId || e !== exportId || typeof expires !== 'number') throw problems.linkInvalid();
    if (u !== userId) throw problems.forbidden('This download link is for another user; sign in as that user');
    if (Date.now() >= expires) throw problems.linkExpired();
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
