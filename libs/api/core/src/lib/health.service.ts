import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HealthResponse } from '@mijn-account/shared-contracts';
import { MIGRATIONS } from '@mijn-account/api-database';

/** The newest migration this build knows: ready only once it is applied. */
const NEWEST_MIGRATION = (MIGRATIONS.at(-1) as { name: string }).name;

/** Whether the API's dependencies answer; outside any tenant (load balancers call it on any host). */
@Injectable()
export class HealthService {
  private draining = false;
  /** Once the newest migration is seen applied it stays so (migrations are never undone in service). */
  private migrated = false;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** From the first moment of a shutdown on, readiness answers 503 (the process stays live). */
  drain(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Readiness: the database answers, this build's migrations are applied, and the process is not draining. */
  async readiness(): Promise<{ ready: boolean; body: HealthResponse }> {
    const migrations = await this.migrationsCurrent();
    const database = migrations === null ? 'error' : 'ok';
    const draining = this.draining;
    const ready = database === 'ok' && migrations === true && !draining;
    return {
      ready,
      body: {
        status: ready ? 'ok' : 'error',
        database,
        migrations: migrations === null ? 'unknown' : migrations ? 'current' : 'pending',
        draining,
      },
    };
  }

  /** True when the database answers a trivial query. */
  async databaseAnswers(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** True when the newest migration is applied, false when it is not, null when the database does not answer. */
  private async migrationsCurrent(): Promise<boolean | null> {
    try {
      if (this.migrated) {
        await this.dataSource.query('SELECT 1');
        return true;
      }
      const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM schema_migration WHERE name = $1`, [
        NEWEST_MIGRATION,
      ]);
      this.migrated = rows.length > 0;
      return this.migrated;
    } catch {
      return null;
    }
  }
}
