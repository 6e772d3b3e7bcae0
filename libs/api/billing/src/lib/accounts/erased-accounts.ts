import type { EntityManager } from 'typeorm';
import { type RequestContext, problems } from '@mijn-account/api-core';
import { ACCOUNT_ERASED, type RestrictedRecord } from '@mijn-account/shared-contracts';

/**
 * An erased account's records are kept, restricted (issue 18 §3, ADR 0015): finance may read and
 * download them, and changes nothing on them. Answers the account's marker, or null when it is not erased.
 */
export async function erasedAccount(
  db: EntityManager,
  ctx: RequestContext,
  accountId: string,
): Promise<RestrictedRecord | null> {
  // SQL: the erasure's marker, and the last retention end of the account's issued documents.
  const [row]: { erased_at: Date | null; kept_until: string | null }[] = await db.query(
    `SELECT a.erased_at, (SELECT max(fiscal_retention_end(i.issue_date))::text FROM invoice i
                           WHERE i.tenant_id = a.tenant_id AND i.account_id = a.id) AS kept_until
       FROM subscriber_account a WHERE a.tenant_id = $1 AND a.id = $2`,
    [ctx.tenant.id, accountId],
  );
  return row?.erased_at ? { erasedAt: new Date(row.erased_at).toISOString(), keptUntil: row.kept_until } : null;
}

/** Refuses a change on an erased account's records: 409, naming why, field `accountId`. */
export async function refuseIfErased(db: EntityManager, ctx: RequestContext, accountId: string): Promise<void> {
  const erased = await erasedAccount(db, ctx, accountId);
  if (erased)
    throw problems.conflict(
      `This account was erased on ${erased.erasedAt.slice(0, 10)}: its records are kept, restricted, for the fiscal retention and are not changed`,
      [{ field: 'accountId', code: ACCOUNT_ERASED, message: 'The account was erased; its records are restricted' }],
    );
}
