import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `tenant_identity_provider`. */
@Check('tenant_identity_provider_client_id_check', `((length(client_id) >= 1) AND (length(client_id) <= 300))`)
@Check('tenant_identity_provider_issuer_check', `((issuer ~ '^https?://'::text) AND (length(issuer) <= 300))`)
@Check('tenant_identity_provider_provider_check', `(provider = ANY (ARRAY['google'::text, 'microsoft'::text]))`)
@Entity('tenant_identity_provider')
export class TenantIdentityProvider {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  provider!: string;

  @Column('boolean', { default: false })
  enabled!: boolean;

  @Column('text')
  issuer!: string;

  @Column('text', { name: 'client_id' })
  clientId!: string;

  @Column('text', { name: 'client_secret_enc' })
  clientSecretEnc!: string;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @Column('integer', { default: 1 })
  version!: number;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'tenant_identity_provider_tenant_id_fkey',
  })
  tenant?: unknown;
}
