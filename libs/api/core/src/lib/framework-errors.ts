import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type ProblemDetails } from '@mijn-account/shared-contracts';
import { sendProblem } from './problem-details.filter';

/**
 * Fastify answers some errors itself, before any hook or Nest runs: a malformed URL (400), a path
 * parameter longer than `maxParamLength` (414), and, on the socket, requests the HTTP parser cannot
 * read (400, 431 headers too large, 408 time-out). These options make them problem details too.
 */
export function frameworkErrorOptions(): Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> {
  const logger = new Logger('http');
  return {
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      sendProblem(request, reply, error, logger);
    },
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const problem: ProblemDetails = {
        type: PROBLEM_TYPES.http,
        title: STATUS_CODES[status] ?? 'Bad Request',
        status,
      };
      const body = JSON.stringify(problem);
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${problem.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(error);
    },
  };
}
