import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PrivacyExportStatus } from '@mijn-account/shared-contracts';

/** Table `privacy_export`: a person's data export (issue 18 §2), its privacy request and the ZIP's digest. */
@Check('privacy_export_language_check', `(language = ANY (ARRAY['nl'::text, 'en'::text]))`)
@Check(
  'privacy_export_status_check',
  `(status = ANY (ARRAY['pending'::text, 'ready'::text, 'failed'::text, 'expired'::text]))`,
)
@Check('privacy_export_size_bytes_check', `(size_bytes >= 0)`)
@Check('privacy_export_sha256_check', `(sha256 ~ '^[0-9a-f]{64}$'::text)`)
@Check(
  'privacy_export_ready_check',
  `((status = ANY (ARRAY['ready'::text, 'expired'::text])) = ((ready_at IS NOT NULL) AND (expires_at IS NOT NULL)))`,
)
@Index('privacy_export_user_idx', ['tenantId', 'userId', 'createdAt'])
@Index('privacy_export_one_pending_idx', ['tenantId', 'userId'], { unique: true, where: `(status = 'pending'::text)` })
@Entity('privacy_export')
export class PrivacyExport {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('uuid', { name: 'request_id' })
  requestId!: string;

  /** The language of the export's readable index.html and of its mail. */
  @Column('text')
  language!: 'nl' | 'en';

  @Column('text', { default: 'pending' })
  status!: PrivacyExportStatus;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'ready_at', nullable: true })
  readyAt!: Date | null;

  /** Three days after it was ready: the link stops working and the purge deletes the ZIP. */
  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column('bigint', { name: 'size_bytes', nullable: true })
  sizeBytes!: string | null;

  @Column('text', { nullable: true })
  sha256!: string | null;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'privacy_export_tenant_id_fkey',
  })
  tenant?: unknown;

  @ManyToOne('PrivacyRequest')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'privacy_export_tenant_id_request_id_fkey',
    },
    { name: 'request_id', referencedColumnName: 'id' },
  ])
  request?: unknown;
}

/** Table `privacy_export_chunk`: the export's ZIP in order, so any process can stream it back. */
@Check('privacy_export_chunk_chunk_no_check', `(chunk_no >= 1)`)
@Entity('privacy_export_chunk')
export class PrivacyExportChunk {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'export_id' })
  exportId!: string;

  @PrimaryColumn('integer', { name: 'chunk_no' })
  chunkNo!: number;

  @Column('bytea')
  data!: Buffer;

  @ManyToOne('PrivacyExport', { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'privacy_export_chunk_tenant_id_export_id_fkey',
    },
    { name: 'export_id', referencedColumnName: 'id' },
  ])
  export?: unknown;
}
