import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type ErasureStatus = 'pending' | 'cancelled' | 'done';

/** Table `erasure_request`: a person's erasure in its grace period, cancelled, or done (issue 18 §3). */
@Check('erasure_request_status_check', `(status = ANY (ARRAY['pending'::text, 'cancelled'::text, 'done'::text]))`)
@Check('erasure_request_closed_check', `((status = 'pending'::text) = (closed_at IS NULL))`)
@Index('erasure_request_pending_idx', ['tenantId', 'userId'], { unique: true, where: `(status = 'pending'::text)` })
@Entity('erasure_request')
export class ErasureRequest {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The person (no foreign key: the request outlives them). */
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('uuid', { name: 'account_id', nullable: true })
  accountId!: string | null;

  @Column('uuid', { name: 'privacy_request_id' })
  privacyRequestId!: string;

  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' })
  requestedAt!: Date;

  /** The end of the grace period: the erasure job runs from then on. */
  @Column('timestamptz', { name: 'erase_after' })
  eraseAfter!: Date;

  @Column('text', { default: 'pending' })
  status!: ErasureStatus;

  @Column('timestamptz', { name: 'reminded_at', nullable: true })
  remindedAt!: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  /** The person was their account's last: the account was erased with them. */
  @Column('boolean', { name: 'account_erased', default: false })
  accountErased!: boolean;

  @Column('integer', { default: 1 })
  version!: number;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'erasure_request_tenant_id_fkey',
  })
  tenant?: unknown;

  @ManyToOne('PrivacyRequest')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'erasure_request_privacy_request_id_fkey',
    },
    { name: 'privacy_request_id', referencedColumnName: 'id' },
  ])
  privacyRequest?: unknown;
}
