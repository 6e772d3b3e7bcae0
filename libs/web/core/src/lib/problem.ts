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
