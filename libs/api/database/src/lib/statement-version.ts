import type { EntityManager } from 'typeorm';

/**
 * The tenant's privacy statement in force — its last published version — as the consent ledger
 * records it (`consent_record.privacy_version`): newsletter opt-ins, objections and age
 * confirmations all name the version the person could read when they decided. `null` for a tenant
 * that has published none yet (callers then record the configured `PRIVACY_STATEMENT_VERSION`).
 * Here, below every feature, so sign-up (api-auth) and the privacy pages use the same query.
 */
export async function publishedStatementVersion(db: EntityManager, tenantId: string): Promise<string | null> {
  // SQL: the highest published version number of this tenant.
  const [row]: { version: string | null }[] = await db.query(
    `SELECT max(version)::text AS version FROM privacy_statement WHERE tenant_id = $1 AND published_at IS NOT NULL`,
    [tenantId],
  );
  return row?.version ?? null;
}
