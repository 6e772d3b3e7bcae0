import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'pretty' | 'json';

/**
 * What every log line written on behalf of one request or one job says about it: ids and the tenant's
 * slug only — never an e-mail address or a name — so one request can be followed from the web
 * process into the worker that ran its jobs (the job carries the request id: `JobQueue`).
 */
export interface LogScope {
  /** The request id (`x-request-id`); for a job, that of the request that queued it. */
  reqId?: string;
  /** The tenant's slug. */
  tenant?: string;
  /** The signed-in user's id. */
  userId?: string;
  /** For a job: its queue and its id. */
  job?: string;
  jobId?: string;
}

const scopes = new AsyncLocalStorage<() => LogScope>();

/**
 * Runs `work` with a log scope: every line logged until it ends (in its async continuations too)
 * carries the scope's fields. `scope` is read when a line is written, so a user who signs in
 * half-way through a request is on the lines after it.
 */
export function runInLogScope<T>(scope: () => LogScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The current log scope's fields (an empty object outside any). */
export function currentLogScope(): LogScope {
  const scope = scopes.getStore()?.();
  if (!scope) return {};
  const fields: LogScope = {};
  // Only the known fields, only strings: nothing a caller adds by mistake reaches the log.
  for (const key of ['reqId', 'tenant', 'userId', 'job', 'jobId'] as const) {
    const value = scope[key];
    if (typeof value === 'string' && value !== '') fields[key] = value;
  }
  return fields;
}

/**
 * pino's mixin: the current log scope's fields on every line. Fastify's request loggers already
 * bind `reqId`; it is not repeated there.
 */
export function logScopeMixin(_merge: object, _level: number, logger?: PinoLogger): object {
  const fields = currentLogScope();
  if (fields.reqId && logger && 'reqId' in logger.bindings()) delete fields.reqId;
  return fields;
}

/**
 * Readable, coloured lines for a person watching a terminal (`npm start`); JSON lines, one per
 * event, for everything else — a pipe, a file, a log collector — and always in production.
 */
export function logFormat(output: { production: boolean; isTTY: boolean | undefined }): LogFormat {
  return !output.production && output.isTTY === true ? 'pretty' : 'json';
}

export interface LoggerOptions {
  production: boolean;
  /** Where the lines go: standard output unless given (tests). */
  stream?: DestinationStream & { isTTY?: boolean };
}

/**
 * One pino logger for the process: Fastify's request logs and Nest's application logs, as JSON
 * lines, or through pino-pretty (in this process, colours where the terminal supports them) when
 * `logFormat` says a person is reading.
 */
export function createLogger(level: string, options: LoggerOptions): PinoLogger {
  const stream = options.stream ?? process.stdout;
  const format = logFormat({ production: options.production, isTTY: stream.isTTY });
  return pino(
    {
      level,
      base: { service: 'mijn-account-api' },
      mixin: logScopeMixin,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-xsrf-token"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
    },
    format === 'pretty'
      ? pretty({
          destination: stream,
          translateTime: 'SYS:HH:MM:ss.l',
          // "[main] portal ready …"; the rest of an event's fields follow on the same line.
          messageFormat: '{if context}[{context}] {end}{msg}',
          ignore: 'pid,hostname,service,context',
          singleLine: true,
        })
      : (options.stream ?? pino.destination(1)),
  );
}

/** Lets Nest's `Logger` write through pino. The last string argument Nest passes is the context. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: PinoLogger) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]) {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (message !== null && typeof message === 'object') {
      const text = rest.find((item): item is string => typeof item === 'string');
      this.logger[level]({ context, ...(message as object) }, text);
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
