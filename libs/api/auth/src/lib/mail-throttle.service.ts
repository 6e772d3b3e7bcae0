import { Injectable } from '@nestjs/common';
import { ProblemException, type RequestContext } from '@mijn-account/api-core';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';

/** The window the limits count in. */
const WINDOW_S = 60 * 60;
/** Mails one address may be sent per window through requests anyone can make (sign-up, reset, e-mail change, invitation). */
export const MAIL_PER_ADDRESS = 5;
/** Such mails one client IP may cause per window, to any addresses. */
export const MAIL_PER_IP = 20;

/**
 * Limits the mail a request can make the portal send, per recipient address and per client IP
 * (tenant-scoped, fixed one-hour windows), so the portal cannot be used to flood someone's
 * mailbox. Counted before anything is looked up, whether or not the address has an account, so a
 * refusal (429 with Retry-After) says nothing about the address. One statement in the request's
 * transaction: the rows stay locked until it ends, so parallel requests count one after the other,
 * and a refused or failed request counts nothing.
 */
@Injectable()
export class MailThrottle {
  async allow(ctx: RequestContext, address: string): Promise<void> {
    const db = await ctx.db();
    // Keys in one order ('ip:' before 'to:'), so two requests never wait on each other's second row.
    const rows: { key: string; sent: number; retry_after: number }[] = await db.query(
      `INSERT INTO mail_send_throttle AS t (tenant_id, key, window_started_at, sent)
            SELECT $1, unnest($2::text[]), now(), 1
       ON CONFLICT (tenant_id, key) DO UPDATE SET
            window_started_at = CASE WHEN t.window_started_at <= now() - make_interval(secs => $3) THEN now() ELSE t.window_started_at END,
            sent = CASE WHEN t.window_started_at <= now() - make_interval(secs => $3) THEN 1 ELSE t.sent + 1 END
       RETURNING key, sent, greatest(1, ceil(extract(epoch FROM t.window_started_at + make_interval(secs => $3) - now())))::int AS retry_after`,
      [ctx.tenant.id, [`ip:${ctx.ip}`, `to:${address.trim().toLowerCase()}`], WINDOW_S],
    );
    const over = rows.filter((row) => row.sent > (row.key.startsWith('ip:') ? MAIL_PER_IP : MAIL_PER_ADDRESS));
    if (over.length > 0) throw tooManyMails(Math.max(...over.map((row) => row.retry_after)));
  }
}

const tooManyMails = (retryAfter: number) =>
  new ProblemException({
    type: PROBLEM_TYPES.tooManyAttempts,
    title: 'Too many requests',
    status: 429,
    detail: `Too many e-mails were asked for; try again in ${retryAfter} seconds`,
    retryAfter,
  });
