import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@mijn-account/api-core';
import { withTenant } from '@mijn-account/api-database';
import { AuditLogService } from './audit-log.service';

/** Signs every tenant's chain heads every AUDIT_CHECKPOINT_MINUTES (and on demand: `npm run audit:checkpoint`). */
@Injectable()
export class AuditCheckpointer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditCheckpointer.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly log: AuditLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.audit.checkpointMinutes;
    if (minutes <= 0) return;
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => this.logger.error({ err: error }, 'checkpoint run failed'));
    }, minutes * 60_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass over all tenants, each in its own tenant transaction. */
  async run(dataSource: DataSource = this.dataSource): Promise<number> {
    const tenants: { id: string }[] = await dataSource.query(`SELECT id FROM tenant ORDER BY slug`);
    let signed = 0;
    for (const tenant of tenants) signed += await withTenant(dataSource, tenant.id, (db) => this.log.checkpoint(db, tenant.id));
    return signed;
  }
}
