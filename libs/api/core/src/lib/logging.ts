import type { LoggerService } from '@nestjs/common';
import pino, { type Logger as PinoLogger } from 'pino';

/** One pino logger for the process: Fastify's request logs and Nest's application logs, as JSON lines. */
export function createLogger(level: string): PinoLogger {
  return pino({
    level,
    base: { service: 'mijn-account-api' },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-xsrf-token"]', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
  });
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
