import 'reflect-metadata';
import { validate } from 'class-validator';
import { ProblemException } from './problem';
import { IsUuid, UuidPipe } from './uuid-validation';

class WithId {
  @IsUuid()
  accountId!: string;
}

describe('ids', () => {
  it('a route parameter that is no id is a 422 naming the parameter', () => {
    const pipe = new UuidPipe();
    const id = '4b1f3c2e-9a7d-4e21-8c3b-5f6a7b8c9d0e';
    expect(pipe.transform(id, { type: 'param', data: 'listId' })).toBe(id);
    try {
      pipe.transform('nope', { type: 'param', data: 'listId' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).problem).toMatchObject({
        status: 422,
        errors: [{ field: 'listId', code: 'isUuid' }],
      });
    }
  });

  it('a body field that is no id fails with the same code', async () => {
    const bad = Object.assign(new WithId(), { accountId: 'nope' });
    expect((await validate(bad)).map((e) => e.constraints)).toEqual([{ isUuid: 'Not an id' }]);
    expect(await validate(Object.assign(new WithId(), { accountId: '4b1f3c2e-9a7d-4e21-8c3b-5f6a7b8c9d0e' }))).toEqual(
      [],
    );
  });
});
