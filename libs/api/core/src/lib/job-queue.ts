import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { setTimeout } from 'node:timers/promises';
import type { Pool } from 'pg';
import PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { QUEUE_SCHEMA, transactionalDb } from '@mijn-account/api-database';
import { APP_CONFIG, type AppConfig } from './config';
import { type LogScope, currentLogScope, runInLogScope } from './logging';

/**
 * The field of a job's data that carries the log scope of the request that queued it (its request
 * id, tenant slug and user id), so the worker's lines can be joined to the request's. Stripped
 * before the handler sees the data.
 */
export const JOB_ORIGIN_KEY = '_origin';

export interface JobHandlerOptions {
  /** How often an idle worker asks for new jobs. */
  pollSeconds: number;
  /** Jobs fetched at once; they are worked one after the other. Default 1. */
  batchSize?: number;
  /** Workers of the queue in this process, each working its own job at the same time. Default 1. */
  workers?: number;
  /** A pg-boss schedule (cron, UTC) that sends the queue an empty job. */
  cron?: string;
}

interface Handler extends JobHandlerOptions {
  queue: string;
  work: (data: unknown) => Promise<unknown>;
}

/**
 * How often pg-boss's maintenance looks for expired jobs (and archives): an expired job is retried
 * only when maintenance sees it, so this adds to a queue's expiry. pg-boss's default is 120 s; one
 * process per interval does it (pg-boss records the time and takes an advisory lock).
 */
const MAINTENANCE_SECONDS = 5;

