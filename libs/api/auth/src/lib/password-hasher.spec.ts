import { setTimeout } from 'node:timers/promises';
import { Limiter } from './password-hasher';

describe('Limiter (the bound on argon2 work at once)', () => {
  it('runs at most its limit at once and the rest in arrival order', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, n) =>
        limiter.run(async () => {
          running++;
          most = Math.max(most, running);
          order.push(n);
          await setTimeout(5);
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(limiter.queued).toBe(0);
  });

  it('frees the slot of a task that fails', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });
});
