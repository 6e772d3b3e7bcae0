import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  VersionColumn,
} from 'typeorm';
import type { AccountRole, Language, StaffRole, UserKind } from '@mijn-account/shared-contracts';

/** A person who signs in to one tenant's portal. Table `app_user` because `user` is reserved in SQL. */
@Check('app_user_account_role_check', `(account_role = ANY (ARRAY['owner'::text, 'member'::text]))`)
@Check('app_user_display_name_check', `((length(display_name) >= 1) AND (length(display_name) <= 200))`)
@Check('app_user_email_check', `((email = lower(email)) AND ((length(email) >= 3) AND (length(email) <= 254)))`)
@Check('app_user_kind_check', `(kind = ANY (ARRAY['subscriber'::text, 'staff'::text]))`)
@Check(
  'app_user_kind_roles',
  `(((kind = 'subscriber'::text) AND (account_id IS NOT NULL) AND (account_role IS NOT NULL) AND (staff_roles = '{}'::text[])) OR ((kind = 'staff'::text) AND (account_id IS NULL) AND (account_role IS NULL) AND (cardinality(staff_roles) > 0) AND (staff_roles <@ ARRAY['helpdesk-agent'::text, 'helpdesk-supervisor'::text, 'finance'::text, 'tenant-admin'::text])))`,
)
@Check('app_user_phone_e164_check', `(phone_e164 ~ '^\\+[1-9][0-9]{6,14}$'::text)`)
@Check('app_user_preferred_language_check', `(preferred_language = ANY (ARRAY['nl'::text, 'en'::text]))`)
@Check(
  'app_user_restriction_reason_check',
  `((length(restriction_reason) >= 1) AND (length(restriction_reason) <= 2000))`,
)
@Check('app_user_restriction_check', `((restricted_at IS NULL) = (restriction_reason IS NULL))`)
@Check('app_user_time_zone_check', `((length(time_zone) >= 1) AND (length(time_zone) <= 64))`)
@Unique('app_user_tenant_id_email_key', ['tenantId', 'email'])
@Index('app_user_account_idx', ['tenantId', 'accountId'])
@Entity('app_user')
export class User {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case; unique per tenant, so the same address in two tenants is two unrelated users. */
  @Column('text')
  email!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash!: string | null;

  @Column('text')
  kind!: UserKind;

  @Column('uuid', { name: 'account_id', nullable: true })
  accountId!: string | null;

  @Column('text', { name: 'account_role', nullable: true })
  accountRole!: AccountRole | null;

  @Column('text', { name: 'staff_roles', array: true, default: () => "'{}'" })
  staffRoles!: StaffRole[];

  @Column('text', { name: 'preferred_language', nullable: true })
  preferredLanguage!: Language | null;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  /** Null until the person proved the address (sign-up link, invitation, reset); such a user cannot sign in. */
  @Column('timestamptz', { name: 'email_verified_at', nullable: true })
  emailVerifiedAt!: Date | null;

  @Column('timestamptz', { name: 'password_changed_at', nullable: true })
  passwordChangedAt!: Date | null;

  @Column('text', { name: 'totp_secret_enc', nullable: true, select: false })
  totpSecretEnc!: string | null;

  @Column('timestamptz', { name: 'totp_enabled_at', nullable: true })
  totpEnabledAt!: Date | null;

  @Column('bigint', { name: 'totp_last_step', nullable: true })
  totpLastStep!: string | null;

  @Column('timestamptz', { name: 'invited_at', nullable: true })
  invitedAt!: Date | null;

  @Column('text', { name: 'phone_e164', nullable: true })
  phoneE164!: string | null;

  @Column('text', { name: 'time_zone', nullable: true })
  timeZone!: string | null;

  /** Restriction of processing (GDPR Art. 18): set with its reason and by whom; null when not restricted. */
  @Column('timestamptz', { name: 'restricted_at', nullable: true })
  restrictedAt!: Date | null;

  @Column('text', { name: 'restriction_reason', nullable: true })
  restrictionReason!: string | null;

  @Column('uuid', { name: 'restricted_by', nullable: true })
  restrictedBy!: string | null;

  /** Objections (Art. 21) to direct marketing and to being counted in statistics; null when none. */
  @Column('timestamptz', { name: 'marketing_objected_at', nullable: true })
  marketingObjectedAt!: Date | null;

  @Column('timestamptz', { name: 'statistics_objected_at', nullable: true })
  statisticsObjectedAt!: Date | null;

  @ManyToOne('SubscriberAccount')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'app_user_tenant_id_account_id_fkey',
    },
    { name: 'account_id', referencedColumnName: 'id' },
  ])
  account?: unknown;

  @ManyToOne('Tenant')
  @JoinColumn({ name: 'tenant_id', referencedColumnName: 'id', foreignKeyConstraintName: 'app_user_tenant_id_fkey' })
  tenant?: unknown;
}
