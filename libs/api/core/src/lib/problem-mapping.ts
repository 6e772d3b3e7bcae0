import { HttpException, HttpStatus } from '@nestjs/common';
import { PROBLEM_TYPES, type ProblemDetails } from '@mijn-account/shared-contracts';
import { ProblemException } from './problem';

/**
 * Turns anything thrown while handling a request into problem details. Returns `internal: true`
 * for errors that are not the client's fault; those are logged and answered without internals.
 */
export function toProblem(error: unknown): { problem: ProblemDetails; internal: boolean } {
  if (error instanceof ProblemException) {
    return { problem: { ...error.problem }, internal: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest turns Fastify's own errors (body limit, media type) into plain HTTP exceptions.
    if (status === 413)
      return problem(
        PROBLEM_TYPES.bodyTooLarge,
        'Request body too large',
        413,
        'The request body is larger than allowed',
      );
    if (status === 415)
      return problem(PROBLEM_TYPES.unsupportedMediaType, 'Unsupported media type', 415, 'Send application/json');
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return {
      problem: {
        type: status === 404 ? PROBLEM_TYPES.notFound : PROBLEM_TYPES.http,
        title: titleOf(status),
        status,
        detail: typeof detail === 'string' ? detail : undefined,
      },
      internal: status >= 500,
    };
  }
  // Fastify's own errors (a malformed URL, a path parameter longer than allowed) carry their 4xx
  // status; their message quotes the request, so only the status's name is answered.
  const fastifyStatus = (error as { statusCode?: unknown } | null)?.statusCode;
  if (error instanceof Error && typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return problem(
      fastifyStatus === 404 ? PROBLEM_TYPES.notFound : PROBLEM_TYPES.http,
      titleOf(fastifyStatus),
      fastifyStatus,
    );
  }
  return {
    problem: {
      type: PROBLEM_TYPES.internal,
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side. Quote the request id when you contact us.',
    },
    internal: true,
  };
}

function titleOf(status: number): string {
  return (
    HttpStatus[status]
      ?.replace(/_/g, ' ')
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase()) ?? 'Error'
  );
}

function problem(type: string, title: string, status: number, detail?: string) {
  return { problem: { type, title, status, detail }, internal: false };
}
