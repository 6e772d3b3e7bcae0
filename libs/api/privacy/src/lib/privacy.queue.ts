import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Pool } from 'pg';
import { setTimeout } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import { APP_CONFIG, type AppConfig } from '@mijn-account/api-core';
import { QUEUE_SCHEMA, transactionalDb } from '@mijn-account/api-database';

interface Handler {
  queue: string;
  work: (data: unknown) => Promise<unknown>;
  /** A pg-boss schedule (cron, UTC) that sends the queue an empty job, or none. */
  cron?: string;
}

/**
 * The privacy jobs on pg-boss (queues made by the migrations, so `migrate: false`): exports,
 * erasures, the daily deadline mail, statement announcements. Each slice registers its handler in
 * its own service's constructor (`handle`), and queues work inside the caller's transaction
 * (`enqueue`), so a job exists exactly when the row that asks for it committed. Jobs are worked only
 * where `PRIVACY_WORKER` is on; shutdown waits for running jobs (as the mail and billing queues do).
 */
@Injectable()
export class PrivacyQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PrivacyQueue.name);
  private readonly boss: PgBoss;
  private readonly handlers: Handler[] = [];
  private busy = 0;

  constructor(
    dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => this.track(() => pool.query(text, values)) },
      schema: QUEUE_SCHEMA,
      migrate: false,
      schedule: config.privacy.worker,
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'privacy queue error'));
  }

  /** The handler of a queue's jobs (and its schedule, if any); call it in a constructor, before bootstrap. */
  handle<T>(queue: string, work: (data: T) => Promise<unknown>, cron?: string): void {
    this.handlers.push({ queue, work: work as (data: unknown) => Promise<unknown>, cron });
  }

  /** Queues a job inside the caller's transaction: it exists only if that transaction commits. */
  async enqueue<T extends object>(
    manager: EntityManager,
    queue: string,
    data: T,
    options: { startAfter?: Date; singletonKey?: string } = {},
  ): Promise<void> {
    await this.boss.send(queue, data, { db: transactionalDb(manager), ...options });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    if (!this.config.privacy.worker) return;
    for (const { queue, work, cron } of this.handlers) {
      await this.boss.work(
        queue,
        { pollingIntervalSeconds: this.config.privacy.pollSeconds, batchSize: 1 },
        async ([job]) => {
          await this.track(() => work(job.data));
        },
      );
      if (cron) await this.boss.schedule(queue, cron, {}, { tz: 'UTC' });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 5_000, close: false });
    const deadline = Date.now() + 10_000;
    while (this.busy > 0 && Date.now() < deadline) await setTimeout(20);
  }

  private async track<T>(work: () => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await work();
    } finally {
      this.busy--;
    }
  }
}
