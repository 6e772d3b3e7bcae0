import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `billing_schedule`: the tenant's day of the month for a scheduled run, and the month it last started. */
@Check('billing_schedule_run_day_check', `((run_day >= 1) AND (run_day <= 28))`)
@Entity('billing_schedule')
export class BillingSchedule {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  /** 1–28; null: no scheduled run. */
  @Column('smallint', { name: 'run_day', nullable: true })
  runDay!: number | null;

  /** First day of the month the schedule last started a run for (claimed by one UPDATE). */
  @Column('date', { name: 'last_period_start', nullable: true })
  lastPeriodStart!: string | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'billing_schedule_tenant_id_fkey',
  })
  tenant?: unknown;
}
