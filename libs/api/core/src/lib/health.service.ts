import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Whether the API's dependencies answer; outside any tenant (load balancers call it on any host). */
@Injectable()
export class HealthService {
  private draining = false;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** From the first moment of a shutdown on, readiness answers 503 (the process stays live). */
  drain(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
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
}
