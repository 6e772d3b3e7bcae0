import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@mijn-account/api-core';
import {
  AuditReaderService,
  type StoredCheckpoint,
  type StoredEvent,
  type VerificationResult,
} from './audit-reader.service';

/** What a subscriber reads of their own account's access log, always on the request's tenant transaction. */
@Injectable()
export class AccessLogService {
  constructor(private readonly log: AuditReaderService) {}

  /** The account's events (oldest first) and the chain's verification. */
  async withVerification(
    ctx: RequestContext,
    accountId: string,
  ): Promise<{ events: StoredEvent[]; verification: VerificationResult }> {
    const db = await ctx.db();
    const [events, verification] = await Promise.all([
      this.log.events(db, ctx.tenant.id, accountId),
      this.log.verify(db, ctx.tenant.id, accountId),
    ]);
    return { events, verification };
  }

  /** The account's events (oldest first). */
  async events(ctx: RequestContext, accountId: string): Promise<StoredEvent[]> {
    return this.log.events(await ctx.db(), ctx.tenant.id, accountId);
  }

  /** Everything an export needs: the signed checkpoints (by seq) and the events (oldest first). */
  async forExport(
    ctx: RequestContext,
    accountId: string,
  ): Promise<{ checkpoints: StoredCheckpoint[]; events: StoredEvent[] }> {
    const db = await ctx.db();
    const checkpoints = await this.log.checkpoints(db, ctx.tenant.id, accountId);
    return { checkpoints, events: await this.log.events(db, ctx.tenant.id, accountId) };
  }
}
