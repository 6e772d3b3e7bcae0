import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { problems } from './problem';
import { toProblem } from './problem-mapping';

describe('toProblem', () => {
  it('keeps a problem exception with its field errors', () => {
    const error = problems.validation([{ field: 'email', code: 'isEmail', message: 'email must be an email' }]);
    expect(toProblem(error)).toEqual({
      internal: false,
      problem: expect.objectContaining({
        status: 422,
        type: PROBLEM_TYPES.validation,
        errors: [expect.objectContaining({ field: 'email' })],
      }),
    });
  });

  it('maps Nest HTTP exceptions to their status', () => {
    expect(toProblem(new NotFoundException()).problem).toMatchObject({ status: 404, type: PROBLEM_TYPES.notFound });
    expect(toProblem(new BadRequestException('nope')).problem).toMatchObject({ status: 400, detail: 'nope' });
  });

  it('names the body errors Nest passes on from Fastify', () => {
    expect(toProblem(new HttpException('Request body is too large', 413)).problem.type).toBe(
      PROBLEM_TYPES.bodyTooLarge,
    );
    expect(toProblem(new HttpException('Unsupported Media Type', 415)).problem.type).toBe(
      PROBLEM_TYPES.unsupportedMediaType,
    );
    expect(toProblem(problems.malformedBody()).problem).toMatchObject({
      status: 400,
      type: PROBLEM_TYPES.malformedBody,
    });
  });

  it('answers Fastify’s own client errors with their status and without echoing the request', () => {
    const tooLong = Object.assign(new Error(`'/api/x/${'a'.repeat(200)}' is exceeding the max param length`), {
      statusCode: 414,
      code: 'FST_ERR_MAX_PARAM_LENGTH',
    });
    expect(toProblem(tooLong)).toEqual({
      internal: false,
      problem: { type: PROBLEM_TYPES.http, title: 'Uri too long', status: 414, detail: undefined },
    });
    const badUrl = Object.assign(new Error(`'%E0' is not a valid url component`), {
      statusCode: 400,
      code: 'FST_ERR_BAD_URL',
    });
    expect(toProblem(badUrl).problem).toMatchObject({ status: 400, title: 'Bad request' });
    expect(toProblem(Object.assign(new Error('boom'), { statusCode: 503 })).internal).toBe(true);
  });

  it('hides the internals of unexpected errors', () => {
    const { problem, internal } = toProblem(new Error('password=hunter2 leaked in a stack'));
    expect(internal).toBe(true);
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it('answers a database that is away, timed out or could not serialise with 503 and a Retry-After', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toProblem(refused)).toEqual({
      internal: true,
      problem: expect.objectContaining({ type: PROBLEM_TYPES.unavailable, status: 503, retryAfter: 5 }),
    });
    // TypeORM's QueryFailedError wraps the driver's error; node-postgres's lost connection has no code.
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
      driverError: Object.assign(new Error('terminating connection'), { code: '57P01' }),
    });
    expect(toProblem(shutdown).problem).toMatchObject({ status: 503, retryAfter: 5 });
    expect(toProblem(new Error('Connection terminated unexpectedly')).problem.status).toBe(503);
    const timeout = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    expect(toProblem(timeout).problem).toMatchObject({ status: 503, retryAfter: 2 });
    const deadlock = new Error('query failed', { cause: Object.assign(new Error('deadlock'), { code: '40P01' }) });
    expect(toProblem(deadlock).problem).toMatchObject({ status: 503, retryAfter: 1 });
    const everyAddress = new AggregateError([refused], '');
    expect(toProblem(everyAddress).problem.status).toBe(503);
    // Other database errors stay internal errors.
    expect(toProblem(Object.assign(new Error('syntax error'), { code: '42601' })).problem.status).toBe(500);
  });
});
