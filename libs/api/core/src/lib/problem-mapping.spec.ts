import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { problems } from './problem';
import { toProblem } from './problem-mapping';

describe('toProblem', () => {
  it('keeps a problem exception with its field errors', () => {
    const error = problems.validation([{ field: 'email', code: 'isEmail', message: 'email must be an email' }]);
    expect(toProblem(error)).toEqual({
      internal: false,
      problem: expect.objectContaining({ status: 422, type: PROBLEM_TYPES.validation, errors: [expect.objectContaining({ field: 'email' })] }),
    });
  });

  it('maps Nest HTTP exceptions to their status', () => {
    expect(toProblem(new NotFoundException()).problem).toMatchObject({ status: 404, type: PROBLEM_TYPES.notFound });
    expect(toProblem(new BadRequestException('nope')).problem).toMatchObject({ status: 400, detail: 'nope' });
  });

  it('names the body errors Nest passes on from Fastify', () => {
    expect(toProblem(new HttpException('Request body is too large', 413)).problem.type).toBe(PROBLEM_TYPES.bodyTooLarge);
    expect(toProblem(new HttpException('Unsupported Media Type', 415)).problem.type).toBe(PROBLEM_TYPES.unsupportedMediaType);
    expect(toProblem(problems.malformedBody()).problem).toMatchObject({ status: 400, type: PROBLEM_TYPES.malformedBody });
  });

  it('hides the internals of unexpected errors', () => {
    const { problem, internal } = toProblem(new Error('password=hunter2 leaked in a stack'));
    expect(internal).toBe(true);
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });
});
