import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@mijn-account/api-core';
import type { ChangeHistoryEntry, FieldChange, UserKind } from '@mijn-account/shared-contracts';

export type HistorySubject = 'profile' | 'billing';

/**
 * "What changed, when, by whom" for profiles and billing details: one append-only row per save
 * that changed something (a trigger refuses updates and deletes), shown to the people it concerns,
 * including changes staff make for them.
 */
@Injectable()
export class ChangeHistoryService {
  async record(ctx: RequestContext, subject: HistorySubject, subjectId: string, changes: FieldChange[]): Promise<void> {
    if (changes.length === 0) return;
    const user = ctx.requireUser();
    const db = await ctx.db();
    await db.query(
      `INSERT INTO change_history (tenant_id, subject_type, subject_id, changed_by, changed_by_name, changed_by_kind, changes)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [ctx.tenant.id, subject, subjectId, user.id, user.displayName, user.kind, JSON.stringify(changes)],
    );
  }

  async list(ctx: RequestContext, subject: HistorySubject, subjectId: string): Promise<ChangeHistoryEntry[]> {
    const db = await ctx.db();
    const rows: { at: Date; changed_by_name: string; changed_by_kind: UserKind; changes: FieldChange[] }[] = await db.query(
      `SELECT at, changed_by_name, changed_by_kind, changes FROM change_history
        WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3 ORDER BY at DESC, id DESC LIMIT 100`,
      [ctx.tenant.id, subject, subjectId],
    );
    return rows.map((r) => ({ at: r.at.toISOString(), by: r.changed_by_name, byKind: r.changed_by_kind, changes: r.changes }));
  }
}
