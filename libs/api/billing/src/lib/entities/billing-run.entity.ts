import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type BillingRunStatus = 'drafting' | 'review' | 'finalising' | 'completed';

/** Table `billing_run`: one run over a period, its progress counts; at most one unfinished per period. */
@Check('billing_run_completed_check', `((status = 'completed'::text) = (open IS NULL))`)
@Check('billing_run_open_check', `(open = 1)`)
@Check('billing_run_period_check', `(period_end >= period_start)`)
@Check(
  'billing_run_status_check',
  `(status = ANY (ARRAY['drafting'::text, 'review'::text, 'finalising'::text, 'completed'::text]))`,
)
@Unique('billing_run_open_key', ['tenantId', 'periodStart', 'periodEnd', 'open'])
@Entity('billing_run')
export class BillingRun {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('date', { name: 'period_start' })
  periodStart!: string;

  @Column('date', { name: 'period_end' })
  periodEnd!: string;

  /** 1 while the run is unfinished, NULL once completed (the unique key allows one open run per period). */
  @Column('smallint', { nullable: true, default: 1 })
  open!: number | null;

  @Column('text', { default: 'drafting' })
  status!: BillingRunStatus;

  @Column('integer', { name: 'to_bill', default: 0 })
  toBill!: number;

  @Column('integer', { default: 0 })
  drafted!: number;

  @Column('integer', { default: 0 })
  finalised!: number;

  @Column('integer', { default: 0 })
  failed!: number;

  @Column('integer', { default: 0 })
  skipped!: number;

  @Column('jsonb', { default: () => "'[]'" })
  failures!: { invoiceId: string | null; subscriptionId: string | null; reason: string }[];

  @Column('uuid', { name: 'started_by', nullable: true })
  startedBy!: string | null;

  @Column('text', { name: 'started_by_name' })
  startedByName!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'drafted_at', nullable: true })
  draftedAt!: Date | null;

  @Column('timestamptz', { name: 'finalise_after', nullable: true })
  finaliseAfter!: Date | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @ManyToOne('Tenant')
  @JoinColumn({ name: 'tenant_id', referencedColumnName: 'id', foreignKeyConstraintName: 'billing_run_tenant_id_fkey' })
  tenant?: unknown;
}
