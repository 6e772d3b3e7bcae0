import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@mijn-account/api-core';
import { withTenant } from '@mijn-account/api-database';
import { AuditLogService } from './audit-log.service';

/**
 * The access log's two timers: every AUDIT_SEAL_SECONDS the new events of every tenant are chained;
 * every AUDIT_CHECKPOINT_MINUTES the chain heads are signed. Both also run on demand (tests,
 * `npm run audit:checkpoint`). Each pass takes one tenant transaction per tenant.
 */
@Injectable()
export class AuditJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditJobs.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private sealing: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly log: AuditLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { sealSeconds, checkpointMinutes } = this.config.audit;
    // A pass still running when the timer fires again is not started twice.
    this.every(sealSeconds * 1000, 'seal', () => (this.sealing ??= this.seal().finally(() => (this.sealing = null))));
    this.every(checkpointMinutes * 60_000, 'checkpoint', () => this.checkpoint());
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  /** Chains every tenant's waiting events. */
  seal(dataSource: DataSource = this.dataSource): Promise<number> {
    return this.eachTenant(dataSource, (db, tenantId) => this.log.seal(db, tenantId));
  }

  /** Seals, then signs every tenant's chain heads that grew. */
  checkpoint(dataSource: DataSource = this.dataSource): Promise<number> {
    return this.eachTenant(dataSource, (db, tenantId) => this.log.checkpoint(db, tenantId));
  }

  private every(ms: number, name: string, run: () => Promise<unknown>): void {
    if (ms <= 0) return;
    const timer = setInterval(() => {
      run().catch((error: unknown) => this.logger.error({ err: error }, `audit ${name} pass failed`));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private async eachTenant(
    dataSource: DataSource,
    work: (db: EntityManager, tenantId: string) => Promise<number>,
  ): Promise<number> {
    const tenants: { id: string }[] = await dataSource.query(`SELECT id FROM tenant ORDER BY slug`);
    let total = 0;
    for (const tenant of tenants) total += await withTenant(dataSource, tenant.id, (db) => work(db, tenant.id));
    return total;
  }
}
