import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type PrivacyRequestType =
  'access' | 'rectification' | 'erasure' | 'restriction' | 'objection' | 'portability' | 'question' | 'complaint';
export type PrivacyRequestChannel = 'portal' | 'email' | 'phone' | 'letter';
export type PrivacyRequestStatus = 'open' | 'done' | 'refused' | 'withdrawn';

/** Table `privacy_request`: a GDPR request with its legal deadline, status and outcome (issue 18 §5). */
@Check(
  'privacy_request_type_check',
  `(type = ANY (ARRAY['access'::text, 'rectification'::text, 'erasure'::text, 'restriction'::text, 'objection'::text, 'portability'::text, 'question'::text, 'complaint'::text]))`,
)
@Check(
  'privacy_request_channel_check',
  `(channel = ANY (ARRAY['portal'::text, 'email'::text, 'phone'::text, 'letter'::text]))`,
)
@Check('privacy_request_details_check', `(length(details) <= 4000)`)
@Check(
  'privacy_request_extension_reason_check',
  `((length(extension_reason) >= 1) AND (length(extension_reason) <= 2000))`,
)
@Check(
  'privacy_request_status_check',
  `(status = ANY (ARRAY['open'::text, 'done'::text, 'refused'::text, 'withdrawn'::text]))`,
)
@Check('privacy_request_outcome_check', `(length(outcome) <= 4000)`)
@Check(
  'privacy_request_extension_check',
  `(((extended_until IS NULL) AND (extension_reason IS NULL)) OR ((extended_until > deadline) AND (extended_until <= (deadline + '2 mons'::interval)) AND (extension_reason IS NOT NULL)))`,
)
@Check('privacy_request_closed_check', `((status = 'open'::text) = (closed_at IS NULL))`)
@Index('privacy_request_user_idx', ['tenantId', 'userId'])
@Index('privacy_request_open_idx', ['tenantId', 'deadline'], { where: `(status = 'open'::text)` })
@Entity('privacy_request')
export class PrivacyRequest {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The person (no foreign key: the request outlives an erasure of its user). */
  @Column('uuid', { name: 'user_id', nullable: true })
  userId!: string | null;

  @Column('uuid', { name: 'account_id', nullable: true })
  accountId!: string | null;

  @Column('text')
  type!: PrivacyRequestType;

  @Column('text')
  channel!: PrivacyRequestChannel;

  @Column('text', { nullable: true })
  details!: string | null;

  @Column('date', { name: 'received_on' })
  receivedOn!: string;

  /** One month after receipt (Art. 12(3)). */
  @Column('date')
  deadline!: string;

  @Column('date', { name: 'extended_until', nullable: true })
  extendedUntil!: string | null;

  @Column('text', { name: 'extension_reason', nullable: true })
  extensionReason!: string | null;

  @Column('text', { default: 'open' })
  status!: PrivacyRequestStatus;

  @Column('text', { nullable: true })
  outcome!: string | null;

  /** The staff user who registered a request that came by mail, phone or letter. */
  @Column('uuid', { name: 'registered_by', nullable: true })
  registeredBy!: string | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('integer', { default: 1 })
  version!: number;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'privacy_request_tenant_id_fkey',
  })
  tenant?: unknown;
}
