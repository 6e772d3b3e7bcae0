import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `tenant_sign_in_settings`. */
@Check('tenant_sign_in_settings_check', `(free_attempts < lock_after)`)
@Check('tenant_sign_in_settings_free_attempts_check', `((free_attempts >= 1) AND (free_attempts <= 20))`)
@Check('tenant_sign_in_settings_ip_lock_after_check', `((ip_lock_after >= 10) AND (ip_lock_after <= 10000))`)
@Check('tenant_sign_in_settings_lock_after_check', `((lock_after >= 3) AND (lock_after <= 100))`)
@Check('tenant_sign_in_settings_lock_minutes_check', `((lock_minutes >= 1) AND (lock_minutes <= 1440))`)
@Entity('tenant_sign_in_settings')
export class TenantSignInSettings {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Column('boolean', { name: 'self_sign_up', default: false })
  selfSignUp!: boolean;

  @Column('integer', { name: 'free_attempts', default: 3 })
  freeAttempts!: number;

  @Column('integer', { name: 'lock_after', default: 10 })
  lockAfter!: number;

  @Column('integer', { name: 'lock_minutes', default: 15 })
  lockMinutes!: number;

  @Column('integer', { name: 'ip_lock_after', default: 50 })
  ipLockAfter!: number;

  @Column('integer', { default: 1 })
  version!: number;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'tenant_sign_in_settings_tenant_id_fkey',
  })
  tenant?: unknown;
}
