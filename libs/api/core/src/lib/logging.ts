import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'pretty' | 'json';

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
