import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type RequestContext, problems } from '@mijn-account/api-core';
import { IdempotencyKey } from '../entities/idempotency-key.entity';

export interface Answer<T> {
  status: number;
  body: T;
}

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` (per user): the first request with a key does the work and keeps its answer
 * with a hash of what it asked, in the same transaction; the same key with the same request gets
 * that answer again, with another request a 422. Concurrent requests with one key meet on the
 * primary key: the second waits for the first to commit, then replays its answer.
 */
@Injectable()
export class IdempotencyService {
  async once<T>(
    ctx: RequestContext,
    key: string | undefined,
    route: string,
    request: unknown,
    work: () => Promise<Answer<T>>,
  ): Promise<Answer<T>> {
    if (!key || !KEY.test(key))
      throw problems.validation([
        {
          field: 'Idempotency-Key',
          code: 'isIdempotencyKey',
          message: 'Send an Idempotency-Key header: 1 to 200 visible ASCII characters, new for each new request',
        },
      ]);
    const user = ctx.requireUser();
    const hash = createHash('sha256')
      .update(`${route}\n${canonical(request)}`)
      .digest('hex');
    const db = await ctx.db();
    // SQL: claims the key, or waits for the request that holds it to commit and finds it taken.
    const claimed: unknown[] = await db.query(
      `INSERT INTO idempotency_key (tenant_id, user_id, key, route, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, user_id, key) DO NOTHING RETURNING 1`,
      [ctx.tenant.id, user.id, key, route, hash],
    );
    if (claimed.length === 0) {
      const kept = await db.findOneOrFail(IdempotencyKey, { where: { tenantId: ctx.tenant.id, userId: user.id, key } });
      if (kept.requestHash !== hash || kept.responseStatus === null)
        throw problems.validation([
          {
            field: 'Idempotency-Key',
            code: 'idempotencyKeyReused',
            message: 'This key was used for another request; use a new key for a new request',
          },
        ]);
      return { status: kept.responseStatus, body: kept.responseBody as T };
    }
    const answer = await work();
    await db.update(
      IdempotencyKey,
      { tenantId: ctx.tenant.id, userId: user.id, key },
      { responseStatus: answer.status, responseBody: answer.body as object },
    );
    return answer;
  }
}

/** JSON with object keys sorted, so the same request hashes the same whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
