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
  unknownTenant: () =>
    new ProblemException({
      type: PROBLEM_TYPES.unknownTenant,
      title: 'Unknown portal',
      status: 404,
      detail: 'No portal answers on this host name',
    }),
};
