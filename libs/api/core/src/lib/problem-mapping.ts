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
  const unavailable = databaseUnavailable(error);
  if (unavailable) {
    return {
      problem: {
        type: PROBLEM_TYPES.unavailable,
        title: 'Service unavailable',
        status: 503,
        detail: 'The service cannot reach its data right now. Try again in a moment.',
        retryAfter: unavailable.retryAfter,
      },
      // Logged (with the request id) like any failure on our side, though the answer names it.
      internal: true,
    };
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

/**
 * PostgreSQL error classes (SQLSTATE) and socket errors that mean "the database cannot do this now",
 * with how long a client should wait: the server shutting down, starting or refusing connections,
 * a lost connection, a statement timeout, or a serialisation failure / deadlock.
 */
const UNAVAILABLE: Record<string, number> = {
  '57P01': 5, // admin_shutdown
  '57P02': 5, // crash_shutdown
  '57P03': 5, // cannot_connect_now (starting up, recovering)
  '53300': 5, // too_many_connections
  '08000': 5, // connection_exception
  '08001': 5,
  '08003': 5,
  '08004': 5,
  '08006': 5,
  '57014': 2, // query_canceled: a statement timeout
  '40001': 1, // serialization_failure
  '40P01': 1, // deadlock_detected
  ECONNREFUSED: 5,
  ECONNRESET: 5,
  ETIMEDOUT: 5,
  EPIPE: 5,
  EAI_AGAIN: 5,
};

/** node-postgres's own words for a lost or unobtainable connection (they carry no code). */
const LOST_CONNECTION =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed/i;

/** SQLSTATEs after which the same unit of work, run again from its start, may well succeed. */
const RETRIABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/** Whether an error (or what it wraps) is a serialisation failure or a deadlock: worth one more run. */
export function isRetriableConflict(error: unknown): boolean {
  let current = error as { code?: unknown; driverError?: unknown; cause?: unknown } | null;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (typeof current.code === 'string' && RETRIABLE.has(current.code)) return true;
    current = (current.driverError ?? current.cause) as typeof current;
  }
  return false;
}

/**
 * Whether an error (or what it wraps: TypeORM's `driverError`, a `cause`) says the database is
 * unavailable, and the Retry-After for it; null for anything else.
 */
export function databaseUnavailable(error: unknown): { retryAfter: number } | null {
  // Not `instanceof Error`: socket errors are made by Node's core, which may be another realm (a VM context).
  let current = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown[];
  };
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = current.code;
    if (typeof code === 'string' && code in UNAVAILABLE) return { retryAfter: UNAVAILABLE[code] };
    if (typeof current.message === 'string' && LOST_CONNECTION.test(current.message)) return { retryAfter: 5 };
    // AggregateError (a connection refused on every address) carries the socket errors inside.
    current = (current.driverError ?? current.cause ?? current.errors?.[0]) as typeof current;
  }
  return null;
}
