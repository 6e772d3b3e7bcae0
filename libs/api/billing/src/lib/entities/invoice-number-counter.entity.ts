import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `invoice_number_counter`: the last number of a tenant's series and year, taken in the finalising transaction. */
@Check('invoice_number_counter_kind_check', `(kind = ANY (ARRAY['invoice'::text, 'credit-note'::text]))`)
@Check('invoice_number_counter_last_number_check', `(last_number >= 0)`)
@Check('invoice_number_counter_prefix_check', `(prefix ~ '^[A-Z0-9]{1,10}$'::text)`)
@Check('invoice_number_counter_year_check', `((year >= 2000) AND (year <= 9999))`)
@Entity('invoice_number_counter')
export class InvoiceNumberCounter {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  kind!: 'invoice' | 'credit-note';

  @PrimaryColumn('integer')
  year!: number;

  /** The prefix of this year's numbers, fixed when its first number was taken. */
  @Column('text')
  prefix!: string;

  @Column('integer', { name: 'last_number', default: 0 })
  lastNumber!: number;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'invoice_number_counter_tenant_id_fkey',
  })
  tenant?: unknown;
}
