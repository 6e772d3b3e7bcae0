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
import type { NewsletterList } from './newsletter-list.entity';

export type ConsentPurpose = 'newsletter' | 'age' | 'direct-marketing' | 'statistics' | 'cookies' | 'privacy-statement';

/**
 * Table `consent_record`: the append-only consent ledger — every decision a person made about a
 * purpose (a newsletter list, the age confirmation, objections, cookies, an acknowledged privacy
 * statement), with the wording they saw and the statement version in force.
 */
@Check(
  'consent_record_action_check',
  `(action = ANY (ARRAY['opted-in'::text, 'confirmed'::text, 'opted-out'::text, 'given'::text, 'withdrawn'::text, 'objected'::text, 'acknowledged'::text]))`,
)
@Check(
  'consent_record_method_check',
  `(method = ANY (ARRAY['portal'::text, 'mail-link'::text, 'one-click'::text, 'admin-import'::text, 'sign-up'::text, 'banner'::text, 'staff'::text]))`,
)
@Check(
  'consent_record_purpose_check',
  `(purpose = ANY (ARRAY['newsletter'::text, 'age'::text, 'direct-marketing'::text, 'statistics'::text, 'cookies'::text, 'privacy-statement'::text]))`,
)
@Check('consent_record_list_purpose_check', `((purpose = 'newsletter'::text) = (list_id IS NOT NULL))`)
@Index('consent_record_list_idx', ['tenantId', 'listId', 'userId', 'at'])
@Entity('consent_record')
export class ConsentRecord {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  /** The newsletter list (purpose `newsletter` only). */
  @Column('uuid', { name: 'list_id', nullable: true })
  listId!: string | null;

  @Column('text', { default: 'newsletter' })
  purpose!: ConsentPurpose;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('text')
  email!: string;

  @Column('text')
  action!: string;

  @Column('text')
  method!: string;

  @Column('inet', { nullable: true })
  ip!: string | null;

  @Column('text')
  wording!: string;

  @Column('text', { name: 'privacy_version' })
  privacyVersion!: string;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'consent_record_tenant_id_fkey',
  })
  tenant?: unknown;

  @ManyToOne('NewsletterList')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'consent_record_tenant_id_list_id_fkey',
    },
    { name: 'list_id', referencedColumnName: 'id' },
  ])
  list?: Relation<NewsletterList>;
}
