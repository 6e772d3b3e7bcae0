import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { Plan } from './plan.entity';
import type { Subscription } from './subscription.entity';

/** Table `proration`: credit of the old and debit of the new for the rest of a period, for the next invoice. */
@Check('proration_credit_unit_price_minor_check', `(credit_unit_price_minor >= 0)`)
@Check('proration_debit_unit_price_minor_check', `(debit_unit_price_minor >= 0)`)
@Check('proration_from_quantity_check', `(from_quantity >= 1)`)
@Check('proration_period_check', `((change_date >= period_start) AND (change_date <= period_end))`)
@Check('proration_to_quantity_check', `(to_quantity >= 1)`)
@Index('proration_subscription_idx', ['tenantId', 'subscriptionId', 'changeDate'])
@Entity('proration')
export class Proration {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'subscription_id' })
  subscriptionId!: string;

  @Column('date', { name: 'change_date' })
  changeDate!: string;

  @Column('date', { name: 'period_start' })
  periodStart!: string;

  @Column('date', { name: 'period_end' })
  periodEnd!: string;

  @Column('uuid', { name: 'from_plan_id' })
  fromPlanId!: string;

  @Column('integer', { name: 'from_quantity' })
  fromQuantity!: number;

  @Column('bigint', { name: 'credit_unit_price_minor' })
  creditUnitPriceMinor!: string;

  @Column('uuid', { name: 'to_plan_id' })
  toPlanId!: string;

  @Column('integer', { name: 'to_quantity' })
  toQuantity!: number;

  @Column('bigint', { name: 'debit_unit_price_minor' })
  debitUnitPriceMinor!: string;

  @Column('uuid', { name: 'invoice_id', nullable: true })
  invoiceId!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne('Subscription')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'proration_tenant_id_subscription_id_fkey',
    },
    { name: 'subscription_id', referencedColumnName: 'id' },
  ])
  subscription?: Relation<Subscription>;

  @ManyToOne('Plan')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'proration_tenant_id_from_plan_id_fkey',
    },
    { name: 'from_plan_id', referencedColumnName: 'id' },
  ])
  fromPlan?: Relation<Plan>;

  @ManyToOne('Plan')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'proration_tenant_id_to_plan_id_fkey',
    },
    { name: 'to_plan_id', referencedColumnName: 'id' },
  ])
  toPlan?: Relation<Plan>;

  @ManyToOne('Invoice')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'proration_tenant_id_invoice_id_fkey',
    },
    { name: 'invoice_id', referencedColumnName: 'id' },
  ])
  invoice?: unknown;
}