/** How long shutdown waits for jobs that are running, and then for pg-boss's own statements. */
const STOP_TIMEOUT_MS = 5_000;
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * The process's one pg-boss (ADR 0016): mail, billing and privacy queue and work their jobs through
 * it, so the process runs one set of pollers, one maintenance loop and one cron clock, on the
 * runtime role's pool. Queues, their retry and expiry policies and pg-boss's schema are made by the
 * migrations (`migrate: false`). Handlers are registered in constructors (`handle`), before
 * bootstrap starts the workers; jobs are queued inside the caller's transaction (`enqueue`), so a
 * job exists exactly when the rows that ask for it committed.
 *
 * Shutdown (SIGTERM, after the HTTP listener has closed) stops taking work, lets running jobs finish
 * (bounded), and waits until none of pg-boss's statements is running before the pool is closed.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private readonly handlers: Handler[] = [];
  private boss: PgBoss | null = null;
  /** This process's pg-boss worker of each queue it works. */
  private readonly workers = new Map<string, string[]>();
  private started = false;
  /** pg-boss statements and jobs still running; shutdown waits for them. */
  private busy = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The worker of a queue (and its schedule, if any). Call it in a constructor, before bootstrap. */
  handle<T>(queue: string, work: (data: T) => Promise<unknown>, options: JobHandlerOptions): void {
    if (this.started) throw new Error(`JobQueue.handle(${queue}) after the workers started`);
    this.handlers.push({ queue, work: work as (data: unknown) => Promise<unknown>, ...options });
  }

  /** Queues a job inside the caller's transaction: it exists only if that transaction commits. */
  async enqueue<T extends object>(
    manager: EntityManager,
    queue: string,
    data: T,
    options: { startAfter?: Date; singletonKey?: string } = {},
  ): Promise<void> {
    const { reqId, tenant, userId } = currentLogScope();
    const sent = reqId ? { ...data, [JOB_ORIGIN_KEY]: { reqId, tenant, userId } } : data;
    await this.pgBoss().send(queue, sent, { db: transactionalDb(manager), ...options });
  }

  /** Queues a job on its own (no caller's transaction): for work that is not part of a change. */
  async send<T extends object>(queue: string, data: T): Promise<void> {
    await this.pgBoss().send(queue, data);
  }

  /**
   * Asks this process's worker of `queue` (if it works that queue) to fetch now instead of at its
   * next poll. Only after the job committed: a fetch before that finds nothing, and the worker
   * waits a whole interval again.
   */
  wake(queue: string): void {
    for (const workerId of this.workers.get(queue) ?? []) this.boss?.notifyWorker(workerId);
  }

  /** The queues this process works (for tests and the health of a worker); none in a web process. */
  get queues(): string[] {
    return this.works ? this.handlers.map((handler) => handler.queue) : [];
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    const boss = this.pgBoss();
    await boss.start();
    // A web process only queues: no workers, no schedules, no maintenance (PROCESS_ROLE, ADR 0016).
    if (!this.works) return;
    for (const { queue, work, pollSeconds, batchSize = 1, workers = 1, cron } of this.handlers) {
      for (let worker = 0; worker < workers; worker++) await this.work(boss, queue, work, pollSeconds, batchSize);
      if (cron) await boss.schedule(queue, cron, {}, { tz: 'UTC' });
    }
  }

  /** One pg-boss worker of the queue (pg-boss 10 works one job per worker: more workers, more at once). */
  private async work(
    boss: PgBoss,
    queue: string,
    work: (data: unknown) => Promise<unknown>,
    pollSeconds: number,
    batchSize: number,
  ): Promise<void> {
    const workerId = await boss.work(queue, { pollingIntervalSeconds: pollSeconds, batchSize }, async (jobs) => {
      await this.track(async () => {
        for (const job of jobs) {
          const { origin, data } = splitOrigin(job.data);
          await runInLogScope(
            () => ({ ...origin, job: queue, jobId: job.id }),
            async () => {
              await work(data);
              this.logger.debug('job done');
            },
          );
        }
      });
    });
    this.workers.set(queue, [...(this.workers.get(queue) ?? []), workerId]);
  }

  /**
   * On SIGTERM, before the HTTP listener drains: no new job is fetched from now on; jobs already
   * running finish (shutdown waits for them, bounded, in onModuleDestroy).
   */
  async stopTakingWork(): Promise<void> {
    if (!this.boss || !this.started || !this.works) return;
    const boss = this.boss;
    await Promise.all(this.handlers.map(({ queue }) => boss.offWork(queue)));
  }

  /**
   * pg-boss's graceful stop waits only for jobs already handed to a worker: a fetch still in flight
   * can hand over jobs afterwards, and it completes or fails jobs without awaiting that. So after
   * stopping we wait until none of its statements nor our jobs is running, before the database
   * module ends the pool. The steps between them are microtasks, so a timer never sees the gap
   * between a fetch and the job it starts.
   */
  async onModuleDestroy(): Promise<void> {
    if (!this.boss) return;
    await this.boss.stop({ graceful: true, timeout: STOP_TIMEOUT_MS, close: false });
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (this.busy > 0 && Date.now() < deadline) await setTimeout(20);
    if (this.busy > 0) this.logger.warn(`job queue stopped with ${this.busy} statement(s) or job(s) still running`);
  }

  /** Made on first use, so a process that only queues (or a seed that neither queues nor works) builds it once. */
  private pgBoss(): PgBoss {
    if (this.boss) return this.boss;
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => this.track(() => pool.query(text, values)) },
      schema: QUEUE_SCHEMA,
      migrate: false,
      maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
      supervise: this.works,
      // Cron ticks are sent where scheduled work is done; pg-boss lets one process send each tick.
      schedule: this.config.billing.worker || this.config.privacy.worker,
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
    return this.boss;
  }

  private get works(): boolean {
    return this.config.role !== 'web';
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

/** A job's data without the origin `enqueue` added, and that origin (ids and a slug only). */
export function splitOrigin(data: unknown): { origin: LogScope; data: unknown } {
  if (data === null || typeof data !== 'object' || !(JOB_ORIGIN_KEY in data)) return { origin: {}, data };
  const { [JOB_ORIGIN_KEY]: origin, ...rest } = data as Record<string, unknown>;
  const fields: LogScope = {};
  if (origin && typeof origin === 'object') {
    for (const key of ['reqId', 'tenant', 'userId'] as const) {
      const value = (origin as Record<string, unknown>)[key];
      if (typeof value === 'string') fields[key] = value;
    }
  }
  return { origin: fields, data: rest };
}
