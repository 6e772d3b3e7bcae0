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
import type { Invoice } from './invoice.entity';

/** Table `payment`: money received against an issued invoice, registered by finance; insert-only. */
@Check('payment_amount_minor_check', `(amount_minor > 0)`)
@Check('payment_reference_check', `((length(reference) >= 1) AND (length(reference) <= 200))`)
@Index('payment_invoice_idx', ['tenantId', 'invoiceId'])
@Entity('payment')
export class Payment {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'invoice_id' })
  invoiceId!: string;

  @Column('bigint', { name: 'amount_minor' })
  amountMinor!: string;

  @Column('date', { name: 'paid_on' })
  paidOn!: string;

  @Column('text')
  reference!: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne('Invoice')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'payment_tenant_id_invoice_id_fkey',
    },
    { name: 'invoice_id', referencedColumnName: 'id' },
  ])
  invoice?: Relation<Invoice>;
}
