import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `tenant_access_settings`. */
@Check('tenant_access_settings_check', `(default_minutes <= max_minutes)`)
@Check('tenant_access_settings_default_minutes_check', `((default_minutes >= 5) AND (default_minutes <= 10080))`)
@Check('tenant_access_settings_max_minutes_check', `((max_minutes >= 5) AND (max_minutes <= 10080))`)
@Check(
  'tenant_access_settings_request_timeout_hours_check',
  `((request_timeout_hours >= 1) AND (request_timeout_hours <= 720))`,
)
@Entity('tenant_access_settings')
export class TenantAccessSettings {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Column('integer', { name: 'max_minutes', default: 480 })
  maxMinutes!: number;

  @Column('integer', { name: 'default_minutes', default: 60 })
  defaultMinutes!: number;

  @Column('integer', { name: 'request_timeout_hours', default: 72 })
  requestTimeoutHours!: number;

  @Column('text', {
    name: 'allowed_scopes',
    array: true,
    default: () => "ARRAY['profile:read', 'billing:read', 'billing:write', 'newsletters:read', 'invoices:read'",
  })
  allowedScopes!: string[];

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'tenant_access_settings_tenant_id_fkey',
  })
  tenant?: unknown;
}
