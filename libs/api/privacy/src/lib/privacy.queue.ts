import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, JobQueue } from '@mijn-account/api-core';

/**
 * The privacy jobs (exports, erasures, the daily deadline mail, statement announcements), on the
 * process's one pg-boss (`JobQueue`). Each slice registers its handler in its own service's
 * constructor (`handle`), and queues work inside the caller's transaction (`enqueue`), so a job
 * exists exactly when the row that asks for it committed. Jobs are worked only where
 * `PRIVACY_WORKER` is on.
 */
@Injectable()
export class PrivacyQueue {
  constructor(
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The handler of a queue's jobs (and its schedule, if any); call it in a constructor, before bootstrap. */
  handle<T>(queue: string, work: (data: T) => Promise<unknown>, cron?: string): void {
    if (!this.config.privacy.worker) return;
    this.jobs.handle(queue, work, { pollSeconds: this.config.privacy.pollSeconds, cron });
  }

  /** Lets this process's worker of `queue` fetch at once (call it after the job committed). */
  wake(queue: string): void {
    this.jobs.wake(queue);
  }

  /** Queues a job inside the caller's transaction: it exists only if that transaction commits. */
  async enqueue<T extends object>(
    manager: EntityManager,
    queue: string,
    data: T,
    options: { startAfter?: Date; singletonKey?: string } = {},
  ): Promise<void> {
    await this.jobs.enqueue(manager, queue, data, options);
  }
}
