import type { DataSource } from 'typeorm';
import { withTenant } from '@mijn-account/api-database';
import { type AuditLogService, UNSEALED_EVENTS, type VerificationResult } from './audit-log.service';

export interface ChainReport extends VerificationResult {
  tenant: string;
  accountId: string;
}

/** Verifies every chain of every tenant (for `npm run audit:verify` and monitoring). */
export async function verifyAllChains(dataSource: DataSource, log: AuditLogService): Promise<ChainReport[]> {
  const tenants: { id: string; slug: string }[] = await dataSource.query(`SELECT id, slug FROM tenant ORDER BY slug`);
  const reports: ChainReport[] = [];
  for (const tenant of tenants) {
    await withTenant(dataSource, tenant.id, async (db) => {
      // Every account with a chain, and any whose events all still wait for the sealer.
      const chains: { account_id: string }[] = await db.query(
        `SELECT account_id FROM audit_chain WHERE tenant_id = $1
          UNION SELECT account_id FROM audit_event e WHERE ${UNSEALED_EVENTS}
          ORDER BY account_id`,
        [tenant.id],
      );
      for (const chain of chains)
        reports.push({
          tenant: tenant.slug,
          accountId: chain.account_id,
          ...(await log.verify(db, tenant.id, chain.account_id)),
        });
    });
  }
  return reports;
}
