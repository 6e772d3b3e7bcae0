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
import type { SubscriberAccount } from '@mijn-account/api-accounts';
import type { Plan } from './plan.entity';

/** Table `subscription`: an account's subscription to a plan; its status follows from its dates. */
@Check('subscription_anchor_check', `(billing_anchor >= start_date)`)
@Check('subscription_end_date_check', `(end_date >= start_date)`)
@Check('subscription_quantity_check', `((quantity >= 1) AND (quantity <= 100000))`)
@Index('subscription_account_idx', ['tenantId', 'accountId'])
@Entity('subscription')
export class Subscription {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('uuid', { name: 'plan_id' })
  planId!: string;

  @Column('integer')
  quantity!: number;

  @Column('date', { name: 'start_date' })
  startDate!: string;

  @Column('date', { name: 'billing_anchor' })
  billingAnchor!: string;

  @Column('boolean', { name: 'cancel_at_period_end', default: false })
  cancelAtPeriodEnd!: boolean;

  @Column('date', { name: 'end_date', nullable: true })
  endDate!: string | null;

  @Column('integer', { default: 1 })
  version!: number;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne('SubscriberAccount')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'subscription_tenant_id_account_id_fkey',
    },
    { name: 'account_id', referencedColumnName: 'id' },
  ])
  account?: Relation<SubscriberAccount>;

  @ManyToOne('Plan')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'subscription_tenant_id_plan_id_fkey',
    },
    { name: 'plan_id', referencedColumnName: 'id' },
  ])
  plan?: Relation<Plan>;
}
