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
  Unique,
} from 'typeorm';
import type { SubscriberAccount } from '@mijn-account/api-accounts';
import type { InvoiceDocument } from '../documents/invoice-document';
import type { BillingRun } from './billing-run.entity';
import type { Subscription } from './subscription.entity';

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';

/**
 * Table `invoice`: a draft (no number) until finalised; then an issued document whose content a
 * trigger keeps unchanged for every role, and which only moves on in status.
 */
@Check('invoice_credited_invoice_check', `((kind = 'credit-note'::text) = (credited_invoice_id IS NOT NULL))`)
@Check('invoice_currency_check', `(currency ~ '^[A-Z]{3}$'::text)`)
@Check(
  'invoice_issued_check',
  `(((status = 'draft'::text) AND (number IS NULL) AND (sequence_no IS NULL) AND (year IS NULL) AND (document IS NULL)) OR ((status <> 'draft'::text) AND (number IS NOT NULL) AND (sequence_no IS NOT NULL) AND (year IS NOT NULL) AND (document IS NOT NULL) AND (issue_date IS NOT NULL) AND (gross_minor IS NOT NULL)))`,
)
@Check('invoice_kind_check', `(kind = ANY (ARRAY['invoice'::text, 'credit-note'::text]))`)
@Check('invoice_language_check', `(language = ANY (ARRAY['nl'::text, 'en'::text]))`)
@Check('invoice_sequence_no_check', `(sequence_no >= 1)`)
@Check(
  'invoice_status_check',
  `(status = ANY (ARRAY['draft'::text, 'open'::text, 'paid'::text, 'void'::text, 'uncollectible'::text]))`,
)
@Check('invoice_status_reason_check', `((length(status_reason) >= 1) AND (length(status_reason) <= 500))`)
@Index('invoice_account_idx', ['tenantId', 'accountId', 'createdAt'])
@Index('invoice_created_idx', ['tenantId', 'createdAt', 'id'])
@Index('invoice_credited_invoice_idx', ['tenantId', 'creditedInvoiceId'], {
  where: '(credited_invoice_id IS NOT NULL)',
})
@Index('invoice_number_key', ['tenantId', 'kind', 'year', 'sequenceNo'], {
  unique: true,
  where: '(sequence_no IS NOT NULL)',
})
@Index('invoice_run_idx', ['tenantId', 'runId', 'status', 'id'])
@Unique('invoice_subscription_period_key', ['tenantId', 'subscriptionId', 'periodStart'])
@Entity('invoice')
export class Invoice {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { default: 'invoice' })
  kind!: 'invoice' | 'credit-note';

  @Column('uuid', { name: 'run_id', nullable: true })
  runId!: string | null;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('uuid', { name: 'subscription_id', nullable: true })
  subscriptionId!: string | null;

  @Column('date', { name: 'period_start', nullable: true })
  periodStart!: string | null;

  @Column('date', { name: 'period_end', nullable: true })
  periodEnd!: string | null;

  @Column('text', { default: 'draft' })
  status!: InvoiceStatus;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('text')
  language!: 'nl' | 'en';

  @Column('integer', { nullable: true })
  year!: number | null;

  @Column('integer', { name: 'sequence_no', nullable: true })
  sequenceNo!: number | null;

  @Column('text', { nullable: true })
  number!: string | null;

  @Column('date', { name: 'issue_date', nullable: true })
  issueDate!: string | null;

  @Column('date', { name: 'due_date', nullable: true })
  dueDate!: string | null;

  /** The issued document exactly as the renderers read it (supplier, customer snapshot, lines, totals). */
  @Column('jsonb', { nullable: true })
  document!: InvoiceDocument | null;

  @Column('bigint', { name: 'net_minor', default: 0 })
  netMinor!: string;

  @Column('bigint', { name: 'tax_minor', nullable: true })
  taxMinor!: string | null;

  @Column('bigint', { name: 'gross_minor', nullable: true })
  grossMinor!: string | null;

  /** Why a draft could not be finalised (finance fixes the cause and finalises again). */
  @Column('text', { nullable: true })
  failure!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'finalised_at', nullable: true })
  finalisedAt!: Date | null;

  @Column('timestamptz', { name: 'status_changed_at', nullable: true })
  statusChangedAt!: Date | null;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason!: string | null;

  /** A credit note: the invoice it corrects (issued content, like the rest). */
  @Column('uuid', { name: 'credited_invoice_id', nullable: true })
  creditedInvoiceId!: string | null;

  @ManyToOne('SubscriberAccount')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'invoice_tenant_id_account_id_fkey',
    },
    { name: 'account_id', referencedColumnName: 'id' },
  ])
  account?: Relation<SubscriberAccount>;

  @ManyToOne('Subscription')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'invoice_tenant_id_subscription_id_fkey',
    },
    { name: 'subscription_id', referencedColumnName: 'id' },
  ])
  subscription?: Relation<Subscription>;

  @ManyToOne('Invoice')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'invoice_tenant_id_credited_invoice_id_fkey',
    },
    { name: 'credited_invoice_id', referencedColumnName: 'id' },
  ])
  creditedInvoice?: Relation<Invoice>;

  @ManyToOne('BillingRun')
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'invoice_tenant_id_run_id_fkey' },
    { name: 'run_id', referencedColumnName: 'id' },
  ])
  run?: Relation<BillingRun>;
}
