import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `sign_in_throttle`. */
@Entity('sign_in_throttle')
export class SignInThrottle {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  key!: string;

  @Column('integer', { default: 0 })
  failures!: number;

  @Column('timestamptz', { name: 'last_failure_at', default: () => 'now()' })
  lastFailureAt!: Date;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'sign_in_throttle_tenant_id_fkey',
  })
  tenant?: unknown;
}
