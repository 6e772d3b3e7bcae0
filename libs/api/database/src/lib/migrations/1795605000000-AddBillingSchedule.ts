import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QUEUE_SCHEMA } from './1795480000000-AddSignInSecurity';

export const BILLING_SCHEDULE_QUEUE = 'billing-schedule';

/**
 * Finance (issue 17 §3): a scheduled billing run per tenant. `run_day` is the day of the month
 * (1–28, in the tenant's time zone from the invoicing settings) on which that month is billed;
 * `last_period_start` is the month last started by the schedule — claimed by one UPDATE, so several
 * workers (or a cron tick delivered twice) start it once. The `billing-schedule` queue gets a
 * pg-boss cron job (every 15 minutes) whose handler looks at every tenant's schedule.
 */
export class AddBillingSchedule1795605000000 implements MigrationInterface {
  name = 'AddBillingSchedule1795605000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE billing_schedule (
        tenant_id         uuid NOT NULL,
        run_day           smallint CONSTRAINT billing_schedule_run_day_check CHECK (run_day BETWEEN 1 AND 28),
        last_period_start date,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT billing_schedule_pkey PRIMARY KEY (tenant_id),
        CONSTRAINT billing_schedule_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id)
      )`);
    await q.query(`ALTER TABLE billing_schedule ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE billing_schedule FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON billing_schedule
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON billing_schedule TO portal_runtime`);
    await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [
      BILLING_SCHEDULE_QUEUE,
      JSON.stringify({ policy: 'singleton', retryLimit: 2, retryDelay: 30, expireInSeconds: 300 }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM ${QUEUE_SCHEMA}.schedule WHERE name = $1`, [BILLING_SCHEDULE_QUEUE]);
    await q.query(`SELECT ${QUEUE_SCHEMA}.delete_queue($1)`, [BILLING_SCHEDULE_QUEUE]);
    await q.query(`DROP TABLE billing_schedule`);
  }
}
