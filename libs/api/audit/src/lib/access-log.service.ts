import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@mijn-account/api-core';
import { AuditLogService, type StoredEvent, type VerificationResult } from './audit-log.service';

/** A signed checkpoint of an account's chain, as stored. */
export interface StoredCheckpoint {
  seq: string;
  hash: Buffer;
  key_id: string;
  signature: Buffer;
  signed_at: Date;
}

/** What a subscriber reads of their own account's access log, always on the request's tenant transaction. */
@Injectable()
export class AccessLogService {
  constructor(private readonly log: AuditLogService) {}

  /** The account's events (oldest first) and the chain's verification. */
  async withVerification(ctx: RequestContext, accountId: string): Promise<{ events: StoredEvent[]; verification: VerificationResult }> {
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
  async forExport(ctx: RequestContext, accountId: string): Promise<{ checkpoints: StoredCheckpoint[]; events: StoredEvent[] }> {
    const db = await ctx.db();
    const checkpoints: StoredCheckpoint[] = await db.query(
      `SELECT seq, hash, key_id, signature, signed_at FROM audit_checkpoint WHERE tenant_id = $1 AND account_id = $2 ORDER BY seq`,
      [ctx.tenant.id, accountId],
    );
    return { checkpoints, events: await this.log.events(db, ctx.tenant.id, accountId) };
  }
}
