import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * Table `mail_attachment`: a queued mail's attachment, by reference to a stored invoice file (the
 * bytes stay in insert-only `invoice_file`; the outbox never holds a copy). Insert-only.
 */
@Check('mail_attachment_position_check', `((position >= 1) AND (position <= 10))`)
@Entity('mail_attachment')
export class MailAttachment {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'mail_id' })
  mailId!: string;

  @PrimaryColumn('integer')
  position!: number;

  @Column('uuid', { name: 'invoice_id' })
  invoiceId!: string;

  @Column('text')
  format!: 'pdf' | 'ubl';

  @ManyToOne('MailMessage')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'mail_attachment_tenant_id_mail_id_fkey',
    },
    { name: 'mail_id', referencedColumnName: 'id' },
  ])
  mail?: unknown;

  @ManyToOne('InvoiceFile')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'mail_attachment_tenant_id_invoice_id_format_fkey',
    },
    { name: 'invoice_id', referencedColumnName: 'invoiceId' },
    { name: 'format', referencedColumnName: 'format' },
  ])
  file?: unknown;
}
