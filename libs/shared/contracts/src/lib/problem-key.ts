import type { ProblemDetails } from './api';

/**
 * The translation key for a problem: `problems.<kind>` from the last segment of its type
 * (`.../problems/link-expired` → `problems.link-expired`), `problems.unavailable` otherwise.
 */
export function problemKey(problem: ProblemDetails): string {
  const kind = problem.type.match(/\/problems\/([a-z-]+)$/)?.[1];
  return kind ? `problems.${kind}` : 'problems.unavailable';
}
