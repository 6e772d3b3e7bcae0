import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a statement as a named prepared statement on the transaction's connection: PostgreSQL
 * parses it once per connection and, after a few runs, plans it once too. For the few statements
 * on a hot path (TypeORM's `query()` sends every statement unnamed, to be parsed and planned
 * again each time). The name comes from the text, so one text is one statement.
 */
export async function preparedQuery<T>(db: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const runner = db.queryRunner as unknown as { databaseConnection?: PgClient } | undefined;
  const client = runner?.databaseConnection;
  if (!client) throw new Error('preparedQuery: needs an entity manager bound to an open transaction');
  const name = `q_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
  const result = await client.query({ name, text, values });
  return result.rows as T[];
}
