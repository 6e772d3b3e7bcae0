import { availableParallelism } from 'node:os';
import { Injectable } from '@nestjs/common';
import { argon2id, hash, needsRehash, verify } from 'argon2';

/**
 * argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane). One lane is one
 * thread: the library's default of 4 lanes ran each hash on 4 threads, so a bound on hashes at
 * once did not bound the cores they took, and a sign-in burst starved every other request
 * (ADR 0016, 2026-11-30). Hashes made with other parameters are made again at the next sign-in.
 */
export const HASH_PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * How many argon2 computations run at once in this process: half the cores (at least one), so
 * request handling keeps the other half during a burst of sign-ins. Each runs on one of libuv's
 * pool threads (4 unless UV_THREADPOOL_SIZE says otherwise). A burst waits its turn here (in
 * order), holding no database connection (ADR 0016).
 */
export const HASH_CONCURRENCY = Math.max(1, Math.floor(availableParallelism() / 2));

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

/** argon2id password hashes (`HASH_PARAMETERS`), at most `HASH_CONCURRENCY` at a time. */
@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | null = null;
  private readonly limiter = new Limiter(HASH_CONCURRENCY);

  hash(password: string): Promise<string> {
    return this.limiter.run(() => hash(password, { type: argon2id, ...HASH_PARAMETERS }));
  }

  /** True for a hash made with other parameters than today's: make it again while the password is at hand. */
  isOutdated(passwordHash: string): boolean {
    return needsRehash(passwordHash, HASH_PARAMETERS);
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
