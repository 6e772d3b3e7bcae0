import { createHash } from 'node:crypto';

interface PgClient {
  query: (...args: unknown[]) => unknown;
  [PREPARING]?: true;
}

const PREPARING = Symbol('mijn-account.preparing');

/**
 * Statement names by text. The code's statements are a fixed set; should some code ever build
 * texts without end, statements past this many stay unnamed, so neither this map nor each
 * connection's prepared statements grow without bound.
 */
const MAX_STATEMENTS = 2000;
const names = new Map<string, string>();

function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_STATEMENTS) {
    name = `q_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Makes every parameterised statement on this pg connection a named prepared statement: PostgreSQL
 * then parses it once per connection and, after a few runs, plans it once too, instead of parsing
 * and planning each time (TypeORM sends every statement unnamed). Row-level security makes even
 * small statements costly to plan, and planning was most of the database's time per request. The
 * name comes from the text, so one text is one statement; statements without parameters (BEGIN,
 * COMMIT) stay as they are. Installed once per pooled connection.
 */
export function prepareStatements(client: PgClient): void {
  if (client[PREPARING]) return;
  const query = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    const [text, values, callback] = args;
    const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 ? nameOf(text) : undefined;
    if (name) {
      return callback === undefined ? query({ name, text, values }) : query({ name, text, values }, callback);
    }
    return query(...args);
  };
  client[PREPARING] = true;
}
