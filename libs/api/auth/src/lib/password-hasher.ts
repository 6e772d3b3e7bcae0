import { Injectable } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';

/**
 * How many argon2 computations run at once in this process. argon2 runs on libuv's thread pool
 * (4 threads unless UV_THREADPOOL_SIZE says otherwise), which file reads, DNS look-ups and zlib share;
 * two leave the pool half free for them and bound argon2's memory to 2 × 64 MiB. A burst of sign-ins
 * waits its turn here (in order), holding no database connection (ADR 0016).
 */
export const HASH_CONCURRENCY = 2;

/** A counting semaphore: at most `limit` tasks run, the rest wait in arrival order. */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Tasks waiting for a turn right now. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((turn) => this.waiting.push(turn));
    else this.running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line (running stays the same), or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** argon2id password hashes (the library's defaults: 64 MiB, 3 passes, 4 lanes), at most `HASH_CONCURRENCY` at a time. */
@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | null = null;
  private readonly limiter = new Limiter(HASH_CONCURRENCY);

  hash(password: string): Promise<string> {
    return this.limiter.run(() => hash(password, { type: argon2id }));
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (!passwordHash) {
      // Same work when there is no hash, so timing does not reveal whether an account exists.
      this.dummy ??= this.hash('no account has this password');
      const dummy = await this.dummy;
      await this.limiter.run(() => verify(dummy, password)).catch(() => false);
      return false;
    }
    return this.limiter.run(() => verify(passwordHash, password)).catch(() => false);
  }
}
