import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Invoice } from './invoice.entity';

export type InvoiceLineKind = 'recurring' | 'proration-credit' | 'proration-debit' | 'one-off';

/** Table `invoice_line`: a line of a draft; a trigger refuses changes once the invoice is issued. */
@Check('invoice_line_description_check', `((length(description) >= 1) AND (length(description) <= 500))`)
@Check(
  'invoice_line_kind_check',
  `(kind = ANY (ARRAY['recurring'::text, 'proration-credit'::text, 'proration-debit'::text, 'one-off'::text]))`,
)
@Check('invoice_line_net_check', `(net_minor = (quantity * unit_price_minor))`)
@Check('invoice_line_position_check', `(position >= 1)`)
@Check('invoice_line_quantity_check', `(quantity <> 0)`)
@Check('invoice_line_unit_price_minor_check', `(unit_price_minor >= 0)`)
@Entity('invoice_line')
export class InvoiceLineRow {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'invoice_id' })
  invoiceId!: string;

  @PrimaryColumn('integer')
  position!: number;

  @Column('text')
  kind!: InvoiceLineKind;

  @Column('text')
  description!: string;

  @Column('integer')
  quantity!: number;

  @Column('bigint', { name: 'unit_price_minor' })
  unitPriceMinor!: string;

  @Column('bigint', { name: 'net_minor' })
  netMinor!: string;

  /** The tenant's tax category code (the treatment follows from the customer at finalisation). */
  @Column('text', { name: 'tax_category' })
  taxCategory!: string;

  @Column('date', { name: 'period_start', nullable: true })
  periodStart!: string | null;

  @Column('date', { name: 'period_end', nullable: true })
  periodEnd!: string | null;

  @ManyToOne('Invoice', { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'invoice_line_tenant_id_invoice_id_fkey',
    },
    { name: 'invoice_id', referencedColumnName: 'id' },
  ])
  invoice?: Relation<Invoice>;
}
