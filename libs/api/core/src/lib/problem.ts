import { HttpException } from '@nestjs/common';
import { PROBLEM_TYPES, type FieldError, type ProblemDetails } from '@mijn-account/shared-contracts';

type ProblemInit = Omit<ProblemDetails, 'instance' | 'requestId'>;

/** An error that is answered as RFC 9457 problem details, exactly as given. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemInit) {
    super(problem, problem.status);
  }
}

export const problems = {
  validation: (errors: FieldError[]) =>
    new ProblemException({
      type: PROBLEM_TYPES.validation,
      title: 'The request has invalid fields',
      status: 422,
      detail: `${errors.length} field${errors.length === 1 ? '' : 's'} failed validation`,
      errors,
    }),
  malformedBody: () =>
    new ProblemException({
      type: PROBLEM_TYPES.malformedBody,
      title: 'Malformed request body',
      status: 400,
      detail: 'The body is not valid JSON',
    }),
  unauthenticated: (detail = 'Sign in to continue') =>
    new ProblemException({ type: PROBLEM_TYPES.unauthenticated, title: 'Not signed in', status: 401, detail }),
  forbidden: (detail = 'You may not do this') =>
    new ProblemException({ type: PROBLEM_TYPES.forbidden, title: 'Forbidden', status: 403, detail }),
  csrf: (detail: string) =>
    new ProblemException({ type: PROBLEM_TYPES.csrf, title: 'Cross-site request refused', status: 403, detail }),
  notFound: (detail = 'Not found') =>
    new ProblemException({ type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404, detail }),
  tooManyAttempts: (retryAfter: number) =>
    new ProblemException({
      type: PROBLEM_TYPES.tooManyAttempts,
      title: 'Too many attempts',
      status: 429,
      detail: `Too many failed attempts; try again in ${retryAfter} seconds`,
      retryAfter,
    }),
  linkInvalid: () =>
    new ProblemException({
      type: PROBLEM_TYPES.linkInvalid,
      title: 'This link is not valid',
      status: 400,
      detail:
        'The link is incomplete or belongs to another portal. Open it from the e-mail again, or ask for a new one.',
    }),
  linkExpired: () =>
    new ProblemException({
      type: PROBLEM_TYPES.linkExpired,
      title: 'This link has expired',
      status: 410,
      detail: 'The link is no longer valid. Ask for a new one.',
    }),
  linkUsed: () =>
    new ProblemException({
      type: PROBLEM_TYPES.linkUsed,
      title: 'This link has already been used',
      status: 410,
      detail: 'Each link works once. Ask for a new one if you still need it.',
    }),
  stepUpRequired: () =>
    new ProblemException({
      type: PROBLEM_TYPES.stepUpRequired,
      title: 'Confirm it is you',
      status: 403,
      detail: 'Enter your password or a code from your authenticator app again to continue',
    }),
  secondFactorRequired: () =>
    new ProblemException({
      type: PROBLEM_TYPES.secondFactorRequired,
      title: 'Two-factor authentication required',
      status: 403,
      detail: 'Staff functions need two-factor authentication: set it up under Security and sign in with a code',
    }),
  preconditionRequired: () =>
    new ProblemException({
      type: PROBLEM_TYPES.preconditionRequired,
      title: 'If-Match required',
      status: 428,
      detail: 'Send the ETag of the version you edited in an If-Match header',
    }),
  preconditionFailed: (current: unknown) =>
    new ProblemException({
      type: PROBLEM_TYPES.preconditionFailed,
      title: 'Changed in the meantime',
      status: 412,
      detail: 'Someone saved a newer version since you loaded this one; compare and apply your changes again',
      current,
    }),
  noGrant: () =>
    new ProblemException({
      type: PROBLEM_TYPES.noGrant,
      title: 'No active access grant',
      status: 403,
      detail: 'Staff reach subscriber data only through an active grant that covers it; request access first',
    }),
  conflict: (detail: string, errors?: FieldError[]) =>
    new ProblemException({ type: PROBLEM_TYPES.conflict, title: 'Conflict', status: 409, detail, errors }),
  unknownTenant: () =>
    new ProblemException({
      type: PROBLEM_TYPES.unknownTenant,
      title: 'Unknown portal',
      status: 404,
      detail: 'No portal answers on this host name',
    }),
};
