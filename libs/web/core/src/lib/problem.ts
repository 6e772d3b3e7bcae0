import type { AbstractControl } from '@angular/forms';
import { HttpErrorResponse } from '@angular/common/http';
import type { ProblemDetails } from '@mijn-account/shared-contracts';

/** The problem details of a failed call, or a generic one when the server sent none (network down). */
export function problemOf(error: unknown): ProblemDetails {
  if (error instanceof HttpErrorResponse && error.error && typeof error.error === 'object' && 'status' in error.error) {
    return error.error as ProblemDetails;
  }
  const status = error instanceof HttpErrorResponse ? error.status : 0;
  return { type: 'about:blank', title: 'Request failed', status };
}

/**
 * The translation key for a problem: `problems.<kind>` from the last segment of its type
 * (`.../problems/link-expired` → `problems.link-expired`), `problems.unavailable` otherwise.
 */
export function problemKey(problem: ProblemDetails): string {
  const kind = problem.type.match(/\/problems\/([a-z-]+)$/)?.[1];
  return kind ? `problems.${kind}` : 'problems.unavailable';
}

/** The server's message for one field, where its problem details name it. */
export function fieldError(problem: ProblemDetails | null, field: string): string | null {
  return problem?.errors?.find((e) => e.field === field)?.message ?? null;
}

/**
 * Puts the server's field errors on the form's controls (`address.postalCode` → that control) as
 * `{ server: message }`, so each shows under its field; returns the errors no control took.
 */
export function applyServerErrors(form: AbstractControl, problem: ProblemDetails | null): string[] {
  const unplaced: string[] = [];
  for (const error of problem?.errors ?? []) {
    const control = form.get(error.field);
    if (!control) {
      unplaced.push(error.message);
      continue;
    }
    control.setErrors({ ...(control.errors ?? {}), server: error.message });
    control.markAsTouched();
  }
  return unplaced;
}
