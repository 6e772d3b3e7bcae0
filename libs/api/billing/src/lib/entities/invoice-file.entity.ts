import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Invoice } from './invoice.entity';

/** Table `invoice_file`: the rendered PDF or UBL of an issued invoice, with its SHA-256; insert-only. */
@Check('invoice_file_digest_check', `(sha256 = encode(sha256(content), 'hex'::text))`)
@Check('invoice_file_file_name_check', `((length(file_name) >= 1) AND (length(file_name) <= 100))`)
@Check('invoice_file_format_check', `(format = ANY (ARRAY['pdf'::text, 'ubl'::text]))`)
@Check('invoice_file_sha256_check', `(sha256 ~ '^[0-9a-f]{64}$'::text)`)
@Entity('invoice_file')
export class InvoiceFile {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'invoice_id' })
  invoiceId!: string;

  @PrimaryColumn('text')
  format!: 'pdf' | 'ubl';

  @Column('text', { name: 'media_type' })
  mediaType!: string;

  @Column('text', { name: 'file_name' })
  fileName!: string;

  @Column('text')
  sha256!: string;

  @Column('bytea')
  content!: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne('Invoice')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'invoice_file_tenant_id_invoice_id_fkey',
    },
    { name: 'invoice_id', referencedColumnName: 'id' },
  ])
  invoice?: Relation<Invoice>;
}
