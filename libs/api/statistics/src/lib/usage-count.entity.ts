import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * Table `usage_count`: how often a feature was used on a day of the tenant's calendar, and nothing
 * else — no user, account, session, device or address (issue 18 §8).
 */
@Check('usage_count_feature_check', `((feature ~ '^[a-z]+(-[a-z]+)*$'::text) AND (length(feature) <= 40))`)
@Check('usage_count_event_check', `((event ~ '^[a-z]+(-[a-z]+)*$'::text) AND (length(event) <= 40))`)
@Check('usage_count_count_check', `(count > 0)`)
@Entity('usage_count')
export class UsageCount {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  /** The tenant's calendar day. */
  @PrimaryColumn('date')
  day!: string;

  @PrimaryColumn('text')
  feature!: string;

  @PrimaryColumn('text')
  event!: string;

  @Column('integer', { default: 1 })
  count!: number;

  @ManyToOne('Tenant')
  @JoinColumn({ name: 'tenant_id', referencedColumnName: 'id', foreignKeyConstraintName: 'usage_count_tenant_id_fkey' })
  tenant?: unknown;
}
