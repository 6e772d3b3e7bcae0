import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '@mijn-account/shared-contracts';
import { toProblem } from './problem-mapping';
import { contextOf } from './request-context';
import { pathOf } from './http-paths';

/** Answers every error as RFC 9457 problem details and rolls back the request's transaction. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    await contextOf(request)
      ?.rollback()
      .catch((rollbackError: unknown) => this.logger.error({ err: rollbackError, reqId: request.id }, 'rollback failed'));
    sendProblem(request, reply, error, this.logger);
  }
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  logger: Pick<Logger, 'error'>,
): FastifyReply {
  const { problem, internal } = toProblem(error);
  if (internal) logger.error({ err: error, reqId: request.id }, 'unexpected error');
  const body: ProblemDetails = { ...problem, instance: pathOf(request), requestId: String(request.id) };
  if (problem.retryAfter !== undefined) reply.header('retry-after', String(problem.retryAfter));
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}
