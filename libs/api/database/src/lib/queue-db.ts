import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';

/**
 * A pg-boss `db` that runs its statements on the given transaction's connection: a job queued this
 * way exists only if the caller's transaction commits (the mail outbox, a billing run's next step).
 */
export function transactionalDb(manager: EntityManager): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const runner = manager.queryRunner;
      if (!runner) throw new Error('transactionalDb: the entity manager is not in a transaction');
      const result = await runner.query(text, values, true);
      return { rows: result.records as unknown[] };
    },
  };
}
