import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Invoice } from './invoice.entity';

/** Table `payment_reminder`: one row per reminder sent for an overdue invoice; insert-only. */
@Check('payment_reminder_language_check', `(language = ANY (ARRAY['nl'::text, 'en'::text]))`)
@Check('payment_reminder_recipient_check', `((length(recipient) >= 3) AND (length(recipient) <= 320))`)
@Check('payment_reminder_reminder_no_check', `((reminder_no >= 1) AND (reminder_no <= 10))`)
@Entity('payment_reminder')
export class PaymentReminder {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'invoice_id' })
  invoiceId!: string;

  @PrimaryColumn('integer', { name: 'reminder_no' })
  reminderNo!: number;

  @Column('text')
  recipient!: string;

  @Column('text')
  language!: 'nl' | 'en';

  @Column('timestamptz', { name: 'sent_at', default: () => 'now()' })
  sentAt!: Date;

  @ManyToOne('Invoice')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'payment_reminder_tenant_id_invoice_id_fkey',
    },
    { name: 'invoice_id', referencedColumnName: 'id' },
  ])
  invoice?: Relation<Invoice>;
}
