import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Tenant } from './tenant.entity';

/** A custom host name (beyond `<slug>.<PORTAL_DOMAIN>`) that serves a tenant's portal. */
@Check('tenant_host_host_check', `(host = lower(host))`)
@Index('tenant_host_tenant_idx', ['tenantId'])
@Entity('tenant_host')
export class TenantHost {
  @PrimaryColumn('text')
  host!: string;

  @Column('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @ManyToOne('Tenant', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', referencedColumnName: 'id', foreignKeyConstraintName: 'tenant_host_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
