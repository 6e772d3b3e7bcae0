/**
 * The one pattern of an id in this portal: a UUID in PostgreSQL's canonical text form (any
 * version; hex digits in either case). The API validates every id parameter and id field with it
 * before it reaches a query, and the web app may check links with it.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is an id (`UUID_PATTERN`). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
