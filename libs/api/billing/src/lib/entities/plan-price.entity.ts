import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Plan } from './plan.entity';

/** Table `plan_price`: a plan's price per unit from a date on (a period is priced on its first day). */
@Check(
  'plan_price_unit_price_minor_check',
  `((unit_price_minor >= 0) AND (unit_price_minor <= '100000000000'::bigint))`,
)
@Entity('plan_price')
export class PlanPrice {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'plan_id' })
  planId!: string;

  @PrimaryColumn('date', { name: 'effective_from' })
  effectiveFrom!: string;

  @Column('bigint', { name: 'unit_price_minor' })
  unitPriceMinor!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne('Plan', { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'plan_price_tenant_id_plan_id_fkey',
    },
    { name: 'plan_id', referencedColumnName: 'id' },
  ])
  plan?: Relation<Plan>;
}
