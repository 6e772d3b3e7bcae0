import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { defer, firstValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import { CONTEXT_KEY, RequestContext } from './request-context';
import type { TenantContext } from './tenancy';
import { UnitOfWorkInterceptor } from './unit-of-work.interceptor';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

/** A request context that opens no transaction (no handler here asks for one), on a fake request. */
function setUp() {
  const ctx = new RequestContext('req-1', {} as TenantContext, '127.0.0.1', null, 'http://x', {} as DataSource);
  const request = { [CONTEXT_KEY]: ctx };
  const context = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }) } as ExecutionContext;
  const prelude = jest.fn(async () => undefined);
  ctx.beforeEachAttempt(prelude);
  return { ctx, context, prelude };
}

/** A handler that runs `steps` in turn, one per subscription (as Nest's `next.handle()` does). */
function handler(steps: (() => Promise<unknown>)[]): CallHandler & { runs: () => number } {
  let runs = 0;
  return { handle: () => defer(() => steps[runs++]()), runs: () => runs };
}

describe('the unit of work after a deadlock', () => {
  const interceptor = new UnitOfWorkInterceptor();

  it('runs once more from the start (the guard’s part too) and answers the second run', async () => {
    const { context, prelude } = setUp();
    const next = handler([() => Promise.reject(deadlock()), () => Promise.resolve('saved')]);
    await expect(firstValueFrom(interceptor.intercept(context, next))).resolves.toBe('saved');
    expect({ runs: next.runs(), preludes: prelude.mock.calls.length }).toEqual({ runs: 2, preludes: 1 });
  });

  it('runs only once more: a second deadlock reaches the filter (503)', async () => {
    const { context } = setUp();
    const next = handler([() => Promise.reject(deadlock()), () => Promise.reject(deadlock())]);
    await expect(firstValueFrom(interceptor.intercept(context, next))).rejects.toMatchObject({ code: '40P01' });
    expect(next.runs()).toBe(2);
  });

  it('does not run again once work left the transaction (ctx.offline) or another error came', async () => {
    const { ctx, context } = setUp();
    const offline = handler([() => ctx.offline(async () => Promise.reject(deadlock()))]);
    await expect(firstValueFrom(interceptor.intercept(context, offline))).rejects.toMatchObject({ code: '40P01' });
    expect(offline.runs()).toBe(1);
    const other = handler([() => Promise.reject(Object.assign(new Error('unique'), { code: '23505' }))]);
    await expect(firstValueFrom(interceptor.intercept(setUp().context, other))).rejects.toMatchObject({
      code: '23505',
    });
    expect(other.runs()).toBe(1);
  });
});
