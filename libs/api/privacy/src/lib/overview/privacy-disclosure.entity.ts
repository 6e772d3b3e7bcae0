import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { LegalBasis } from '@mijn-account/shared-contracts';

/**
 * Table `privacy_disclosure`: the tenant disclosed a person's data to a third party (issue 18 §9).
 * The person sees it on their privacy page from `notice_delayed_until` on (a legal hold), else at once.
 */
@Check('privacy_disclosure_recipient_check', `((length(recipient) >= 1) AND (length(recipient) <= 300))`)
@Check(
  'privacy_disclosure_legal_basis_check',
  `(legal_basis = ANY (ARRAY['consent'::text, 'contract'::text, 'legal-obligation'::text, 'vital-interests'::text, 'public-task'::text, 'legitimate-interests'::text]))`,
)
@Check('privacy_disclosure_categories_check', `((length(categories) >= 1) AND (length(categories) <= 1000))`)
@Check('privacy_disclosure_hold_check', `((notice_delayed_until IS NULL) OR (notice_delayed_until > disclosed_on))`)
@Index('privacy_disclosure_user_idx', ['tenantId', 'userId'])
@Entity('privacy_disclosure')
export class PrivacyDisclosure {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('text')
  recipient!: string;

  @Column('text', { name: 'legal_basis' })
  legalBasis!: LegalBasis;

  @Column('text')
  categories!: string;

  @Column('date', { name: 'disclosed_on' })
  disclosedOn!: string;

  @Column('date', { name: 'notice_delayed_until', nullable: true })
  noticeDelayedUntil!: string | null;

  @Column('uuid', { name: 'recorded_by' })
  recordedBy!: string;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'privacy_disclosure_tenant_id_fkey',
  })
  tenant?: unknown;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'privacy_disclosure_user_fkey' },
    { name: 'user_id', referencedColumnName: 'id' },
  ])
  user?: unknown;
}
