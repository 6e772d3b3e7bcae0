import type { DataSource, EntityManager } from 'typeorm';
import { statementTimeoutOf, usesPreparedStatements } from './data-source';
import { prepareStatements } from './prepared-query';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One open transaction bound to one tenant on one connection. */
export interface TenantTransaction {
  readonly tenantId: string;
  readonly manager: EntityManager;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Opens a transaction whose first statement sets `app.tenant_id` (transaction-local) on the same
 * connection that will run every later query, so row-level security sees the tenant. The only way
 * the API, background jobs and command-line tasks touch tenant data.
 */
export async function beginTenantTransaction(dataSource: DataSource, tenantId: string): Promise<TenantTransaction> {
  if (typeof tenantId !== 'string' || !UUID.test(tenantId)) {
    throw new Error('beginTenantTransaction: no valid tenant id in context');
  }
  const runner = dataSource.createQueryRunner();
  const connection = (await runner.connect()) as Parameters<typeof prepareStatements>[0];
  if (usesPreparedStatements(dataSource)) prepareStatements(connection);
  try {
    await runner.startTransaction();
    const timeout = statementTimeoutOf(dataSource);
    // Both transaction-local, so they hold behind PgBouncer in transaction mode; one round trip.
    if (timeout > 0) {
      await runner.query(`SELECT set_config('app.tenant_id', $1, true), set_config('statement_timeout', $2, true)`, [
        tenantId,
        String(timeout),
      ]);
    } else {
      await runner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    }
  } catch (error) {
    await runner.release();
    throw error;
  }
  let open = true;
  const finish = async (action: 'commit' | 'rollback') => {
    if (!open) return;
    open = false;
    try {
      if (action === 'commit') await runner.commitTransaction();
      else await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  };
  return {
    tenantId,
    manager: runner.manager,
    commit: () => finish('commit'),
    rollback: () => finish('rollback'),
  };
}

/** Runs `work` in a tenant transaction: committed when it resolves, rolled back when it throws. */
export async function withTenant<T>(
  dataSource: DataSource,
  tenantId: string,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const tx = await beginTenantTransaction(dataSource, tenantId);
  try {
    const result = await work(tx.manager);
    await tx.commit();
    return result;
  } catch (error) {
    await tx.rollback();
    throw error;
  }
}
