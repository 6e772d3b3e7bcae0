import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { SubscriberAccount } from '@mijn-account/api-accounts';
import type { User } from '@mijn-account/api-auth';

/** Table `access_grant`. */
@Check('access_grant_close_note_check', `(length(close_note) <= 4000)`)
@Check('access_grant_deny_reason_check', `((length(deny_reason) >= 1) AND (length(deny_reason) <= 2000))`)
@Check('access_grant_justification_check', `((length(justification) >= 1) AND (length(justification) <= 2000))`)
@Check('access_grant_minutes_check', `(minutes > 0)`)
@Check('access_grant_reason_check', `(reason = ANY (ARRAY['service'::text, 'security'::text, 'availability'::text]))`)
@Check('access_grant_scopes_check', `(cardinality(scopes) > 0)`)
@Check(
  'access_grant_status_check',
  `(status = ANY (ARRAY['pending'::text, 'active'::text, 'denied'::text, 'expired'::text, 'revoked'::text, 'closed'::text]))`,
)
@Check('access_grant_ticket_check', `((length(ticket) >= 1) AND (length(ticket) <= 100))`)
@Index('access_grant_account_idx', ['tenantId', 'accountId', 'status'])
@Index('access_grant_agent_idx', ['tenantId', 'requestedBy', 'status'])
@Entity('access_grant')
export class AccessGrant {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('uuid', { name: 'requested_by' })
  requestedBy!: string;

  @Column('text', { name: 'requested_by_name' })
  requestedByName!: string;

  @Column('text')
  reason!: string;

  @Column('text')
  ticket!: string;

  @Column('text')
  justification!: string;

  @Column('text', { array: true })
  scopes!: string[];

  @Column('integer')
  minutes!: number;

  @Column('text')
  status!: string;

  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' })
  requestedAt!: Date;

  @Column('timestamptz', { name: 'request_expires_at' })
  requestExpiresAt!: Date;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column('text', { name: 'decided_by_name', nullable: true })
  decidedByName!: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @Column('timestamptz', { name: 'starts_at', nullable: true })
  startsAt!: Date | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @Column('text', { name: 'close_note', nullable: true })
  closeNote!: string | null;

  /** Why a request was denied; the agent reads it. */
  @Column('text', { name: 'deny_reason', nullable: true })
  denyReason!: string | null;

  @ManyToOne('SubscriberAccount')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'access_grant_tenant_id_account_id_fkey',
    },
    { name: 'account_id', referencedColumnName: 'id' },
  ])
  account?: Relation<SubscriberAccount>;

  @ManyToOne('User')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'access_grant_tenant_id_requested_by_fkey',
    },
    { name: 'requested_by', referencedColumnName: 'id' },
  ])
  requester?: Relation<User>;
}
