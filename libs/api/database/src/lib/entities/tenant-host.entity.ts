import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A custom host name (beyond `<slug>.<PORTAL_DOMAIN>`) that serves a tenant's portal. */
@Entity('tenant_host')
export class TenantHost {
  @PrimaryColumn('text')
  host!: string;

  @Column('uuid', { name: 'tenant_id' })
  tenantId!: string;
}
