import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { BillingRun } from './billing-run.entity';

/**
 * Table `billing_run_batch`: one drafting batch of a run, the subscriptions with ids after `after_id`
 * up to `last_id` (NULL: to the end); a job claims an undone one (`FOR UPDATE SKIP LOCKED`).
 */
@Entity('billing_run_batch')
export class BillingRunBatch {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'run_id' })
  runId!: string;

  @PrimaryColumn('integer', { name: 'batch_no' })
  batchNo!: number;

  @Column('uuid', { name: 'after_id', nullable: true })
  afterId!: string | null;

  @Column('uuid', { name: 'last_id', nullable: true })
  lastId!: string | null;

  @Column('boolean', { default: false })
  done!: boolean;

  @ManyToOne('BillingRun', { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'billing_run_batch_tenant_id_run_id_fkey',
    },
    { name: 'run_id', referencedColumnName: 'id' },
  ])
  run?: Relation<BillingRun>;
}
