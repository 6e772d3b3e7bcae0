import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `audit_seal_progress`. */
@Entity('audit_seal_progress')
export class AuditSealProgress {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Column('bigint', { name: 'sealed_through', default: 0 })
  sealedThrough!: string;

  @Column('bigint', { name: 'pending_through', nullable: true })
  pendingThrough!: string | null;

  @Column('text', { name: 'pending_vxids', array: true, nullable: true })
  pendingVxids!: string[] | null;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'audit_seal_progress_tenant_id_fkey',
  })
  tenant?: unknown;
}
