import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@mijn-account/api-core';
import type { ChangeHistoryEntry, FieldChange } from '@mijn-account/shared-contracts';
import { ChangeHistoryRecord } from './entities/change-history-record.entity';

export type HistorySubject = 'profile' | 'billing' | 'subscription';

/**
 * "What changed, when, by whom" for profiles, billing details and subscriptions: one append-only row per save
 * that changed something (a trigger refuses updates and deletes), shown to the people it concerns,
 * including changes staff make for them.
 */
@Injectable()
export class ChangeHistoryService {
  async record(ctx: RequestContext, subject: HistorySubject, subjectId: string, changes: FieldChange[]): Promise<void> {
    if (changes.length === 0) return;
    const user = ctx.requireUser();
    const db = await ctx.db();
    await db.getRepository(ChangeHistoryRecord).insert({
      tenantId: ctx.tenant.id,
      subjectType: subject,
      subjectId,
      changedBy: user.id,
      changedByName: user.displayName,
      changedByKind: user.kind,
      changes,
    });
  }

  async list(ctx: RequestContext, subject: HistorySubject, subjectId: string): Promise<ChangeHistoryEntry[]> {
    const db = await ctx.db();
    const rows = await db.getRepository(ChangeHistoryRecord).find({
      select: { at: true, changedByName: true, changedByKind: true, changes: true },
      where: { tenantId: ctx.tenant.id, subjectType: subject, subjectId },
      order: { at: 'DESC', id: 'DESC' },
      take: 100,
    });
    return rows.map((r) => ({
      at: r.at.toISOString(),
      by: r.changedByName,
      byKind: r.changedByKind,
      changes: r.changes,
    }));
  }
}
