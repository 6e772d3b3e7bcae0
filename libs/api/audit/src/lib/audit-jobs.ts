import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, JobQueue, Metrics } from '@mijn-account/api-core';
import { AUDIT_SEAL_QUEUE, withTenant } from '@mijn-account/api-database';
import { AuditSealerService } from './audit-sealer.service';
import { AuditWriterService } from './audit-writer.service';

interface SealJob {
  tenantIds: string[];
}

/**
 * The access log's two timers: every AUDIT_SEAL_SECONDS the tenants this process wrote events for
 * get them chained; every AUDIT_CHECKPOINT_MINUTES every tenant's waiting events are chained (also
 * those of a process that stopped before its sealer ran) and the chain heads signed. Both also run
 * on demand (tests, `npm run audit:checkpoint`), one tenant transaction per tenant.
 *
 * By role (PROCESS_ROLE, ADR 0016): a web process does no sealing itself but hands the tenants it
 * wrote for to the workers, one `audit-seal` job per tick; workers seal them and run the checkpoint
 * timer. Several workers are safe: a tenant is sealed (and its heads signed) under its advisory lock.
 */
@Injectable()
export class AuditJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditJobs.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private sealing: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: AuditWriterService,
    private readonly sealer: AuditSealerService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** Absent on the command line. */
    @Optional() private readonly metrics?: Metrics,
  ) {
    if (config.role !== 'web') {
      jobs.handle<SealJob>(AUDIT_SEAL_QUEUE, (job) => this.sealTenants(job.tenantIds), { pollSeconds: 1 });
    }
  }

  onApplicationBootstrap(): void {
    const { sealSeconds, checkpointMinutes } = this.config.audit;
    const pass = this.config.role === 'web' ? () => this.handOver() : () => this.sealWritten();
    // A pass still running when the timer fires again is not started twice.
    this.every(sealSeconds * 1000, 'seal', () => (this.sealing ??= pass().finally(() => (this.sealing = null))));
    if (this.config.role !== 'web') this.every(checkpointMinutes * 60_000, 'checkpoint', () => this.checkpoint());
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  /** Chains every tenant's waiting events. */
  async seal(dataSource: DataSource = this.dataSource): Promise<number> {
    return this.perTenant(dataSource, await allTenants(dataSource), (db, tenantId) => this.sealer.seal(db, tenantId));
  }

  /** Seals, then signs every tenant's chain heads that grew. */
  async checkpoint(dataSource: DataSource = this.dataSource): Promise<number> {
    return this.perTenant(dataSource, await allTenants(dataSource), (db, tenantId) =>
      this.sealer.checkpoint(db, tenantId),
    );
  }

  /** A worker's part of a web process's pass: the tenants it names, each under its lock. */
  private async sealTenants(tenantIds: string[]): Promise<number> {
    const known = new Set(await allTenants(this.dataSource));
    return this.perTenant(
      this.dataSource,
      tenantIds.filter((id) => known.has(id)),
      (db, tenantId) => this.sealer.seal(db, tenantId),
    );
  }

  /** A web process's pass: one job naming the tenants it wrote for; if it cannot be queued, they wait for the next tick. */
  private async handOver(): Promise<number> {
    const tenantIds = this.writer.takeWritten();
    if (tenantIds.length === 0) return 0;
    try {
      await this.jobs.send<SealJob>(AUDIT_SEAL_QUEUE, { tenantIds });
      return tenantIds.length;
    } catch (error) {
      for (const tenantId of tenantIds) this.writer.markWritten(tenantId);
      throw error;
    }
  }

  /** Chains the waiting events of the tenants this process wrote for; those that fail are tried again next time. */
  private async sealWritten(): Promise<number> {
    const tenants = this.writer.takeWritten();
    try {
      return await this.perTenant(this.dataSource, tenants, (db, tenantId) => this.sealer.seal(db, tenantId));
    } catch (error) {
      for (const tenantId of tenants) this.writer.markWritten(tenantId);
      throw error;
    }
  }

  private async perTenant(
    dataSource: DataSource,
    tenantIds: string[],
    work: (db: EntityManager, tenantId: string) => Promise<number>,
  ): Promise<number> {
    let total = 0;
    for (const tenantId of tenantIds) total += await withTenant(dataSource, tenantId, (db) => work(db, tenantId));
    return total;
  }

  private every(ms: number, name: string, run: () => Promise<unknown>): void {
    if (ms <= 0) return;
    const timer = setInterval(() => {
      run().catch((error: unknown) => {
        this.metrics?.sealFailed();
        this.logger.error({ err: error }, `audit ${name} pass failed`);
      });
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}

async function allTenants(dataSource: DataSource): Promise<string[]> {
  const rows: { id: string }[] = await dataSource.query(`SELECT id FROM tenant ORDER BY slug`);
  return rows.map((r) => r.id);
}
