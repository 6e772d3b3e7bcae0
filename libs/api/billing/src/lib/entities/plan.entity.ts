import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { TaxCategory } from './tax-category.entity';

/** Table `plan`: what a subscription is to; archived (never deleted) once in use. */
@Check('plan_currency_check', `(currency ~ '^[A-Z]{3}$'::text)`)
@Check('plan_description_en_check', `(length(description_en) <= 500)`)
@Check('plan_description_nl_check', `(length(description_nl) <= 500)`)
@Check('plan_billing_interval_check', `(billing_interval = ANY (ARRAY['month'::text, 'year'::text]))`)
@Check('plan_name_en_check', `((length(name_en) >= 1) AND (length(name_en) <= 100))`)
@Check('plan_name_nl_check', `((length(name_nl) >= 1) AND (length(name_nl) <= 100))`)
@Entity('plan')
export class Plan {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { name: 'name_nl' })
  nameNl!: string;

  @Column('text', { name: 'name_en' })
  nameEn!: string;

  @Column('text', { name: 'description_nl', default: '' })
  descriptionNl!: string;

  @Column('text', { name: 'description_en', default: '' })
  descriptionEn!: string;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('text', { name: 'billing_interval' })
  interval!: 'month' | 'year';

  @Column('text', { name: 'tax_category' })
  taxCategory!: string;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne('Tenant')
  @JoinColumn({ name: 'tenant_id', referencedColumnName: 'id', foreignKeyConstraintName: 'plan_tenant_id_fkey' })
  tenant?: unknown;

  @ManyToOne('TaxCategory')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'plan_tenant_id_tax_category_fkey',
    },
    { name: 'tax_category', referencedColumnName: 'code' },
  ])
  category?: Relation<TaxCategory>;
}
