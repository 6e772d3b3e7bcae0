import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '@mijn-account/shared-contracts';
import { toProblem } from './problem-mapping';
import { contextOf } from './request-context';
import { pathOf } from './http-paths';

/**
 * Answers every error as RFC 9457 problem details and rolls back the request's transaction; what
 * must be kept even so (an access under a helpdesk grant) is then written on its own — if that
 * fails, the answer is a bare 500, never one that shows data without a record of it.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const ctx = contextOf(request);
    try {
      await ctx?.fail(toProblem(error).problem.status);
    } catch (keepError) {
      this.logger.error({ err: keepError, reqId: request.id }, 'rollback or failure record failed');
      if (ctx?.grantAccess) {
        sendProblem(request, reply, keepError, this.logger);
        return;
      }
    }
    sendProblem(request, reply, error, this.logger, ctx?.grantAccess?.shows === false);
  }
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  logger: Pick<Logger, 'error'>,
  withoutData = false,
): FastifyReply {
  const { problem, internal } = toProblem(error);
  if (internal) logger.error({ err: error, reqId: request.id }, 'unexpected error');
  const body: ProblemDetails = { ...problem, instance: pathOf(request), requestId: String(request.id) };
  // A staff write under a grant that may not read the record learns its version, not its content.
  if (withoutData && body.current !== undefined) body.current = { etag: (body.current as { etag?: string }).etag };
  if (problem.retryAfter !== undefined) reply.header('retry-after', String(problem.retryAfter));
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}
