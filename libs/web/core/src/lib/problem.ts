import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { HttpErrorResponse } from '@angular/common/http';
import { translate } from '@jsverse/transloco';
import type { FieldError, ProblemDetails } from '@mijn-account/shared-contracts';

/** The problem details of a failed call, or a generic one when the server sent none (network down). */
export function problemOf(error: unknown): ProblemDetails {
  if (error instanceof HttpErrorResponse && error.error && typeof error.error === 'object' && 'status' in error.error) {
    return error.error as ProblemDetails;
  }
  const status = error instanceof HttpErrorResponse ? error.status : 0;
  return { type: 'about:blank', title: 'Request failed', status };
}

/** The translation key for a problem (kept here for the pages that import it from web-core). */
export { problemKey } from '@mijn-account/shared-contracts';

/**
 * A field error's message in the user's language: the translation of its code (`fieldErrors.<code>`)
 * with the error's parameters filled in (`{{min}}`). Every code the API sends has one in both
 * languages (the API's field-error-codes integration test); only an unknown code falls back to the
 * server's English message.
 */
export function fieldMessage(error: FieldError): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(error.code)) return error.message;
  const key = `fieldErrors.${error.code}`;
  let text: string;
  try {
    text = translate(key, error.params ?? {});
  } catch {
    return error.message; // no translation service (a store used outside the app)
  }
  return text && text !== key ? text : error.message;
}

/** The message for one field, where its problem details name it. */
export function fieldError(problem: ProblemDetails | null, field: string): string | null {
  const error = problem?.errors?.find((e) => e.field === field);
  return error ? fieldMessage(error) : null;
}

/**
 * The message for a control's own errors, so a field says why and is not only red: the server's
 * reason first (set by `applyServerErrors`), then the browser-side checks in the user's language.
 */
export function controlMessage(errors: ValidationErrors | null): string | null {
  if (!errors) return null;
  if (typeof errors['server'] === 'string') return errors['server'];
  const code: Pick<FieldError, 'code' | 'params'> | null = errors['required']
    ? { code: 'required' }
    : errors['minlength']
      ? { code: 'minLength', params: { min: errors['minlength'].requiredLength } }
      : errors['maxlength']
        ? { code: 'maxLength', params: { max: errors['maxlength'].requiredLength } }
        : errors['email']
          ? { code: 'isEmail' }
          : null;
  return code ? fieldMessage({ field: '', message: '', ...code }) : null;
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
      unplaced.push(fieldMessage(error));
      continue;
    }
    control.setErrors({ ...(control.errors ?? {}), server: fieldMessage(error) });
    control.markAsTouched();
  }
  return unplaced;
}
